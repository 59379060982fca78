import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { augnoProvider } from '../api';
import { augnoUserLocator, runAction } from './accountUsers';

const locator = augnoUserLocator('The user to disable');
const schema = z.object({ user: userReferenceSchema(locator) });

// PUT /v1/identity/account-users/{id}/actions/disable: "locks the user out of the account and
// revokes their sessions; membership and role are kept; frees the seat". Admin users cannot be
// disabled, nor can you disable yourself; removed users must be activated first (see runAction).
export const deactivateUserOperation: UserOperation<typeof schema> = {
	provider: augnoProvider,
	value: 'deactivate',
	name: 'Deactivate',
	action: 'Disable a user: lock them out and revoke their sessions',
	description:
		"Disables the user in this account (PUT …/actions/disable): Augno locks them out of the account and revokes their sessions, keeps their membership and role, and frees their seat; Reactivate restores them. Admin users cannot be disabled. A user removed from the account is locked out already: nothing is sent, and the output marks them alreadyRemoved. Running it again changes nothing. Outputs the account user.",
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'disabled',
	run: ({ user }, client, item) => runAction(client, user, 'disable', item),
};
