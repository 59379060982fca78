import { getOperation } from '../../shared/lookupOperations';
import { augnoProvider } from '../api';
import { augnoUserLocator, requireAccountUser } from './accountUsers';

// GET /v1/identity/account-users/{accountUserId}: "scoped to the account you are acting in, so an ID
// belonging to another account is reported as not found".
// https://docs.augno.com/api-reference/account-users-management/get-account-user
export const getUserOperation = getOperation({
	provider: augnoProvider,
	locator: augnoUserLocator('The user to get'),
	action: 'Get a user',
	description:
		'Reads one account user, with its user, role and department, by ID (GET /v1/identity/account-users/{accountUserId}) or by email (looked up in the list, removed users included). A user Augno does not have is an error. Changes nothing.',
	require: async (client, user, item) => await requireAccountUser(client, user, { ...item, removedScope: 'included' }),
});
