import { NodeOperationError } from 'n8n-workflow';

import { userLocatorProperty, userReferenceSchema, type UserLocatorSettings } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { removedItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { flexpriceProvider } from '../api';
import { accountWithId, describeFlexpriceAccount } from './users';

// Service accounts have no email, so they are named by ID or picked from their list.
const locator: UserLocatorSettings = {
	providerName: flexpriceProvider.name,
	byEmail: false,
	byId: { placeholder: 'user_01J0000000000000000000000' },
	fromList: { searchListMethod: 'searchServiceAccounts', yields: 'id' },
	purpose: 'The service account to archive',
};
const schema = z.object({ user: userReferenceSchema(locator) });

/**
 * DELETE /users/{id}, "Soft-delete (archive) a service account by ID": 204. Flexprice's server
 * refuses a user (400 "only service accounts can be deleted") and a service account with an
 * active API key (400 "Revoke all API keys before archiving"), and documents no way to delete or
 * deactivate a user. An archived account is no longer listed by POST /users/search, which is how
 * one already archived is told apart. Not documented as idempotent, so it is sent once.
 */
export const removeUserOperation: UserOperation<typeof schema> = {
	provider: flexpriceProvider,
	value: 'remove',
	name: 'Remove Service Account',
	action: 'Archive a service account (users cannot be removed)',
	description:
		"Archives a service account (DELETE /users/{ID}); Flexprice refuses while it holds an active API key. Users cannot be removed or deactivated through Flexprice's API: that is done in Flexprice's dashboard. A service account already archived, or unknown, is a success with alreadyRemoved: true.",
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'archived',
	async run({ user }, client, { node, itemIndex }) {
		const id = user.by === 'id' ? user.id : '';
		const account = await accountWithId(client, id, ['service_account', 'user']);
		if (account?.type === 'user') {
			const error = new NodeOperationError(node, `${describeFlexpriceAccount(account)} is a user: Flexprice's API removes service accounts only`, {
				itemIndex,
				description: "Nothing was changed at the provider. Remove users in Flexprice's dashboard.",
			});
			error.context.outcome = 'not_changed';
			throw error;
		}
		if (!account) return removedItem(user, true);
		const response = await client.changeIfFound({ method: 'DELETE', path: `/users/${encodeURIComponent(id)}` });
		return removedItem(user, response === undefined, { name: account.name, type: account.type });
	},
};
