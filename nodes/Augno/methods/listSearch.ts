import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

import { cursorOf, namedEntries, searchFromApi, type ListPage } from '../../shared/providerLists';
import { augnoProvider } from '../api';
import { ACCOUNT_USERS_PATH } from '../user/accountUsers';

// Neither list endpoint was found in Augno's public API reference: the paths follow its URI
// scheme (https://docs.augno.com/api/uris). Roles sit in the identity domain beside account
// users; departments in the operations domain beside scanning stations, which embed them.
export const ROLES_PATH = '/v1/identity/roles';
export const DEPARTMENTS_PATH = '/v1/operations/departments';

// One page is what a dropdown shows before the user scrolls; Augno's documented lists take
// `limit` (default 100, max 1000).
const PAGE_SIZE = 100;

/**
 * Augno's list envelope and paging, as documented for List Account Users
 * (https://docs.augno.com/api-reference/account-users-management/list-account-users):
 * `{ object: 'list', page_info: { next_page_url, has_next_page, ... }, data }`, the next page
 * asked for with the opaque `cursor` of `next_page_url`, and `q` a free-text search.
 */
function listPage(toResults: (data: unknown) => INodeListSearchItems[]) {
	return (body: unknown): ListPage => {
		const envelope = typeof body === 'object' && body !== null ? (body as IDataObject) : {};
		const pageInfo = (typeof envelope.page_info === 'object' && envelope.page_info !== null ? envelope.page_info : {}) as IDataObject;
		const paginationToken = pageInfo.has_next_page === true ? cursorOf(pageInfo.next_page_url) : undefined;
		return { results: toResults(envelope.data), paginationToken };
	};
}

function listRequest(path: string, extraQuery: IDataObject = {}) {
	return (filter: string | undefined, cursor: string | undefined) => {
		const qs: IDataObject = { limit: PAGE_SIZE, ...extraQuery };
		if (filter !== undefined) qs.q = filter;
		if (cursor !== undefined) qs.cursor = cursor;
		return { method: 'GET' as const, path, qs, arrayFormat: 'repeat' as const };
	};
}

/** Account users by the person's name and email (or username, for a scanning station), valued by account-user ID. */
function accountUserEntries(data: unknown): INodeListSearchItems[] {
	if (!Array.isArray(data)) return [];
	return (data as IDataObject[]).flatMap((accountUser) => {
		const user = (accountUser.user ?? {}) as IDataObject;
		const label = [user.email, user.username].find((value) => typeof value === 'string' && value !== '') as string | undefined;
		if (typeof accountUser.id !== 'string' || label === undefined) return [];
		const name = typeof user.name === 'string' && user.name ? `${user.name} (${label})` : label;
		return [{ name, value: accountUser.id, description: typeof accountUser.status === 'string' ? `Status: ${accountUser.status}` : undefined }];
	});
}

export const listSearch = {
	searchRoles: searchFromApi(
		augnoProvider,
		'roles',
		listRequest(ROLES_PATH),
		listPage((data) => namedEntries(data, (role) => (typeof role.type === 'string' ? `Type: ${role.type}` : undefined))),
	),
	searchDepartments: searchFromApi(
		augnoProvider,
		'departments',
		listRequest(DEPARTMENTS_PATH),
		listPage((data) => namedEntries(data, (department) => (typeof department.notes === 'string' ? department.notes : undefined))),
	),
	// List Account Users (documented), removed users included so that Reactivate can find them.
	searchAccountUsers: searchFromApi(
		augnoProvider,
		'users',
		listRequest(ACCOUNT_USERS_PATH, { 'include[]': ['user'], removed_scope: 'included' }),
		listPage(accountUserEntries),
	),
};
