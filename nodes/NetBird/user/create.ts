import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty, stringList } from '../../shared/fields';
import type { CreateUserOperation } from '../../shared/createUser';
import { autoGroupsProperty, role, roleProperty } from './role';
import { findNetBirdUser } from './users';
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
	roleProperty,
	autoGroupsProperty,
];

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
	action: 'Invite a user or create a service user',
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
	// NetBird refuses an invite for an email that has an account (409): the regular user listed
	// with that email, compared as NetBird compares it.
	findExisting: async ({ email }, client, item) =>
		typeof email === 'string' ? await findNetBirdUser(client, { by: 'email', email }, item) : undefined,
};
