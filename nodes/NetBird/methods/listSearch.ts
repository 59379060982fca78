import type { INodeListSearchItems } from 'n8n-workflow';

import { searchFromApi, type ListPage } from '../../shared/providerLists';
import { netBirdProvider } from '../api';
import { describeNetBirdUser, listUsersRequest, usersOf, type NetBirdUser } from '../user/users';

function entryOf(user: NetBirdUser): INodeListSearchItems {
	const state = user.is_blocked === true ? 'Blocked' : typeof user.status === 'string' && user.status !== 'active' ? user.status : undefined;
	return {
		name: user.email ? `${user.name || user.email} (${user.email})` : user.name || user.id,
		value: user.id,
		description: [user.is_service_user ? 'Service user' : undefined, state, user.role].filter(Boolean).join(' · '),
	};
}

/**
 * GET /api/users answers with every user at once and takes no search text, so the search is
 * done here, on name and email; there is never a next page.
 */
function usersPage(body: unknown, search: string | undefined): ListPage {
	const wanted = search?.toLowerCase();
	const users = usersOf(body).filter(
		(user) => wanted === undefined || describeNetBirdUser(user).toLowerCase().includes(wanted),
	);
	return { results: users.map(entryOf).sort((a, b) => a.name.localeCompare(b.name)) };
}

export const listSearch = {
	searchUsers: searchFromApi(netBirdProvider, 'users', () => listUsersRequest('all'), usersPage),
};
