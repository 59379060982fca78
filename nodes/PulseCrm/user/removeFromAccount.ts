import type { INodeProperties } from 'n8n-workflow';

import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { removedItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { accountIdProperty, accountIdSchema, membershipOf, membershipPath } from './accounts';
import { findUser, pulseUserLocator } from './users';

const locator = pulseUserLocator('The user to take out of the account');

const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	accountIdProperty('The account to remove the user from (one of the accounts in the user\'s "accounts")'),
];

const schema = z.object({
	user: userEmailSchema(locator),
	accountId: accountIdSchema,
});

// DELETE /accounts/{accountId}/users/{userId}, "Removes a user from a specific account"; the
// caller must be an admin of that account or a Super Admin; 404 "User/account combination not
// found". It takes the numeric user ID, read first with GET /users/{email}.
// https://44.docs.dev.pulsecrm.com/api-reference/delete-accounts-x-accountid-x-users-x-userid-x.html
export const removeUserFromAccountOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'removeFromAccount',
	name: 'Remove From Account',
	action: 'Remove a user from one account, keeping the user',
	description:
		'Takes the user out of one account (DELETE /accounts/{accountId}/users/{userId}); the user and their other accounts stay. A user who is not in the account (or not in Pulse CRM) is a success with alreadyRemoved: true.',
	fields,
	schema,
	done: 'removed from the account',
	async run({ user: email, accountId }, client) {
		const user = await findUser(client, email);
		const reference = { by: 'email' as const, email };
		if (!user || !membershipOf(user, accountId)) return removedItem(reference, true, { accountId });
		const response = await client.changeIfFound({ method: 'DELETE', path: membershipPath(accountId, user.id) });
		return removedItem(reference, response === undefined, { id: user.id as number, accountId });
	},
};
