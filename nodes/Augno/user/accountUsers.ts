import type { IDataObject, INode } from 'n8n-workflow';

import { cursorOf } from '../../shared/providerLists';
import type { ExistingUserLookup } from '../../shared/returnExisting';
import type { UserApiClient, UserApiRequest } from '../../shared/userClient';
import type { UserLocatorSettings, UserReference } from '../../shared/userLocator';
import { onlyMatch, requiringUser, userNotFoundError } from '../../shared/userOutcomes';
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

/** How a person is told apart: by email, or by username for a scanning station user (who has none). */
export type PersonField = 'email' | 'username';

const fieldOf = (accountUser: IDataObject, field: PersonField) => {
	const user = accountUser.user as IDataObject | null | undefined;
	return typeof user?.[field] === 'string' ? (user[field] as string) : undefined;
};

export interface LookupSettings {
	node: INode;
	itemIndex: number;
	/** `included` also finds removed members (`excluded`, Augno's default, finds active and disabled). */
	removedScope: 'excluded' | 'included';
}

/**
 * The account user whose user's email (or username) is this one, compared exactly on `user.email`
 * (case-insensitively) or `user.username`: Augno's `q` is free text over fields it does not name,
 * so its matches are only candidates. Two members for one person is an error naming both; none
 * is undefined.
 */
export async function findAccountUserBy(
	client: UserApiClient,
	field: PersonField,
	value: string,
	settings: LookupSettings,
): Promise<IDataObject | undefined> {
	const same = (candidate: string | undefined) =>
		field === 'email' ? candidate?.toLowerCase() === value.toLowerCase() : candidate === value;
	const matches: IDataObject[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < LOOKUP_MAX_PAGES; page++) {
		const qs: IDataObject = { ...EXPANDED.qs, q: value, limit: LOOKUP_PAGE_SIZE, removed_scope: settings.removedScope };
		if (cursor !== undefined) qs.cursor = cursor;
		const { body } = await client.read({ method: 'GET', path: ACCOUNT_USERS_PATH, qs, arrayFormat: 'repeat' });
		const list = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
		const data = Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
		matches.push(...data.filter((accountUser) => same(fieldOf(accountUser, field))));
		const pageInfo = (list.page_info ?? {}) as IDataObject;
		cursor = pageInfo.has_next_page === true ? cursorOf(pageInfo.next_page_url) : undefined;
		if (cursor === undefined) break;
	}
	return onlyMatch(matches, {
		node: settings.node,
		itemIndex: settings.itemIndex,
		providerName: augnoProvider.name,
		lookedFor: `the ${field} ${value}`,
		describe: (accountUser) => `${String(accountUser.id)} (${fieldOf(accountUser, field) ?? `no ${field}`}, ${String(accountUser.status)})`,
	});
}

export const getAccountUserRequest = (id: string): UserApiRequest => ({ method: 'GET', path: accountUserPath(id), ...EXPANDED });

/**
 * The account user the locator names, or undefined when Augno has none: by ID a 404 ("an ID
 * belonging to another account is reported as not found"), by email no exact match.
 */
export async function findAccountUser(client: UserApiClient, user: UserReference, settings: LookupSettings): Promise<IDataObject | undefined> {
	if (user.by === 'email') return await findAccountUserBy(client, 'email', user.email, settings);
	return (await client.readIfFound(getAccountUserRequest(user.id)))?.body as IDataObject | undefined;
}

/** As `findAccountUser`, for operations that need the user to exist: none is the item's error. */
export const requireAccountUser = requiringUser(augnoProvider.name, findAccountUser);

/** The ID to act on: an ID as given, an email looked up first. */
export async function accountUserIdOf(client: UserApiClient, user: UserReference, settings: LookupSettings): Promise<string> {
	return user.by === 'id' ? user.id : String((await requireAccountUser(client, user, settings)).id);
}

/**
 * For Create's If User Exists → Return Existing: Augno answers a conflict only for someone
 * already an active member (a removed one is restored instead), so the lookup is among the
 * account's current users, by the email the create call sent, else its username.
 */
export const findExistingAccountUser: ExistingUserLookup = async (identity, client, item) => {
	const field: PersonField = typeof identity.email === 'string' ? 'email' : 'username';
	return await findAccountUserBy(client, field, String(identity[field]), { ...item, removedScope: 'excluded' });
};

export type AccountUserAction = 'disable' | 'remove' | 'activate';

/**
 * Runs one of the documented actions on the user, found whatever their status: idempotent PUTs
 * with no body that answer 200 `{}` ("disabling a disabled user is a no-op", likewise remove and
 * activate), so they are safe to repeat after a 5xx or a lost connection. The output is the
 * account user as Augno then has it.
 * https://docs.augno.com/api-reference/account-users/… (AUG-GO identityaccountuseraction.go)
 */
export async function runAction(
	client: UserApiClient,
	user: UserReference,
	action: AccountUserAction,
	item: { node: INode; itemIndex: number },
): Promise<IDataObject> {
	const settings: LookupSettings = { ...item, removedScope: 'included' };
	// "Removed users must be activated first": Augno refuses to disable them, and activating would
	// let them back in. A removed user is locked out already, so for them nothing is sent.
	const current = action === 'disable' ? await requireAccountUser(client, user, settings) : undefined;
	if (current?.status === 'removed') return { ...current, alreadyRemoved: true };
	const id = current ? String(current.id) : await accountUserIdOf(client, user, settings);
	const done = await client.changeIfFound({ method: 'PUT', path: `${accountUserPath(id)}/actions/${action}` }, 'documentedIdempotent');
	if (!done) throw userNotFoundError(settings.node, augnoProvider.name, { by: 'id', id }, settings.itemIndex);
	return (await client.read(getAccountUserRequest(id))).body as IDataObject;
}
