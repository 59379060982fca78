import type { UserResource } from '../../shared/userOperation';
import { archiveUserOperation, unarchiveUserOperation } from './archive';
import { createUserOperation } from './create';
import { getUserOperation } from './get';
import { updateUserOperation } from './update';

/**
 * Fungies' User resource: every user operation its API documents with settled parameters. Find
 * by Email is left out: see ./users.ts for why.
 */
export const userResource: UserResource = {
	create: createUserOperation,
	operations: [getUserOperation, updateUserOperation, archiveUserOperation, unarchiveUserOperation],
};
