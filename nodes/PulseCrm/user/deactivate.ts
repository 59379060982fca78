import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { pulseUserLocator, updateUser, USER_SECRET_FIELDS } from './users';

const locator = pulseUserLocator('The user to deactivate');
const schema = z.object({ user: userEmailSchema(locator) });

// The only documented lever is `active: false` in PATCH /users/{email} ("Whether the user is
// active"); Pulse CRM does not describe what an inactive user can still do.
export const deactivateUserOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'deactivate',
	name: 'Deactivate',
	action: 'Deactivate a user (sets active to false)',
	description:
		"Marks the user inactive (PATCH /users/{email} with active: false); Reactivate undoes it. Pulse CRM's docs do not say what an inactive user can still do or whether their sessions end. Running it again changes nothing.",
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'deactivated',
	secretFields: USER_SECRET_FIELDS,
	async run({ user: email }, client, item) {
		return await updateUser(client, email, { active: false }, item);
	},
};
