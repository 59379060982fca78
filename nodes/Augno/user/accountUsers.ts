import type { IDataObject, INode } from 'n8n-workflow';

import { cursorOf } from '../../shared/providerLists';
import type { UserApiClient, UserApiRequest } from '../../shared/userClient';
import type { UserLocatorSettings, UserReference } from '../../shared/userLocator';
import { onlyMatch, userNotFoundError } from '../../shared/userOutcomes';
import { augnoProvider } from '../api';

/**
 * Augno's account users (https://docs.augno.com/api-reference/account-users-management/…):
 * `GET /v1/identity/account-users` lists them (`q` free text, `removed_scope`, cursor paging),
 * `GET|PATCH /v1/identity/account-users/{id}` reads and updates one, and `PUT …/{id}/actions/…`
 * disables, removes (soft) and activates one. Sub-objects (`user`, `role`, `department`) are null
 * unless asked for with `include[]`.
 */
export const ACCOUNT_USERS_PATH = '/v1/identity/account-users';
export const accountUserPath = (id: string) => `${ACCOUNT_USERS_PATH}/${encodeURIComponent(id)}`;

/** What every read and update asks Augno to expand, so the output names the person, role and department. */
const EXPANDED = { qs: { 'include[]': ['user', 'role', 'department'] }, arrayFormat: 'repeat' as const };

export function augnoUserLocator(purpose: string): UserLocatorSettings {
	return {
		providerName: 'Augno',
		byEmail: true,
		byId: { placeholder: 'au_01jm4r5x0ada000000000000' },
		fromList: { searchListMethod: 'searchAccountUsers', yields: 'id' },
		purpose,
	};
}

// Augno's documented lists take `limit` up to 1000 (older spec); a lookup reads at most this many pages.
const LOOKUP_PAGE_SIZE = 100;
const LOOKUP_MAX_PAGES = 20;

const emailOf = (accountUser: IDataObject) => {
	const user = accountUser.user as IDataObject | null | undefined;
	return typeof user?.email === 'string' ? user.email : undefined;
};

export interface LookupSettings {
	node: INode;
	itemIndex: number;
	/** `included` also finds removed members (`excluded`, Augno's default, finds active and disabled). */
	removedScope: 'excluded' | 'included';
}

/**
 * The account user whose user's email is this one, compared exactly (case-insensitively) on
 * `user.email`: Augno's `q` is free text over fields it does not name, so its matches are only
 * candidates. Two members for one email is an error naming both; none is undefined.
 */
export async function findAccountUserByEmail(client: UserApiClient, email: string, settings: LookupSettings): Promise<IDataObject | undefined> {
	const matches: IDataObject[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < LOOKUP_MAX_PAGES; page++) {
		const qs: IDataObject = { ...EXPANDED.qs, q: email, limit: LOOKUP_PAGE_SIZE, removed_scope: settings.removedScope };
		if (cursor !== undefined) qs.cursor = cursor;
		const { body } = await client.read({ method: 'GET', path: ACCOUNT_USERS_PATH, qs, arrayFormat: 'repeat' });
		const list = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
		const data = Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
		matches.push(...data.filter((accountUser) => emailOf(accountUser)?.toLowerCase() === email.toLowerCase()));
		const pageInfo = (list.page_info ?? {}) as IDataObject;
		cursor = pageInfo.has_next_page === true ? cursorOf(pageInfo.next_page_url) : undefined;
		if (cursor === undefined) break;
	}
	return onlyMatch(matches, {
		node: settings.node,
		itemIndex: settings.itemIndex,
		providerName: augnoProvider.name,
		lookedFor: `the email ${email}`,
		describe: (accountUser) => `${String(accountUser.id)} (${emailOf(accountUser) ?? 'no email'}, ${String(accountUser.status)})`,
	});
}

export const getAccountUserRequest = (id: string): UserApiRequest => ({ method: 'GET', path: accountUserPath(id), ...EXPANDED });

/**
 * The account user the locator names, or undefined when Augno has none: by ID a 404 ("an ID
 * belonging to another account is reported as not found"), by email no exact match.
 */
export async function findAccountUser(client: UserApiClient, user: UserReference, settings: LookupSettings): Promise<IDataObject | undefined> {
	if (user.by === 'email') return await findAccountUserByEmail(client, user.email, settings);
	return (await client.readIfFound(getAccountUserRequest(user.id)))?.body as IDataObject | undefined;
}

/** As `findAccountUser`, for operations that need the user to exist: none is the item's error. */
export async function requireAccountUser(client: UserApiClient, user: UserReference, settings: LookupSettings): Promise<IDataObject> {
	const found = await findAccountUser(client, user, settings);
	if (!found) throw userNotFoundError(settings.node, augnoProvider.name, user, settings.itemIndex);
	return found;
}

/** The ID to act on: an ID as given, an email looked up first. */
export async function accountUserIdOf(client: UserApiClient, user: UserReference, settings: LookupSettings): Promise<string> {
	return user.by === 'id' ? user.id : String((await requireAccountUser(client, user, settings)).id);
}

export type AccountUserAction = 'disable' | 'remove' | 'activate';

/**
 * Runs one of the documented actions: idempotent PUTs with no body that answer 200 `{}`
 * ("disabling a disabled user is a no-op", likewise remove and activate), so they are safe to
 * repeat after a 5xx or a lost connection. The output is the account user as Augno then has it.
 * https://docs.augno.com/api-reference/account-users/… (AUG-GO identityaccountuseraction.go)
 */
export async function runAction(client: UserApiClient, id: string, action: AccountUserAction, settings: LookupSettings): Promise<IDataObject> {
	const done = await client.changeIfFound({ method: 'PUT', path: `${accountUserPath(id)}/actions/${action}` }, 'documentedIdempotent');
	if (!done) throw userNotFoundError(settings.node, augnoProvider.name, { by: 'id', id }, settings.itemIndex);
	return (await client.read(getAccountUserRequest(id))).body as IDataObject;
}
