import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { augnoProvider } from '../api';
import { augnoUserLocator, requireAccountUser } from './accountUsers';

const locator = augnoUserLocator('The user to get');
const schema = z.object({ user: userReferenceSchema(locator) });

// GET /v1/identity/account-users/{accountUserId}: "scoped to the account you are acting in, so an ID
// belonging to another account is reported as not found".
// https://docs.augno.com/api-reference/account-users-management/get-account-user
export const getUserOperation: UserOperation<typeof schema> = {
	provider: augnoProvider,
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description:
		'Reads one account user, with its user, role and department, by ID (GET /v1/identity/account-users/{accountUserId}) or by email (looked up in the list, removed users included). A user Augno does not have is an error. Changes nothing.',
	fields: [userLocatorProperty(locator)],
	schema,
	async run({ user }, client, item) {
		return await requireAccountUser(client, user, { ...item, removedScope: 'included' });
	},
};
