import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { fungiesProvider } from '../api';
import { fungiesUserLocator, userOfResponse, userPath } from './users';

const locator = fungiesUserLocator('The user to get');
const schema = z.object({ user: userReferenceSchema(locator) });

// GET /v0/users/{userId}, "Get detailed information about a specific User": 200, or 400.
// https://docs.fungies.io/api-reference/users/get-user-object
export const getUserOperation: UserOperation<typeof schema> = {
	provider: fungiesProvider,
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description:
		"Reads one user by ID (GET /v0/users/{userId}), with their billing details. Fungies answers an ID it does not know with a 400, which is the item's error. Changes nothing.",
	fields: [userLocatorProperty(locator)],
	schema,
	async run({ user }, client) {
		const id = user.by === 'id' ? user.id : '';
		return userOfResponse((await client.read({ method: 'GET', path: userPath(id) })).body);
	},
};
