import type { IDataObject } from 'n8n-workflow';

import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { fungiesProvider } from '../api';
import { fungiesUserLocator, userPath } from './users';

/** Archive and Unarchive: PATCH /v0/users/{userId}/archive or /unarchive with an empty body. */
function archiveOperation(archived: boolean) {
	const locator = fungiesUserLocator(archived ? 'The user to archive' : 'The user to restore');
	const schema = z.object({ user: userReferenceSchema(locator) });
	const operation: UserOperation<typeof schema> = {
		provider: fungiesProvider,
		value: archived ? 'archive' : 'unarchive',
		name: archived ? 'Archive' : 'Unarchive',
		action: archived ? 'Archive a user (soft delete, reversible with Unarchive)' : 'Restore an archived user',
		// https://docs.fungies.io/api-reference/users/archive-user: "Soft delete (archive) a User
		// account. This action is reversible." https://docs.fungies.io/api-reference/users/unarchive-user:
		// "Restore a User account that has been previously archived". Fungies documents no hard delete
		// and no deactivation, nor what an archived user can still do. Sent once: neither call is
		// documented as idempotent.
		description: archived
			? "Archives the user (PATCH /v0/users/{userId}/archive), Fungies' soft delete: reversible with Unarchive. Fungies has no hard delete and does not document what an archived user can still do."
			: 'Restores a user archived before (PATCH /v0/users/{userId}/unarchive).',
		fields: [userLocatorProperty(locator)],
		schema,
		done: archived ? 'archived' : 'restored',
		async run({ user }, client) {
			const id = user.by === 'id' ? user.id : '';
			const response = await client.change({ method: 'PATCH', path: `${userPath(id)}/${archived ? 'archive' : 'unarchive'}`, body: {} });
			const data = (response.body as { data?: unknown } | null)?.data;
			return { id, ...(typeof data === 'object' && data !== null ? (data as IDataObject) : {}) };
		},
	};
	return operation;
}

export const archiveUserOperation = archiveOperation(true);
export const unarchiveUserOperation = archiveOperation(false);
