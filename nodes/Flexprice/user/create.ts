import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty, stringList } from '../../shared/fields';
import type { CreateUserOperation } from '../../shared/operation';
import { z } from '../../shared/zod';
import { flexpriceApi } from '../api';

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
	{
		displayName: 'Roles',
		name: 'roles',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Role' },
		default: [],
		description:
			'Roles to grant. Required for a service account. An expression may also give one comma-separated string.',
	},
];

// Email is required for a user and roles for a service account.
const schema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('user'), email: emailAddress, roles: stringList.optional() }),
	z.object({ type: z.literal('service_account'), roles: stringList }),
]);

export const createUser: CreateUserOperation<typeof schema> = {
	api: flexpriceApi,
	action: 'Create a user or service account',
	fields,
	schema,
	toRequest: (input) => ({ method: 'POST', path: '/users', body: input }),
	secretOutput: {
		fields: ['password'],
		displayName: 'Include Generated Password',
		description:
			'Whether to put the login password Flexprice generates for a new user into the output. Off by default: anything in the output is stored with the execution.',
	},
};
