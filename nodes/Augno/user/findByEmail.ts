import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty } from '../../shared/fields';
import type { UserOperation } from '../../shared/userOperation';
import { notFoundItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { augnoProvider } from '../api';
import { findAccountUserBy } from './accountUsers';

const fields: INodeProperties[] = [
	emailProperty('The email address to look up among the account\'s users'),
	{
		displayName: 'Include Removed Users',
		name: 'includeRemoved',
		type: 'boolean',
		default: false,
		description: 'Whether to find a user removed from the account too (Augno lists active and disabled users by default)',
	},
];

const schema = z.object({ email: emailAddress, includeRemoved: z.boolean().default(false) });

export const findUserByEmailOperation: UserOperation<typeof schema> = {
	provider: augnoProvider,
	value: 'findByEmail',
	name: 'Find by Email',
	action: 'Find a user by email',
	description:
		'Searches the account\'s users (GET /v1/identity/account-users with q) and keeps the one whose email is exactly this one. Outputs the account user with its user, role and department, or an item with outcome "not_found". Two accounts for one email is an error naming both. Changes nothing.',
	fields,
	schema,
	async run({ email, includeRemoved }, client, item) {
		const found = await findAccountUserBy(client, 'email', email, { ...item, removedScope: includeRemoved ? 'included' : 'excluded' });
		return found ?? notFoundItem(email);
	},
};
