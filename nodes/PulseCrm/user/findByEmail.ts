import { findByEmailOperation } from '../../shared/lookupOperations';
import { pulseCrmProvider } from '../api';
import { findUser, USER_SECRET_FIELDS } from './users';

// GET /users/{email}, "Get user by email": 200 User, 404 when no user has that email.
export const findUserByEmailOperation = findByEmailOperation({
	provider: pulseCrmProvider,
	description:
		'Looks the email up (GET /users/{email}). Outputs the user, or an item with outcome "not_found" when Pulse CRM has no user with it. Changes nothing.',
	find: async (client, email) => await findUser(client, email),
	secretFields: USER_SECRET_FIELDS,
});
