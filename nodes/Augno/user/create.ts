import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty, optionList, passwordProperty } from '../../shared/fields';
import { resourceLocatorProperty } from '../../shared/providerLists';
import type { CreateUserOperation } from '../../shared/createUser';
import type { ApiRequest } from '../../shared/provider';
import { z } from '../../shared/zod';
import { augnoProvider } from '../api';
import { DEPARTMENTS_PATH, ROLES_PATH } from '../methods/listSearch';
import { findExistingAccountUser } from './accountUsers';

// The documented enum values, in alphabetical order; the dropdowns and the schema share them.
const NOTIFICATION_TYPES = ['invoice', 'order_acknowledgement', 'purchase_order_submission'] as const;
const EXPANSIONS = ['department', 'role', 'user'] as const;

/** Dropdown options for enum values, named in Title Case ("order_acknowledgement" → "Order Acknowledgement"). */
const asOptions = (values: readonly string[]) =>
	values.map((value) => ({
		name: value.replace(/_/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase()),
		value,
	}));

const PASSWORD_DESCRIPTION =
	'Password of the scanning station user (a username without an email); every other user receives a generated password in their welcome email. 8–72 characters with an uppercase letter, a lowercase letter, a number, and a special character.';

// https://docs.augno.com/api-reference/account-users-management/create-account-user
const fields: INodeProperties[] = [
	// Augno needs an email or a username. n8n marks a field required on its own, not "one of
	// two", so neither is marked; an item with neither is refused before sending.
	emailProperty(
		'User email address. Either Email or Username is required (n8n cannot mark one of two fields as required; an item with neither is refused before sending). If a user with this email already exists, that user is added to the account instead of a new user being created.',
		{ required: false },
	),
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		description:
			'Unique username. 3–255 characters; letters, numbers, underscores, and hyphens. Either Email or Username is required (n8n cannot mark one of two fields as required; an item with neither is refused before sending). Providing a username without an email creates a scanning station user.',
	},
	// Password applies only to a username without an email. Two fields under one name: with
	// Email left empty it is required; with Email as an expression each item's own email
	// decides, so it cannot be marked required there. An item with both is refused below.
	// (The first hides rather than shows by Email: n8n shows any field whose show-rule reads an
	// expression, which would mark it required for every mapped email.)
	passwordProperty(`${PASSWORD_DESCRIPTION} Required for a scanning station user.`, {
		required: true,
		displayOptions: { hide: { email: [{ _cnd: { not: '' } }], username: [''] } },
	}),
	passwordProperty(
		`${PASSWORD_DESCRIPTION} Used only for items without an email, and required for them; an item with an email and a password is refused before sending.`,
		{ displayOptions: { show: { email: [{ _cnd: { startsWith: '=' } }] } } },
	),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'User display name',
	},
	resourceLocatorProperty({
		displayName: 'Role',
		name: 'roleId',
		searchListMethod: 'searchRoles',
		source: `the account's roles from Augno (GET ${ROLES_PATH}, an endpoint not in Augno's public docs)`,
		idPlaceholder: 'role_01jm4r5x0viewer0000000000',
		description:
			"Role to assign to the user; empty leaves it to Augno. Ignored for scanning station users, which are always assigned the scanner role.",
	}),
	resourceLocatorProperty({
		displayName: 'Department',
		name: 'departmentId',
		searchListMethod: 'searchDepartments',
		source: `the account's departments from Augno (GET ${DEPARTMENTS_PATH}, an endpoint not in Augno's public docs)`,
		idPlaceholder: 'dept_01jm4r6100knitting0000000',
		description: 'Department to assign to the user; empty assigns none.',
	}),
	{
		displayName: 'Notification Preferences',
		name: 'preferences',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Preference',
		default: {},
		description:
			'Notification preference toggles for the new user. Only applies when creating a user in another account you manage (cross-account); ignored when creating a user in your own account.',
		options: [
			{
				displayName: 'Preference',
				name: 'preference',
				values: [
					{
						displayName: 'Notification Type',
						name: 'notificationType',
						type: 'options',
						options: asOptions(NOTIFICATION_TYPES),
						default: 'invoice',
					},
					{
						displayName: 'Enabled',
						name: 'enabled',
						type: 'boolean',
						default: true,
						description: 'Whether this notification type is enabled for the account user',
					},
				],
			},
		],
	},
	{
		displayName: 'Expand in Response',
		name: 'include',
		type: 'multiOptions',
		options: asOptions(EXPANSIONS),
		default: ['user'],
		description:
			'Sub-objects to expand in the response. When omitted, sub-objects are returned as null.',
	},
];

// The page's rules for username and password, checked here so a bad row never reaches Augno.
export const username = z
	.string()
	.trim()
	.min(3)
	.max(255)
	.regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, numbers, underscores and hyphens');

const password = z
	.string()
	.min(8)
	.max(72)
	.regex(/[A-Z]/, 'must include an uppercase letter')
	.regex(/[a-z]/, 'must include a lowercase letter')
	.regex(/[0-9]/, 'must include a number')
	.regex(/[^A-Za-z0-9]/, 'must include a special character');

const id = z.string().trim().min(1, 'must not be empty');

const expansions = optionList(EXPANSIONS);

const schema = z
	.object({
		email: emailAddress.optional(),
		username: username.optional(),
		password: password.optional(),
		name: z.string().trim().optional(),
		roleId: id.optional(),
		departmentId: id.optional(),
		preferences: z
			.object({
				preference: z
					.array(z.object({ notificationType: z.enum(NOTIFICATION_TYPES), enabled: z.boolean() }).strict())
					.optional(),
			})
			.strict()
			.optional(),
		include: expansions.optional(),
	})
	.strict()
	.superRefine((input, context) => {
		if (input.email === undefined && input.username === undefined) {
			context.addIssue({ code: 'custom', path: ['email'], message: 'is required when Username is empty' });
		}
		// A username without an email is a scanning station user: it needs a password; every
		// other user gets a generated one by email, and Augno rejects a password for them.
		const scanningStationUser = input.email === undefined && input.username !== undefined;
		if (scanningStationUser && input.password === undefined) {
			context.addIssue({
				code: 'custom',
				path: ['password'],
				message: 'is required for a scanning station user (a Username without an Email)',
			});
		}
		if (input.email !== undefined && input.password !== undefined) {
			context.addIssue({
				code: 'custom',
				path: ['password'],
				message: 'is only for scanning station users: a user with an Email receives a generated password by email',
			});
		}
	});

type CreateAccountUserInput = z.infer<typeof schema>;

/** POST /v1/identity/account-users, with the documented field names and include[] in the query. */
function createAccountUserRequest(input: CreateAccountUserInput): Omit<ApiRequest, 'idempotencyKey'> {
	const body: IDataObject = {};
	if (input.name) body.name = input.name;
	if (input.email !== undefined) body.email = input.email;
	if (input.username !== undefined) body.username = input.username;
	if (input.password !== undefined) body.password = input.password;
	if (input.roleId !== undefined) body.role_id = input.roleId;
	if (input.departmentId !== undefined) body.department_id = input.departmentId;
	const preferences = input.preferences?.preference ?? [];
	if (preferences.length > 0) {
		body.preferences = preferences.map(({ notificationType, enabled }) => ({
			notification_type: notificationType,
			enabled,
		}));
	}
	return {
		method: 'POST',
		path: '/v1/identity/account-users',
		body,
		qs: input.include?.length ? { 'include[]': [...new Set(input.include)] } : undefined,
		arrayFormat: 'repeat',
	};
}

export const createUserOperation: CreateUserOperation<typeof schema> = {
	provider: augnoProvider,
	action: 'Create a user',
	description: 'Add a user or a scanning station user to the account',
	fields,
	schema,
	toRequest: createAccountUserRequest,
	findExisting: findExistingAccountUser,
};
