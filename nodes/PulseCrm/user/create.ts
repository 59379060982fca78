import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty } from '../../shared/fields';
import type { CreateUserOperation } from '../../shared/createUser';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { findUser } from './users';

// Pulse CRM API reference, POST /users ("Create a new user"): the request body is { "email" };
// the account comes from the X-Account-Id header, which the credential adds.
const fields: INodeProperties[] = [emailProperty("User's email address")];

// The User schema gives the email `format: email`.
const schema = z.object({ email: emailAddress });

export const createUserOperation: CreateUserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	action: 'Create a user',
	fields,
	schema,
	toRequest: (input) => ({ method: 'POST', path: '/users', body: input }),
	// GET /users/{email}: the account Pulse CRM already has for the email.
	findExisting: async ({ email }, client) => await findUser(client, String(email)),
	// The User object may carry an authentication token ("only included in certain responses").
	secretOutput: {
		fields: ['token'],
		displayName: 'Include Token',
		description:
			'Whether to put the authentication token Pulse CRM may return with the new user into the output. Off by default: anything in the output is stored with the execution.',
	},
};
