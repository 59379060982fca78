import type { UserResource } from '../../shared/userOperation';
import { createUserOperation } from './create';
import { deactivateUserOperation } from './deactivate';
import { findUserByEmailOperation } from './findByEmail';
import { getUserOperation } from './get';
import { reactivateUserOperation } from './reactivate';
import { removeUserOperation } from './remove';
import { removeUserFromAccountOperation } from './removeFromAccount';
import { updateUserOperation } from './update';
import { updateUserMembershipOperation } from './updateMembership';

/** Pulse CRM's User resource: every user operation its docs describe. */
export const userResource: UserResource = {
	create: createUserOperation,
	operations: [
		findUserByEmailOperation,
		getUserOperation,
		updateUserOperation,
		updateUserMembershipOperation,
		deactivateUserOperation,
		reactivateUserOperation,
		removeUserOperation,
		removeUserFromAccountOperation,
	],
};
