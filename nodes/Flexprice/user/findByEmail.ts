import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty } from '../../shared/fields';
import type { UserOperation } from '../../shared/userOperation';
import { notFoundItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { flexpriceProvider } from '../api';
import { findFlexpriceAccount } from './users';

const fields: INodeProperties[] = [emailProperty('The email address to look up')];

const schema = z.object({ email: emailAddress });

export const findUserByEmailOperation: UserOperation<typeof schema> = {
	provider: flexpriceProvider,
	value: 'findByEmail',
	name: 'Find by Email',
	action: 'Find a user by email',
	description:
		'Looks the email up among the users (POST /users/search with type user, every page; Flexprice has no email filter, so the exact email is compared here). Outputs the user, or an item with outcome "not_found". Changes nothing.',
	fields,
	schema,
	async run({ email }, client, item) {
		return (await findFlexpriceAccount(client, { by: 'email', email }, item)) ?? notFoundItem(email);
	},
};
