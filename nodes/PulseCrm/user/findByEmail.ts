import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty } from '../../shared/fields';
import type { UserOperation } from '../../shared/userOperation';
import { notFoundItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { findUser, USER_SECRET_FIELDS } from './users';

// GET /users/{email}, "Get user by email": 200 User, 404 when no user has that email.
const fields: INodeProperties[] = [emailProperty('The email address to look up')];

const schema = z.object({ email: emailAddress });

export const findUserByEmailOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'findByEmail',
	name: 'Find by Email',
	action: 'Find a user by email',
	description:
		'Looks the email up (GET /users/{email}). Outputs the user, or an item with outcome "not_found" when Pulse CRM has no user with it. Changes nothing.',
	fields,
	schema,
	secretFields: USER_SECRET_FIELDS,
	async run({ email }, client) {
		return (await findUser(client, email)) ?? notFoundItem(email);
	},
};
