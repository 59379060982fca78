import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { netBirdProvider } from '../api';
import { netBirdUserLocator, setBlocked } from './users';

const locator = netBirdUserLocator('The user to block');
const schema = z.object({ user: userReferenceSchema(locator) });

// A block is PUT /api/users/{userId} with is_blocked: true, the user's role and groups unchanged.
// "User is blocked and can't use the system"; NetBird disconnects all their connected devices and
// sets them to "login expired" (netbirdio/netbird #846). The owner cannot be blocked.
export const deactivateUserOperation: UserOperation<typeof schema> = {
	provider: netBirdProvider,
	value: 'deactivate',
	name: 'Deactivate',
	action: 'Block a user: no dashboard access, all their devices disconnected (reversible)',
	description:
		"Blocks the user (PUT /api/users/{userId} with is_blocked: true): they lose dashboard access and NetBird disconnects all their devices, which must log in again once unblocked. Role, groups and peers are kept; Reactivate undoes it. A user already blocked is output as is, with nothing sent.",
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'blocked',
	async run({ user }, client, item) {
		return await setBlocked(client, user, true, item);
	},
};
