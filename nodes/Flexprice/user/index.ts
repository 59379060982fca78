import type { UserResource } from '../../shared/userOperation';
import { createUserOperation } from './create';
import { findUserByEmailOperation } from './findByEmail';
import { getUserOperation } from './get';
import { removeUserOperation } from './remove';
import { updateUserOperation } from './update';

/**
 * Flexprice's User resource: every user operation its API documents. It has none to deactivate
 * or remove a user (only a service account can be archived).
 */
export const userResource: UserResource = {
	create: createUserOperation,
	operations: [findUserByEmailOperation, getUserOperation, updateUserOperation, removeUserOperation],
};
