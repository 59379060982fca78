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
import { username } from './create';

const locator = augnoUserLocator('The user to update');

// https://docs.augno.com/api-reference/account-users-management/update-account-user: "Omitted
// fields are left unchanged. Profile fields (name, email, username) update the underlying user,
// which is shared across every account the user belongs to."
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	// role_id and department_id: "null clears" (the page above; AUG-GO `UpdateAccountUserRequestParam`:
	// "Set to `null` to clear the role"). Empty cannot mean "clear": it leaves the value as it is, so
	// clearing is a switch of its own, which hides the field it clears.
	{
		displayName: 'Clear Role',
		name: 'clearRole',
		type: 'boolean',
		default: false,
		description: "Whether to remove the user's role in this account (sent as role_id null)",
	},
	resourceLocatorProperty({
		displayName: 'Role',
		name: 'role',
		searchListMethod: 'searchRoles',
		source: `the account's roles from Augno (GET ${ROLES_PATH}, an endpoint not in Augno's public docs)`,
		idPlaceholder: 'role_01jm4r5x0viewer0000000000',
		description: 'The role to give the user in this account; empty leaves it as it is.',
		displayOptions: { hide: { clearRole: [true] } },
	}),
	{
		displayName: 'Clear Department',
		name: 'clearDepartment',
		type: 'boolean',
		default: false,
		description: "Whether to remove the user's department (sent as department_id null)",
	},
	resourceLocatorProperty({
		displayName: 'Department',
		name: 'department',
		searchListMethod: 'searchDepartments',
		source: `the account's departments from Augno (GET ${DEPARTMENTS_PATH}, an endpoint not in Augno's public docs)`,
		idPlaceholder: 'dept_01jm4r6100knitting0000000',
		description: 'The department to assign the user to; empty leaves it as it is.',
		displayOptions: { hide: { clearDepartment: [true] } },
	}),
	{
		displayName: 'Account Fields',
		name: 'account',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "These change the user's membership of this account only",
		options: [
			// is_commission_eligible is in Augno's Go SDK (AUG-GO, Augno/augno-go bf629bd
			// identityaccountuser.go `UpdateAccountUserRequestParam`, generated from Augno's spec at
			// API v0.50.6); the docs page above does not list it yet.
			{
				displayName: 'Commission Eligible',
				name: 'commissionEligible',
				type: 'boolean',
				default: false,
				description:
					'Whether the user can be assigned as a sales representative on orders, territories, and targets. Augno forces it on for the Sales Rep role type, rejects it for scanner and agent roles, and will not turn it off while the user stays on a Sales Rep role.',
			},
		],
	},
	// Left out: `preferences`, "only allowed cross-account" (docs page; AUG-GO `Update`: "rejected
	// otherwise"). Acting in another account takes a header the docs do not document (AUG-GO
	// `Augno-Account`, renamed `OpenMRP-Account`); this node acts in the key's own account.
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
		clearRole: z.boolean().default(false),
		role: optionalLocatorValue,
		clearDepartment: z.boolean().default(false),
		department: optionalLocatorValue,
		profile: z
			.object({ email: emailAddress.optional(), name: z.string().trim().optional(), username: username.optional() })
			.strict()
			.default({}),
		account: z.object({ commissionEligible: z.boolean().optional() }).strict().default({}),
	})
	.superRefine((input, context) => {
		// With Clear set from an expression both fields are shown, and an item could give both.
		if (input.clearRole && input.role !== undefined) {
			context.addIssue({ code: 'custom', path: ['clearRole'], message: 'cannot be used with a Role: leave Role empty to clear it' });
		}
		if (input.clearDepartment && input.department !== undefined) {
			context.addIssue({ code: 'custom', path: ['clearDepartment'], message: 'cannot be used with a Department: leave Department empty to clear it' });
		}
		const changes = [
			input.clearRole || input.role !== undefined,
			input.clearDepartment || input.department !== undefined,
			Object.keys(input.profile).length > 0,
			Object.keys(input.account).length > 0,
		];
		if (!changes.includes(true)) {
			context.addIssue({
				code: 'custom',
				path: ['profile'],
				message: `${NOTHING_TO_CHANGE} (or a Role, a Department or an Account Field)`,
			});
		}
	});

export const updateUserOperation: UserOperation<typeof schema> = {
	provider: augnoProvider,
	value: 'update',
	name: 'Update',
	action: 'Update a user',
	description:
		"Changes or clears the user's role or department in this account, their commission eligibility, or their name, email or username (PATCH /v1/identity/account-users/{accountUserId}; profile fields change the person's profile in every account). Fields left empty stay as they are. Outputs the updated account user.",
	fields,
	schema,
	done: 'updated',
	async run({ user, clearRole, role, clearDepartment, department, profile, account }, client, item) {
		const id = await accountUserIdOf(client, user, { ...item, removedScope: 'included' });
		const body: IDataObject = { ...profile };
		if (clearRole) body.role_id = null;
		else if (role !== undefined) body.role_id = role;
		if (clearDepartment) body.department_id = null;
		else if (department !== undefined) body.department_id = department;
		if (account.commissionEligible !== undefined) body.is_commission_eligible = account.commissionEligible;
		// The update takes an Idempotency-Key, which makes it safe to send again after a failure.
		const { qs, arrayFormat } = getAccountUserRequest(id);
		const response = await client.change({ method: 'PATCH', path: accountUserPath(id), body, qs, arrayFormat }, 'idempotencyKey');
		return response.body as IDataObject;
	},
};
