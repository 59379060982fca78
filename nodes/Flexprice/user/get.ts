import { getOperation } from '../../shared/lookupOperations';
import { flexpriceProvider } from '../api';
import { flexpriceUserLocator, requireFlexpriceAccount } from './users';

// Flexprice documents no GET for one account (GET /users/me is the caller): an id is read with
// POST /users/search and user_ids, once per account type.
export const getUserOperation = getOperation({
	provider: flexpriceProvider,
	locator: flexpriceUserLocator('The user or service account to get'),
	action: 'Get a user or service account',
	description:
		'Reads one account, a user or a service account, by ID (POST /users/search with user_ids) or a user by email. An account Flexprice does not list (unknown or archived) is an error. Changes nothing.',
	require: requireFlexpriceAccount,
});
