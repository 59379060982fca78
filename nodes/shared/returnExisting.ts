import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { EXISTS_OUTCOME } from './existing';
import type { ProviderDefinition } from './provider';
import { userApiClient, type UserApiClient } from './userClient';

/**
 * How a create operation finds the account a person already has, for If User Exists: Return
 * Existing: from the identifying fields the create call sent (`email`, or `username`), through
 * the same client as the lifecycle operations (so the read is paced and retried like a GET).
 * Resolves undefined when the provider has no such account after all.
 */
export type ExistingUserLookup = (
	identity: IDataObject,
	client: UserApiClient,
	item: { node: INode; itemIndex: number },
) => Promise<IDataObject | undefined>;

export interface ReturnExistingSettings {
	provider: ProviderDefinition;
	lookup: ExistingUserLookup;
	itemIndex: number;
	timeoutMs: number;
}

/**
 * The output item for a person the provider said already exists: their account as the provider
 * has it, marked `outcome: "exists"` as Skip marks its item, so a roster sync's output has one
 * account per person whether it was created now or before. `skipped` is Skip's item (identity
 * and the provider's words), used to name the person when the lookup finds no one.
 */
export async function existingAccountItem(
	context: IExecuteFunctions,
	skipped: IDataObject,
	{ provider, lookup, itemIndex, timeoutMs }: ReturnExistingSettings,
): Promise<IDataObject> {
	const node = context.getNode();
	const { message, ...identity } = skipped;
	delete identity.outcome;
	const account = await lookup(identity, userApiClient(context, provider, { itemIndex, timeoutMs }), { node, itemIndex });
	if (account) return { ...account, outcome: EXISTS_OUTCOME };
	const error = new NodeOperationError(
		node,
		`${provider.name} answered that ${Object.values(identity).join(' / ')} already exists, but no account was found for it`,
		{
			itemIndex,
			description: `${provider.name}'s words: ${String(message)}. Nothing was created. Run the item again, or use If User Exists: Skip.`,
		},
	);
	error.context.outcome = 'not_created';
	throw error;
}
