import type { UserResource } from '../../shared/userOperation';
import { createUserOperation } from './create';
import { deactivateUserOperation } from './deactivate';
import { findUserByEmailOperation } from './findByEmail';
import { getUserOperation } from './get';
import { reactivateUserOperation } from './reactivate';
import { removeUserOperation } from './remove';
import { updateUserOperation } from './update';

/** NetBird's User resource: every user operation its API documents. */
export const userResource: UserResource = {
	create: createUserOperation,
	operations: [
		findUserByEmailOperation,
		getUserOperation,
		updateUserOperation,
		deactivateUserOperation,
		reactivateUserOperation,
		removeUserOperation,
	],
};
