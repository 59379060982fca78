import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { userNotFoundError } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { findUser, pulseUserLocator, USER_SECRET_FIELDS } from './users';

const locator = pulseUserLocator('The user to get');
const schema = z.object({ user: userEmailSchema(locator) });

export const getUserOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Reads one user by email (GET /users/{email}); an email Pulse CRM does not have is an error. Changes nothing.',
	fields: [userLocatorProperty(locator)],
	schema,
	secretFields: USER_SECRET_FIELDS,
	async run({ user: email }, client, { node, itemIndex }) {
		const found = await findUser(client, email);
		if (!found) throw userNotFoundError(node, pulseCrmProvider.name, { by: 'email', email }, itemIndex);
		return found;
	},
};
