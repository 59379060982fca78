import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import type { UserOperation } from '../../shared/userOperation';
import { removedItem } from '../../shared/userOutcomes';
import { z } from '../../shared/zod';
import { netBirdProvider } from '../api';
import { deleteUserRequest, findNetBirdUser, netBirdUserLocator } from './users';

const locator = netBirdUserLocator('The user to delete');
const schema = z.object({ user: userReferenceSchema(locator) });

// DELETE /api/users/{userId} "removes a user from accessing the system": a hard delete that also
// deletes every peer the user registered (deleteRegularUser in management/server/user.go). The
// identity-provider account stays unless management runs with --user-delete-from-idp. NetBird
// answers an id it does not have with 404, read here as already removed. Not documented as
// idempotent, so it is sent once.
export const removeUserOperation: UserOperation<typeof schema> = {
	provider: netBirdProvider,
	value: 'remove',
	name: 'Remove',
	action: 'Delete a user and all their peers (devices), permanently',
	description:
		"Deletes the user from NetBird (DELETE /api/users/{userId}) together with all their peers (devices); it cannot be undone. Their identity-provider account is kept unless NetBird's management server deletes IdP users. To lock someone out reversibly, use Deactivate. A user who is already gone is a success with alreadyRemoved: true.",
	fields: [userLocatorProperty(locator)],
	schema,
	done: 'deleted',
	async run({ user }, client, item) {
		// By email, the id comes from the list: nobody with that email is someone already gone.
		const account = user.by === 'email' ? await findNetBirdUser(client, user, item) : undefined;
		const id = user.by === 'id' ? user.id : account?.id;
		if (id === undefined) return removedItem(user, true);
		const response = await client.changeIfFound(deleteUserRequest(id));
		return removedItem(user, response === undefined, account ? { id: account.id, email: account.email, name: account.name } : {});
	},
};
