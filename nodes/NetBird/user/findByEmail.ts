import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty } from '../../shared/fields';
import type { UserOperation } from '../../shared/userOperation';
import { notFoundItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { netBirdProvider } from '../api';
import { findNetBirdUser } from './users';

// NetBird has no email filter: GET /api/users?service_user=false lists every regular user, and
// the email is compared case-insensitively, as NetBird itself compares it.
const fields: INodeProperties[] = [emailProperty('The email address to look up')];

const schema = z.object({ email: emailAddress });

export const findUserByEmailOperation: UserOperation<typeof schema> = {
	provider: netBirdProvider,
	value: 'findByEmail',
	name: 'Find by Email',
	action: 'Find a user by email',
	description:
		'Looks the email up among the regular users (GET /api/users, compared without regard to case). Outputs the user, or an item with outcome "not_found" when NetBird has none. Two users with the email is an error naming both. Changes nothing.',
	fields,
	schema,
	async run({ email }, client, item) {
		return (await findNetBirdUser(client, { by: 'email', email }, item)) ?? notFoundItem(email);
	},
};
