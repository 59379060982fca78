import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { removedItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { findUser, pulseUserLocator } from './users';

const locator = pulseUserLocator('The user to take out of the account');

const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2311',
		description: 'The account to remove the user from (one of the accounts in the user\'s "accounts")',
	},
];

const schema = z.object({
	user: userEmailSchema(locator),
	accountId: z.union([z.string(), z.number()]).transform((value) => String(value).trim()).pipe(z.string().min(1, 'is required')),
});

const isMemberOf = (user: IDataObject, accountId: string) =>
	Array.isArray(user.accounts) && (user.accounts as IDataObject[]).some((account) => String(account.accountId) === accountId);

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
		if (!user || !isMemberOf(user, accountId)) return removedItem(reference, true, { accountId });
		const path = `/accounts/${encodeURIComponent(accountId)}/users/${encodeURIComponent(String(user.id))}`;
		const response = await client.changeIfFound({ method: 'DELETE', path });
		return removedItem(reference, response === undefined, { id: user.id as number, accountId });
	},
};
