import type { IDataObject, INode } from 'n8n-workflow';

import type { UserApiClient, UserApiRequest } from '../../shared/userClient';
import type { UserLocatorSettings } from '../../shared/userLocator';
import { userNotFoundError } from '../../shared/userOutcomes';

/**
 * Pulse CRM addresses a user by email in the path (the route file `/users/[email]/route.ts`):
 * GET, PATCH and DELETE /users/{email}. No read by numeric ID is documented, so the User field
 * offers By Email and the searchable list (GET /users?search=), whose entries are emails.
 * https://44.docs.dev.pulsecrm.com/api-reference/get-users-x-email-x.html
 */
export const userPath = (email: string) => `/users/${encodeURIComponent(email)}`;

export function pulseUserLocator(purpose: string): UserLocatorSettings {
	return {
		providerName: 'Pulse CRM',
		byEmail: true,
		fromList: { searchListMethod: 'searchUsers', yields: 'email' },
		purpose,
	};
}

/** The User object may carry an authentication token ("only included in certain responses"). */
export const USER_SECRET_FIELDS = ['token'];

export const getUserRequest = (email: string): UserApiRequest => ({ method: 'GET', path: userPath(email) });

/** The user with this email, or undefined when Pulse CRM answers 404 ("user … does not exist"). */
export async function findUser(client: UserApiClient, email: string): Promise<IDataObject | undefined> {
	const response = await client.readIfFound(getUserRequest(email));
	return response?.body as IDataObject | undefined;
}

/**
 * PATCH /users/{email} ("Updates a user's information by their email address"): 200 User, 404
 * when no user has the email. Sent once: Pulse CRM documents no idempotency for it.
 * https://44.docs.dev.pulsecrm.com/api-reference/patch-users-x-email-x.html
 */
export async function updateUser(
	client: UserApiClient,
	email: string,
	body: IDataObject,
	{ node, itemIndex }: { node: INode; itemIndex: number },
): Promise<IDataObject> {
	const response = await client.changeIfFound({ method: 'PATCH', path: userPath(email), body });
	if (!response) throw userNotFoundError(node, 'Pulse CRM', { by: 'email', email }, itemIndex);
	return response.body as IDataObject;
}
