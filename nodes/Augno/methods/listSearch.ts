import type { IDataObject } from 'n8n-workflow';

import { fieldsOf } from '../../shared/plainObject';
import { cursorOf, namedEntries, searchFromApi, type ListPage } from '../../shared/providerLists';
import { augnoProvider } from '../api';

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
function listPage(describe: (entry: IDataObject) => string | undefined) {
	return (body: unknown): ListPage => {
		const envelope = fieldsOf(body);
		const pageInfo = fieldsOf(envelope.page_info);
		const paginationToken = pageInfo.has_next_page === true ? cursorOf(pageInfo.next_page_url) : undefined;
		return { results: namedEntries(envelope.data, describe), paginationToken };
	};
}

function listRequest(path: string) {
	return (filter: string | undefined, cursor: string | undefined) => {
		const qs: IDataObject = { limit: PAGE_SIZE };
		if (filter !== undefined) qs.q = filter;
		if (cursor !== undefined) qs.cursor = cursor;
		return { method: 'GET' as const, path, qs };
	};
}

export const listSearch = {
	searchRoles: searchFromApi(
		augnoProvider,
		'roles',
		listRequest(ROLES_PATH),
		listPage((role) => (typeof role.type === 'string' ? `Type: ${role.type}` : undefined)),
	),
	searchDepartments: searchFromApi(
		augnoProvider,
		'departments',
		listRequest(DEPARTMENTS_PATH),
		listPage((department) => (typeof department.notes === 'string' ? department.notes : undefined)),
	),
};
