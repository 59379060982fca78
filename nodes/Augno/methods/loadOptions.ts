import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { optionsFromApi } from '../../shared/loadOptions';
import { augnoApi } from '../api';

/**
 * Augno's list envelope: { object: 'list', page_info, data: [...] } (see List Account Users,
 * https://docs.augno.com/api-reference/account-users-management/list-account-users). The
 * dropdown shows the first page; an ID from an expression works for anything beyond it.
 */
function listOptions(describe: (entry: IDataObject) => string | undefined) {
	return (body: unknown): INodePropertyOptions[] => {
		const data = typeof body === 'object' && body !== null ? (body as IDataObject).data : undefined;
		if (!Array.isArray(data)) return [];
		return (data as IDataObject[])
			.filter((entry) => typeof entry.id === 'string' && typeof entry.name === 'string')
			.map((entry) => ({ name: entry.name as string, value: entry.id as string, description: describe(entry) }));
	};
}

// Neither list endpoint was found in Augno's public API reference: the paths follow its URI
// scheme (https://docs.augno.com/api/uris). Roles sit in the identity domain beside account
// users; departments in the operations domain beside scanning stations, which embed them.
const ROLES_PATH = '/v1/identity/roles';
const DEPARTMENTS_PATH = '/v1/operations/departments';

export const loadOptions = {
	getRoles: optionsFromApi(
		augnoApi,
		{ method: 'GET', path: ROLES_PATH },
		listOptions((role) => (typeof role.type === 'string' ? `Type: ${role.type}` : undefined)),
	),
	getDepartments: optionsFromApi(
		augnoApi,
		{ method: 'GET', path: DEPARTMENTS_PATH },
		listOptions((department) => (typeof department.notes === 'string' ? department.notes : undefined)),
	),
};
