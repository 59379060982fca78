import { findByEmailOperation } from '../../shared/lookupOperations';
import { flexpriceProvider } from '../api';
import { findFlexpriceAccount } from './users';

export const findUserByEmailOperation = findByEmailOperation({
	provider: flexpriceProvider,
	description:
		'Looks the email up among the users (POST /users/search with type user, every page; Flexprice has no email filter, so the exact email is compared here). Outputs the user, or an item with outcome "not_found". Changes nothing.',
	find: async (client, email, item) => await findFlexpriceAccount(client, { by: 'email', email }, item),
});
