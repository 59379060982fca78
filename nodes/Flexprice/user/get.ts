import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { flexpriceProvider } from '../api';
import { flexpriceUserLocator, requireFlexpriceAccount } from './users';

const locator = flexpriceUserLocator('The user or service account to get');
const schema = z.object({ user: userReferenceSchema(locator) });

// Flexprice documents no GET for one account (GET /users/me is the caller): an id is read with
// POST /users/search and user_ids, once per account type.
export const getUserOperation: UserOperation<typeof schema> = {
	provider: flexpriceProvider,
	value: 'get',
	name: 'Get',
	action: 'Get a user or service account',
	description:
		'Reads one account, a user or a service account, by ID (POST /users/search with user_ids) or a user by email. An account Flexprice does not list (unknown or archived) is an error. Changes nothing.',
	fields: [userLocatorProperty(locator)],
	schema,
	async run({ user }, client, item) {
		return await requireFlexpriceAccount(client, user, item);
	},
};
