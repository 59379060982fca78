import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

import { searchFromApi, type ListPage } from '../../shared/providerLists';
import { pulseCrmProvider } from '../api';

// One page is what a dropdown shows before the user scrolls.
const PAGE_SIZE = 50;

/**
 * GET /users ("Get all users in the system"): `search` ("Search users by email or name"),
 * page-number paging, `{ users, totalCount, totalPages, currentPage }`. An entry's value is the
 * email, which is how Pulse CRM addresses a user.
 * https://44.docs.dev.pulsecrm.com/api-reference/get-users.html
 */
function usersPage(body: unknown): ListPage {
	const page = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const users = Array.isArray(page.users) ? (page.users as IDataObject[]) : [];
	const results: INodeListSearchItems[] = users
		.filter((user) => typeof user.email === 'string')
		.map((user) => ({
			name: typeof user.name === 'string' && user.name ? `${user.name} (${String(user.email)})` : String(user.email),
			value: String(user.email),
			description: user.active === false ? 'Inactive' : undefined,
		}));
	const current = Number(page.currentPage);
	const hasNext = Number.isInteger(current) && current < Number(page.totalPages);
	return { results, paginationToken: hasNext ? String(current + 1) : undefined };
}

export const listSearch = {
	searchUsers: searchFromApi(
		pulseCrmProvider,
		'users',
		(filter, page) => ({ method: 'GET', path: '/users', qs: { page: page ?? '1', pageSize: PAGE_SIZE, ...(filter ? { search: filter } : {}) } }),
		usersPage,
	),
};
