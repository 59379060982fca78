import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

import { updateFieldsProperty, updateFieldsSchema } from '../../shared/updateFields';
import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { userNotFoundError } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { accountIdProperty, accountIdSchema, membershipOf, membershipPath } from './accounts';
import { findUser, pulseUserLocator, USER_SECRET_FIELDS } from './users';

const locator = pulseUserLocator('The user whose membership to change');

// PATCH /accounts/{accountId}/users/{userId}, "Update user account data": body
// { usersPrimaryAccount, accountAdmin }; made by an account admin of that account or a Super
// Admin; 200 { message }; 400 "User already has a different primary account"; 403 "You are not an
// account admin or do not manage this user"; 404 "User/account combination not found".
// https://44.docs.dev.pulsecrm.com/api-reference/patch-accounts-x-accountid-x-users-x-userid-x.html
// Each flag is sent only when added, so a change of one never sets the other (Account Admin grants
// admin rights and must never be sent by default).
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	accountIdProperty('The account whose membership to change (one of the accounts in the user\'s "accounts")'),
	updateFieldsProperty([
		{
			displayName: 'Account Admin',
			name: 'accountAdmin',
			type: 'boolean',
			default: false,
			description:
				"Whether the user is an admin of this account. Pulse CRM lets an account admin change and remove other users' memberships of the account (the calls Update Account Membership and Remove From Account make); its docs do not list what else it grants.",
		},
		{
			displayName: 'Primary Account',
			name: 'usersPrimaryAccount',
			type: 'boolean',
			default: false,
			description:
				'Whether this is the user\'s primary account. Pulse CRM refuses to make it primary while the user has a different primary account ("User already has a different primary account").',
		},
	]),
];

const schema = z.object({
	user: userEmailSchema(locator),
	accountId: accountIdSchema,
	updateFields: updateFieldsSchema({
		accountAdmin: z.boolean().optional(),
		usersPrimaryAccount: z.boolean().optional(),
	}),
});

/** The user is not in the account: nothing is sent, and the item names both. */
function notAMemberError(node: INode, email: string, accountId: string, itemIndex: number): NodeOperationError {
	const error = new NodeOperationError(node, `Pulse CRM user ${email} is not in account ${accountId}`, {
		itemIndex,
		description: 'Nothing was changed. Check the Account ID against the accounts in the user\'s "accounts".',
	});
	error.context.outcome = 'not_changed';
	error.context.providerCode = 'not_a_member';
	return error;
}

export const updateUserMembershipOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'updateMembership',
	name: 'Update Account Membership',
	// An agent's tool reads only this: say that it can grant admin rights.
	action: "Set a user's primary account, or grant or revoke their admin rights, for one account",
	description:
		"Sets whether the account is the user's primary account and whether they are its admin (PATCH /accounts/{accountId}/users/{userId}); a flag left out stays as it is. Outputs the user read back, with their accounts. A user not in the account is an error, with nothing changed.",
	fields,
	schema,
	done: 'updated in the account',
	secretFields: USER_SECRET_FIELDS,
	async run({ user: email, accountId, updateFields }, client, { node, itemIndex }) {
		const user = await findUser(client, email);
		if (!user) throw userNotFoundError(node, pulseCrmProvider.name, { by: 'email', email }, itemIndex);
		if (!membershipOf(user, accountId)) throw notAMemberError(node, email, accountId, itemIndex);
		// Not documented as idempotent: sent once. A 404 here means the membership went in between.
		const response = await client.changeIfFound({ method: 'PATCH', path: membershipPath(accountId, user.id), body: updateFields });
		if (!response) throw notAMemberError(node, email, accountId, itemIndex);
		// Pulse CRM answers { message }: the user read back shows the membership as it now is.
		return (await findUser(client, email)) ?? { email, id: user.id as number, accountId, ...(response.body as object) };
	},
};
