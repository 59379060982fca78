import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { z } from '../../shared/zod';

/**
 * A user's membership of one account: the Account ID field of the operations on
 * /accounts/{accountId}/users/{userId}, which take the numeric user ID (read first with
 * GET /users/{email}) and the account.
 */
export function accountIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2311',
		description,
	};
}

/** An account ID as the User object's `accounts[].accountId` holds it: a string, from an expression perhaps a number. */
export const accountIdText = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

export const accountIdSchema = accountIdText.pipe(z.string().min(1, 'is required'));

/** The user's entry in `accounts` for this account, if they are in it. */
export function membershipOf(user: IDataObject, accountId: string): IDataObject | undefined {
	const accounts = Array.isArray(user.accounts) ? (user.accounts as IDataObject[]) : [];
	return accounts.find((account) => String(account.accountId) === accountId);
}

export const membershipPath = (accountId: string, userId: unknown) =>
	`/accounts/${encodeURIComponent(accountId)}/users/${encodeURIComponent(String(userId))}`;
