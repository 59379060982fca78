import type { INodeProperties } from 'n8n-workflow';

import { stringList } from '../../shared/fields';
import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import { updateFieldsProperty, updateFieldsSchema } from '../../shared/updateFields';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { pulseUserLocator, updateUser, USER_SECRET_FIELDS } from './users';

const locator = pulseUserLocator('The user to update');

// PATCH /users/{email}: the documented body fields besides `active` (Deactivate and Reactivate
// set that one) and `notificationPreferences`.
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	updateFieldsProperty([
		{ displayName: 'Image URL', name: 'imgSrc', type: 'string', default: '', description: "URL of the user's profile image" },
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Full name of the user' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: "The user's phone number" },
		{
			displayName: 'Roles',
			name: 'roles',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			placeholder: 'Manager',
			description: 'Role names, e.g. Admin, Manager. They replace the roles the user has.',
		},
		{ displayName: 'Team ID', name: 'teamId', type: 'number', default: 0, description: 'ID of the team the user belongs to' },
	]),
];

const schema = z.object({
	user: userEmailSchema(locator),
	updateFields: updateFieldsSchema({
		imgSrc: z.string().trim().url().optional(),
		name: z.string().trim().optional(),
		phone: z.string().trim().optional(),
		roles: stringList.optional(),
		teamId: z.number().int().min(0).optional(),
	}),
});

export const updateUserOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'update',
	name: 'Update',
	action: 'Update a user',
	description:
		"Changes the user's name, phone, image, team or roles (PATCH /users/{email}); fields left out stay as they are. Outputs the updated user.",
	fields,
	schema,
	done: 'updated',
	secretFields: USER_SECRET_FIELDS,
	async run({ user: email, updateFields }, client, item) {
		return await updateUser(client, email, updateFields, item);
	},
};
