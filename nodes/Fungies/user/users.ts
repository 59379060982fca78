import type { IDataObject } from 'n8n-workflow';

import { fieldsOf, isPlainObject } from '../../shared/plainObject';
import type { UserLocatorSettings } from '../../shared/userLocator';
import { fungiesProvider } from '../api';

/**
 * Fungies' user endpoints besides create (https://docs.fungies.io/core-resources/user): each one
 * addresses a user by its UUID, and answers `{ status: "success", data: { user } }` (archive and
 * unarchive: `data: { success, archived }`).
 *
 * Not offered: Find by Email and a searchable From List. GET /v0/users/list is documented, but
 * its parameters are not settled: Fungies' help centre names them `email`, `page` and `limit`,
 * while Fungies' own CLI and MCP server send `term`, `skip` and `take` and read `data.users`,
 * and the API reference page for the list could not be read. A lookup built on either could
 * silently match no one, or someone else.
 */
export function fungiesUserLocator(purpose: string): UserLocatorSettings {
	return { providerName: fungiesProvider.name, byEmail: false, byId: { placeholder: '123e4567-e89b-12d3-a456-426614174000' }, purpose };
}

export const userPath = (id: string) => `/v0/users/${encodeURIComponent(id)}`;

/** The user in a success answer, never with a password (Fungies documents that it returns none). */
export function userOfResponse(body: unknown): IDataObject {
	const user = fieldsOf(fieldsOf(body).data).user;
	if (!isPlainObject(user)) return { response: body as IDataObject[string] };
	return Object.fromEntries(Object.entries(user).filter(([key]) => key !== 'password'));
}
