import { getOperation } from '../../shared/lookupOperations';
import { netBirdProvider } from '../api';
import { netBirdUserLocator, requireNetBirdUser } from './users';

// NetBird documents no GET for one user (only /api/users/current): the user is read from the list.
export const getUserOperation = getOperation({
	provider: netBirdProvider,
	locator: netBirdUserLocator('The user to get'),
	action: 'Get a user',
	description:
		'Reads one user, regular or service user, by ID or email from the account\'s user list (GET /api/users); a user NetBird does not have is an error. Changes nothing.',
	require: requireNetBirdUser,
});
