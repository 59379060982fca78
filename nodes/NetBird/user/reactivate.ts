import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { netBirdProvider } from '../api';
import { netBirdUserLocator, setBlocked } from './users';

const locator = netBirdUserLocator('The user to unblock');
const schema = z.object({ user: userReferenceSchema(locator) });

// An unblock is PUT /api/users/{userId} with is_blocked: false, the user's role and groups unchanged.
export const reactivateUserOperation: UserOperation<typeof schema> = {
	provider: netBirdProvider,
	value: 'reactivate',
	name: 'Reactivate',
	action: 'Unblock a user',
	description:
		"Unblocks the user (PUT /api/users/{userId} with is_blocked: false), with their role and groups as they were; their devices log in again to reconnect. A user who is not blocked is output as is, with nothing sent.",
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'unblocked',
	async run({ user }, client, item) {
		return await setBlocked(client, user, false, item);
	},
};
