import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty, stringList } from '../../shared/fields';
import type { CreateUserOperation } from '../../shared/createUser';
import { z } from '../../shared/zod';
import { netBirdProvider } from '../api';

// https://docs.netbird.io/api/resources/users#create-a-user
const fields: INodeProperties[] = [
	{
		displayName: 'Service User',
		name: 'isServiceUser',
		type: 'boolean',
		default: false,
		description:
			'Whether to create a service user: a non-interactive account for API access, active at once, with no email. Off: NetBird sends an invite to a regular user.',
	},
	emailProperty("User's Email to send invite to", { displayOptions: { show: { isServiceUser: [false] } } }),
	// One Name field per kind of user, under the same name: NetBird needs one for an invite only.
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { isServiceUser: [false] } },
		description: "User's full name, shown in the invite and the dashboard",
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		displayOptions: { show: { isServiceUser: [true] } },
		description: 'The name the service user is shown under in the dashboard',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		// https://docs.netbird.io/manage/team/user-roles
		options: [
			{
				name: 'Admin',
				value: 'admin',
				description: "Full access, except changing or deleting the Owner and deleting the account",
			},
			{ name: 'Auditor', value: 'auditor', description: 'Can read every configuration but not modify anything' },
			{ name: 'Billing Admin', value: 'billing_admin', description: 'Manages plans, billing and invoices only' },
			{
				name: 'Network Admin',
				value: 'network_admin',
				description: 'Manages access control, network routing and DNS; read-only elsewhere',
			},
			{
				name: 'User',
				value: 'user',
				description: "Sees the peers they own and the peers they're allowed to connect to",
			},
		],
		default: 'user',
		required: true,
		description: "User's NetBird account role",
	},
	{
		displayName: 'Auto Group Names or IDs',
		name: 'autoGroups',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getGroups' },
		default: [],
		description:
			'Groups to auto-assign to peers registered by this user; the list holds every group of the NetBird account (GET /api/groups) but All. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const ROLES = ['admin', 'auditor', 'billing_admin', 'network_admin', 'user'] as const;

// There is one Owner per account and ownership is only ever transferred: NetBird refuses the
// role both for an invite and for a service user (https://docs.netbird.io/manage/team/user-roles).
const role = z
	.string()
	.trim()
	.toLowerCase()
	.refine((value) => value !== 'owner', {
		message: "can't be owner: NetBird gives that role only by transferring ownership in the dashboard",
	})
	.pipe(z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }));

const name = z.string().trim().min(1, 'must not be empty');
const autoGroups = stringList.optional();

// A regular user is an invite, sent to the email. NetBird's management server also refuses an
// invite without a name (validateUserInvite: "name can't be empty"), although the API schema
// marks name optional; a service user may have none.
const schema = z.discriminatedUnion(
	'isServiceUser',
	[
		z.object({ isServiceUser: z.literal(false), email: emailAddress, name, role, autoGroups }),
		z.object({ isServiceUser: z.literal(true), name: name.optional(), role, autoGroups }),
	],
	{
		errorMap: (issue, context) => ({
			message: issue.code === 'invalid_union_discriminator' ? 'must be true or false' : context.defaultError,
		}),
	},
);

export const createUserOperation: CreateUserOperation<typeof schema> = {
	provider: netBirdProvider,
	action: 'Create a user',
	description: 'Invite a user or create a service user',
	fields,
	schema,
	toRequest: (input) => ({
		method: 'POST',
		path: '/api/users',
		body: {
			...('email' in input ? { email: input.email } : {}),
			...(input.name === undefined ? {} : { name: input.name }),
			role: input.role,
			// role, auto_groups and is_service_user are required by the API schema, even when empty.
			auto_groups: input.autoGroups ?? [],
			is_service_user: input.isServiceUser,
		},
	}),
};
