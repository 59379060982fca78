import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { emailAddress } from '../../shared/fields';
import { resourceLocatorProperty } from '../../shared/providerLists';
import { optionalLocatorValue, userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import { NOTHING_TO_CHANGE } from '../../shared/updateFields';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { augnoProvider } from '../api';
import { DEPARTMENTS_PATH, ROLES_PATH } from '../methods/listSearch';
import { accountUserIdOf, accountUserPath, augnoUserLocator, getAccountUserRequest } from './accountUsers';
import { username } from './fields';

const locator = augnoUserLocator('The user to update');

// https://docs.augno.com/api-reference/account-users-management/update-account-user: "Omitted
// fields are left unchanged. Profile fields (name, email, username) update the underlying user,
// which is shared across every account the user belongs to."
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	resourceLocatorProperty({
		displayName: 'Role',
		name: 'role',
		searchListMethod: 'searchRoles',
		source: `the account's roles from Augno (GET ${ROLES_PATH}, an endpoint not in Augno's public docs)`,
		idPlaceholder: 'role_01jm4r5x0viewer0000000000',
		description: 'The role to give the user in this account; empty leaves it as it is.',
	}),
	resourceLocatorProperty({
		displayName: 'Department',
		name: 'department',
		searchListMethod: 'searchDepartments',
		source: `the account's departments from Augno (GET ${DEPARTMENTS_PATH}, an endpoint not in Augno's public docs)`,
		idPlaceholder: 'dept_01jm4r6100knitting0000000',
		description: 'The department to assign the user to; empty leaves it as it is.',
	}),
	{
		displayName: 'Profile Fields',
		name: 'profile',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "These change the person's Augno profile, shared by every account they belong to",
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Must not already be in use by another user' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'User display name' },
			{
				displayName: 'Username',
				name: 'username',
				type: 'string',
				default: '',
				description: 'Unique username: 3–255 characters; letters, numbers, underscores, and hyphens',
			},
		],
	},
];

const schema = z
	.object({
		user: userReferenceSchema(locator),
		role: optionalLocatorValue,
		department: optionalLocatorValue,
		profile: z
			.object({ email: emailAddress.optional(), name: z.string().trim().optional(), username: username.optional() })
			.strict()
			.default({}),
	})
	.superRefine((input, context) => {
		if (input.role === undefined && input.department === undefined && Object.keys(input.profile).length === 0) {
			context.addIssue({ code: 'custom', path: ['profile'], message: `${NOTHING_TO_CHANGE} (or a Role or Department)` });
		}
	});

export const updateUserOperation: UserOperation<typeof schema> = {
	provider: augnoProvider,
	value: 'update',
	name: 'Update',
	action: 'Update a user',
	description:
		"Changes the user's role or department in this account, or their name, email or username (PATCH /v1/identity/account-users/{accountUserId}; profile fields change the person's profile in every account). Fields left empty stay as they are. Outputs the updated account user.",
	fields,
	schema,
	done: 'updated',
	async run({ user, role, department, profile }, client, item) {
		const id = await accountUserIdOf(client, user, { ...item, removedScope: 'included' });
		const body: IDataObject = { ...profile };
		if (role !== undefined) body.role_id = role;
		if (department !== undefined) body.department_id = department;
		// The update takes an Idempotency-Key, which makes it safe to send again after a failure.
		const { qs, arrayFormat } = getAccountUserRequest(id);
		const response = await client.change({ method: 'PATCH', path: accountUserPath(id), body, qs, arrayFormat }, 'idempotencyKey');
		return response.body as IDataObject;
	},
};
