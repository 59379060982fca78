import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { netBirdProvider } from '../api';
import { netBirdUserLocator, requireNetBirdUser } from './users';

const locator = netBirdUserLocator('The user to get');
const schema = z.object({ user: userReferenceSchema(locator) });

// NetBird documents no GET for one user (only /api/users/current): the user is read from the list.
export const getUserOperation: UserOperation<typeof schema> = {
	provider: netBirdProvider,
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description:
		'Reads one user, regular or service user, by ID or email from the account\'s user list (GET /api/users); a user NetBird does not have is an error. Changes nothing.',
	fields: [userLocatorProperty(locator)],
	schema,
	async run({ user }, client, item) {
		return await requireNetBirdUser(client, user, item);
	},
};
