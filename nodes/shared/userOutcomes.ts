import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { describeUser, type UserReference } from './userLocator';

/** The outcome of a Find by Email that found no one: one output item still, marked so. */
export const NOT_FOUND_OUTCOME = 'not_found';

/** Find by Email's item for a person the provider has no account for. */
export function notFoundItem(email: string): IDataObject {
	return { outcome: NOT_FOUND_OUTCOME, email };
}

/**
 * A Remove's item. Someone already gone (removed before, or never there) is a success marked
 * `alreadyRemoved: true`, so an offboarding run again converges instead of failing.
 */
export function removedItem(user: UserReference, alreadyRemoved: boolean, account: IDataObject = {}): IDataObject {
	const reference = user.by === 'email' ? { email: user.email } : { id: user.id };
	return { ...reference, ...account, removed: true, alreadyRemoved };
}

export interface MatchSettings<Account> {
	node: INode;
	itemIndex: number;
	providerName: string;
	/** What was looked for, e.g. "the email ada@example.com". */
	lookedFor: string;
	/** Names one account in the error, e.g. "acus_01… (ada@example.com, active)". */
	describe(account: Account): string;
}

/**
 * The one account a lookup found, or undefined for none. Two or more for one email is an error
 * that names them all: acting on a guess could deactivate or remove the wrong person.
 */
export function onlyMatch<Account>(matches: Account[], settings: MatchSettings<Account>): Account | undefined {
	if (matches.length <= 1) return matches[0];
	const { node, itemIndex, providerName, lookedFor } = settings;
	const error = new NodeOperationError(
		node,
		`${providerName} has ${matches.length} accounts for ${lookedFor}: ${matches.map(settings.describe).join('; ')}`,
		{
			itemIndex,
			description: 'Nothing was changed. Choose the user By ID, or resolve the duplicate accounts at the provider.',
		},
	);
	error.context.outcome = 'not_changed';
	throw error;
}

/** An operation other than Find by Email names a user the provider does not have. */
export function userNotFoundError(node: INode, providerName: string, user: UserReference, itemIndex: number): NodeOperationError {
	const error = new NodeOperationError(node, `${providerName} has no user ${describeUser(user)}`, {
		itemIndex,
		description: 'Nothing was changed. Check the User field of the item.',
	});
	error.context.outcome = 'not_changed';
	error.context.providerCode = NOT_FOUND_OUTCOME;
	return error;
}

/** The node and item a lookup runs for: what its errors name. */
export interface ItemContext {
	node: INode;
	itemIndex: number;
}

/**
 * A provider's "require" made from its "find": the user the reference names, where one the
 * provider does not have is the item's error, and nothing is sent.
 */
export function requiringUser<Client, User, Context extends ItemContext>(
	providerName: string,
	find: (client: Client, user: UserReference, context: Context) => Promise<User | undefined>,
): (client: Client, user: UserReference, context: Context) => Promise<User> {
	return async (client, user, context) => {
		const found = await find(client, user, context);
		if (!found) throw userNotFoundError(context.node, providerName, user, context.itemIndex);
		return found;
	};
}
