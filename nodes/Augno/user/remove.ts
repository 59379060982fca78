import type { IDataObject } from 'n8n-workflow';

import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { removedItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { augnoProvider } from '../api';
import { accountUserPath, augnoUserLocator, findAccountUser } from './accountUsers';

const locator = augnoUserLocator('The user to remove from the account');
const schema = z.object({ user: userReferenceSchema(locator) });

// PUT /v1/identity/account-users/{id}/actions/remove: a soft delete: "hidden from listings
// unless removed_scope=included, frees the seat, restorable with activate, no-op if already
// removed; the user's profile itself is untouched, so their access to any other account they
// belong to is unaffected". Augno has no hard delete.
export const removeUserOperation: UserOperation<typeof schema> = {
	provider: augnoProvider,
	value: 'remove',
	name: 'Remove',
	action: 'Remove a user from the account (soft, restorable)',
	description:
		"Removes the user from this account (PUT …/actions/remove), a soft delete: the seat is freed, the person's profile and other accounts are untouched, and Reactivate (or adding them again) restores them. Augno has no hard delete. A user already removed or not in the account is a success with alreadyRemoved: true.",
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'removed',
	async run({ user }, client, item) {
		// Read first: the action answers the same `{}` whether or not the user was already removed.
		const found = await findAccountUser(client, user, { ...item, removedScope: 'included' });
		if (!found || found.status === 'removed') return removedItem(user, true, found ? { id: found.id as string } : {});
		const id = String(found.id);
		const done = await client.changeIfFound({ method: 'PUT', path: `${accountUserPath(id)}/actions/remove` }, 'documentedIdempotent');
		const account: IDataObject = { id, status: 'removed' };
		return removedItem(user, done === undefined, account);
	},
};
