import { findByEmailOperation } from '../../shared/lookupOperations';
import { netBirdProvider } from '../api';
import { findNetBirdUser } from './users';

// NetBird has no email filter: GET /api/users?service_user=false lists every regular user, and
// the email is compared case-insensitively, as NetBird itself compares it.
export const findUserByEmailOperation = findByEmailOperation({
	provider: netBirdProvider,
	description:
		'Looks the email up among the regular users (GET /api/users, compared without regard to case). Outputs the user, or an item with outcome "not_found" when NetBird has none. Two users with the email is an error naming both. Changes nothing.',
	find: async (client, email, item) => await findNetBirdUser(client, { by: 'email', email }, item),
});
