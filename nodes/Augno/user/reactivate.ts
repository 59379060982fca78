import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { augnoProvider } from '../api';
import { augnoUserLocator, runAction } from './accountUsers';

const locator = augnoUserLocator('The user to activate');
const schema = z.object({ user: userReferenceSchema(locator) });

// PUT /v1/identity/account-users/{id}/actions/activate: "restores a disabled or removed user;
// consumes a seat, fails at the seat limit; no-op if active".
export const reactivateUserOperation: UserOperation<typeof schema> = {
	provider: augnoProvider,
	value: 'reactivate',
	name: 'Reactivate',
	action: 'Activate a disabled or removed user',
	description:
		'Restores a disabled or removed user to the account (PUT …/actions/activate). It takes a seat, and fails when the plan has none left. Running it again changes nothing. Outputs the account user.',
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'activated',
	run: ({ user }, client, item) => runAction(client, user, 'activate', item),
};
