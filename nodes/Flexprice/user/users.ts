import type { IDataObject } from 'n8n-workflow';

import { fieldsOf, isPlainObject } from '../../shared/plainObject';
import type { UserApiClient, UserApiRequest } from '../../shared/userClient';
import type { UserLocatorSettings, UserReference } from '../../shared/userLocator';
import { onlyMatch, requiringUser, type ItemContext } from '../../shared/userOutcomes';
import { flexpriceProvider } from '../api';

/**
 * Flexprice's user API beyond create (https://docs.flexprice.io/api-reference, the same as its
 * server's docs/swagger; internal/api/v1/user.go and internal/repository/ent/user.go in
 * flexprice/flexprice): no GET for one user and no email query. POST /users/search is the one
 * read; its server applies only `type` (service_account when left out), `user_ids`, `limit` and
 * `offset`, and lists published accounts only, so an email is matched here, page by page.
 */

export type FlexpriceAccountType = 'user' | 'service_account';

/** An account as Flexprice's UserResponse shows it (email is empty for a service account). */
export interface FlexpriceAccount extends IDataObject {
	id: string;
	email: string;
	name: string;
	type: FlexpriceAccountType;
	roles: string[];
}

/** The largest page Flexprice serves ("limit 1-1000", docs api-reference/pagination.mdx). */
export const SEARCH_PAGE_LIMIT = 1000;

export function flexpriceUserLocator(purpose: string): UserLocatorSettings {
	return {
		providerName: flexpriceProvider.name,
		byEmail: true,
		byId: { placeholder: 'user_01J0000000000000000000000' },
		fromList: { searchListMethod: 'searchUsers', yields: 'id' },
		purpose,
	};
}

export interface SearchFilter {
	type: FlexpriceAccountType;
	limit: number;
	offset: number;
	userIds?: string[];
}

/** POST /users/search with a UserFilter body; `type` is always sent, since it defaults to service accounts. */
export function searchRequest({ type, limit, offset, userIds }: SearchFilter): UserApiRequest {
	return { method: 'POST', path: '/users/search', body: { type, limit, offset, ...(userIds ? { user_ids: userIds } : {}) } };
}

function isAccount(value: unknown): value is FlexpriceAccount {
	return isPlainObject(value) && typeof value.id === 'string';
}

/** ListUsersResponse: `{ items, pagination: { limit, offset, total } }`. */
export function searchPage(body: unknown): { accounts: FlexpriceAccount[]; total: number } {
	const page = fieldsOf(body);
	const accounts = Array.isArray(page.items) ? page.items.filter(isAccount) : [];
	const pagination = fieldsOf(page.pagination);
	return { accounts, total: typeof pagination.total === 'number' ? pagination.total : accounts.length };
}

/**
 * Every user whose email is exactly this one, read page by page. Flexprice keeps emails unique
 * as they were typed (InviteUser looks the email up as given), so the compare is exact too.
 */
export async function usersWithEmail(client: UserApiClient, email: string): Promise<FlexpriceAccount[]> {
	const matches: FlexpriceAccount[] = [];
	for (let offset = 0; ; offset += SEARCH_PAGE_LIMIT) {
		const { accounts, total } = searchPage((await client.read(searchRequest({ type: 'user', limit: SEARCH_PAGE_LIMIT, offset }))).body);
		matches.push(...accounts.filter((account) => account.email === email));
		if (accounts.length === 0 || offset + SEARCH_PAGE_LIMIT >= total) return matches;
	}
}

/** The published account with this id, of the given types in turn (a user first). */
export async function accountWithId(
	client: UserApiClient,
	id: string,
	types: FlexpriceAccountType[] = ['user', 'service_account'],
): Promise<FlexpriceAccount | undefined> {
	for (const type of types) {
		const { accounts } = searchPage((await client.read(searchRequest({ type, limit: 1, offset: 0, userIds: [id] }))).body);
		const account = accounts.find((candidate) => candidate.id === id);
		if (account) return account;
	}
	return undefined;
}

export function describeFlexpriceAccount(account: FlexpriceAccount): string {
	const who = account.email || account.name || 'unnamed';
	return `${who} (id ${account.id}, ${account.type})`;
}

export async function findFlexpriceAccount(client: UserApiClient, user: UserReference, item: ItemContext): Promise<FlexpriceAccount | undefined> {
	if (user.by === 'id') return await accountWithId(client, user.id);
	return onlyMatch(await usersWithEmail(client, user.email), {
		...item,
		providerName: flexpriceProvider.name,
		lookedFor: `the email ${user.email}`,
		describe: describeFlexpriceAccount,
	});
}

export const requireFlexpriceAccount = requiringUser(flexpriceProvider.name, findFlexpriceAccount);
