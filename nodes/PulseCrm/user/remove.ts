import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { removedItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { pulseUserLocator, userPath } from './users';

const locator = pulseUserLocator('The user to delete');
const schema = z.object({ user: userEmailSchema(locator) });

// DELETE /users/{email}, "Deletes a user by their email address": 200 { message }, 404 when no
// user has it. https://api.docs.pulsecrm.com/api-reference/delete-users-x-email-x.html
// Not documented as idempotent, so it is sent once; a 404 means the user is already gone.
export const removeUserOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'remove',
	name: 'Remove',
	action: 'Delete a user from every account (no documented restore)',
	description:
		'Deletes the user from Pulse CRM (DELETE /users/{email}), from every account. Pulse CRM does not document a way to restore a deleted user; to take someone out of one account only, use Remove From Account. A user who is already gone is a success with alreadyRemoved: true.',
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'deleted',
	async run({ user: email }, client) {
		const response = await client.changeIfFound({ method: 'DELETE', path: userPath(email) });
		return removedItem({ by: 'email', email }, response === undefined);
	},
};
