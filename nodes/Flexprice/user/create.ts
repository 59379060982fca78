import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty } from '../../shared/fields';
import type { CreateUserOperation } from '../../shared/createUser';
import {
	FLEXPRICE_DEFAULT_ROLE,
	rolesDescription,
	rolesFor,
	SERVICE_ACCOUNT_ROLES,
	SUPER_ADMIN,
	superAdminOption,
	USER_ROLES,
	userRoleOptions,
} from './roles';
import { findFlexpriceAccount } from './users';
import { z } from '../../shared/zod';
import { flexpriceProvider } from '../api';

// https://docs.flexprice.io/api-reference/users/create-user-or-service-account
const fields: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{
				name: 'User',
				value: 'user',
				description: 'A person who logs in with their email; Flexprice returns a generated password',
			},
			{
				name: 'Service Account',
				value: 'service_account',
				description: 'A non-human account for API and automation access',
			},
		],
		default: 'user',
		required: true,
	},
	emailProperty('The email the user logs in with', { displayOptions: { show: { type: ['user'] } } }),
	// One Roles field per type, under the same name: each offers the roles Flexprice accepts for it.
	{
		displayName: 'Roles',
		name: 'roles',
		type: 'multiOptions',
		displayOptions: { show: { type: ['user'] } },
		options: [
			...userRoleOptions.filter((option) => option.value !== SUPER_ADMIN),
			{
				name: "Flexprice's Default (Grants Super Admin)",
				value: FLEXPRICE_DEFAULT_ROLE,
				description:
					'Sends no roles: Flexprice then makes the user a super admin, with full access to the tenant. Choose it alone.',
			},
			superAdminOption,
		],
		default: [],
		required: true,
		description: `${rolesDescription('user')} Required, because Flexprice makes a user created without roles a super admin: choose that default explicitly if it is what you want`,
	},
	{
		displayName: 'Roles',
		name: 'roles',
		type: 'multiOptions',
		displayOptions: { show: { type: ['service_account'] } },
		options: [
			{ name: 'Event Ingestor', value: 'event_ingestor', description: 'Sends usage events' },
			{ name: 'Event Reader', value: 'event_reader', description: 'Reads usage events' },
			superAdminOption,
		],
		default: [],
		required: true,
		description: rolesDescription('service account'),
	},
];

const userRoles = rolesFor(
	[...USER_ROLES],
	'user',
	`is required for a User: Flexprice makes a user without roles a super admin. Choose roles, or "${FLEXPRICE_DEFAULT_ROLE}" to accept that default`,
).superRefine((roles, context) => {
	if (roles.includes(FLEXPRICE_DEFAULT_ROLE) && roles.length > 1) {
		context.addIssue({ code: 'custom', message: `"${FLEXPRICE_DEFAULT_ROLE}" sends no roles, so it cannot be combined with a role` });
	}
});

const serviceAccountRoles = rolesFor([...SERVICE_ACCOUNT_ROLES], 'service account', 'is required for a Service Account').superRefine(
	(roles, context) => {
		if (roles.includes(FLEXPRICE_DEFAULT_ROLE)) {
			context.addIssue({ code: 'custom', message: `"${FLEXPRICE_DEFAULT_ROLE}" is only for a User: a service account needs roles` });
		}
	},
);

const schema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('user'), email: emailAddress, roles: userRoles }),
	z.object({ type: z.literal('service_account'), roles: serviceAccountRoles }),
]);

type CreateUserInput = z.infer<typeof schema>;

/** Flexprice's default is asked for by sending no roles at all. */
function createUserBody(input: CreateUserInput) {
	if (input.roles.includes(FLEXPRICE_DEFAULT_ROLE)) return { type: input.type, email: 'email' in input ? input.email : undefined };
	return input;
}

export const createUserOperation: CreateUserOperation<typeof schema> = {
	provider: flexpriceProvider,
	action: 'Create a user or service account',
	fields,
	schema,
	toRequest: (input) => ({ method: 'POST', path: '/users', body: createUserBody(input) }),
	// Only a user has an email (a service account is never refused as existing): the one user
	// POST /users/search lists with exactly that email.
	findExisting: async ({ email }, client, item) =>
		typeof email === 'string' ? await findFlexpriceAccount(client, { by: 'email', email }, item) : undefined,
	secretOutput: {
		fields: ['password'],
		displayName: 'Include Generated Password',
		description:
			'Whether to put the login password Flexprice generates for a new user into the output. Off by default: anything in the output is stored with the execution.',
	},
};
