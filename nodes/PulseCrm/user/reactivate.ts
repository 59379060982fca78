import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { pulseUserLocator, updateUser, USER_SECRET_FIELDS } from './users';

const locator = pulseUserLocator('The user to reactivate');
const schema = z.object({ user: userEmailSchema(locator) });

export const reactivateUserOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'reactivate',
	name: 'Reactivate',
	action: 'Reactivate a user',
	description: 'Marks a deactivated user active again (PATCH /users/{email} with active: true). Running it again changes nothing.',
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'reactivated',
	secretFields: USER_SECRET_FIELDS,
	async run({ user: email }, client, item) {
		return await updateUser(client, email, { active: true }, item);
	},
};
