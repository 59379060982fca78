import type { INodeProperties } from 'n8n-workflow';

import { stringList } from '../../shared/fields';
import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import { updateFieldsProperty, updateFieldsSchema } from '../../shared/updateFields';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { netBirdProvider } from '../api';
import { autoGroupsProperty, role, roleProperty } from './role';
import { netBirdUserLocator, replaceUser, requireNetBirdUser } from './users';

const locator = netBirdUserLocator('The user to update');

// PUT /api/users/{userId} changes role, auto_groups and is_blocked only (NetBird's management server
// cannot change a name or an email); Deactivate and Reactivate set is_blocked.
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	updateFieldsProperty([
		{ ...autoGroupsProperty, description: `${autoGroupsProperty.description} They replace the groups the user has.` },
		{ ...roleProperty, required: false },
	]),
];

const schema = z.object({
	user: userReferenceSchema(locator),
	updateFields: updateFieldsSchema({ role: role.optional(), autoGroups: stringList.optional() }),
});

export const updateUserOperation: UserOperation<typeof schema> = {
	provider: netBirdProvider,
	value: 'update',
	name: 'Update',
	action: "Update a user's role or groups",
	description:
		"Changes the user's role or auto groups (PUT /api/users/{userId}). NetBird replaces role, groups and blocked state together, so the user is read first and what the item leaves out keeps its current value: a blocked user stays blocked. Outputs the updated user.",
	fields,
	schema,
	done: 'updated',
	async run({ user, updateFields }, client, item) {
		const current = await requireNetBirdUser(client, user, item);
		return await replaceUser(client, current, updateFields, item);
	},
};
