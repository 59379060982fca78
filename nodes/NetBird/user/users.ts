import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../../shared/plainObject';
import type { UserApiClient, UserApiRequest } from '../../shared/userClient';
import type { UserLocatorSettings, UserReference } from '../../shared/userLocator';
import { onlyMatch, requiringUser, userNotFoundError, type ItemContext } from '../../shared/userOutcomes';
import { netBirdProvider } from '../api';

/**
 * NetBird's user API beyond create, as its management server documents and implements it
 * (https://docs.netbird.io/api/resources/users; management/server/user.go in netbirdio/netbird):
 * there is no GET by id and no email filter, so every lookup reads the one list; an update is a
 * PUT that replaces role, auto_groups and is_blocked together.
 */

/** A user as GET /api/users lists them (the fields this pack reads; the rest is passed through). */
export interface NetBirdUser extends IDataObject {
	id: string;
	email: string;
	name: string;
	role: string;
	auto_groups: string[];
	is_blocked: boolean;
	is_service_user: boolean;
}

export function netBirdUserLocator(purpose: string): UserLocatorSettings {
	return {
		providerName: netBirdProvider.name,
		// Looked up in the list, compared as NetBird compares emails.
		byEmail: true,
		byId: { placeholder: 'google-oauth2|1234567890' },
		fromList: { searchListMethod: 'searchUsers', yields: 'id' },
		purpose,
	};
}

/**
 * GET /api/users answers with every user of the account at once (a plain array, no paging).
 * `service_user=false` keeps the regular users, the only ones with an email.
 * https://docs.netbird.io/api/resources/users#list-all-users
 */
export function listUsersRequest(kind: 'regular' | 'all' = 'all'): UserApiRequest {
	return { method: 'GET', path: '/api/users', ...(kind === 'regular' ? { qs: { service_user: false } } : {}) };
}

function isNetBirdUser(value: unknown): value is NetBirdUser {
	return isPlainObject(value) && typeof value.id === 'string';
}

/** The users of a list answer; anything that is not a user is left out rather than guessed at. */
export function usersOf(body: unknown): NetBirdUser[] {
	return Array.isArray(body) ? body.filter(isNetBirdUser) : [];
}

export async function listUsers(client: UserApiClient, kind: 'regular' | 'all' = 'all'): Promise<NetBirdUser[]> {
	return usersOf((await client.read(listUsersRequest(kind))).body);
}

/**
 * The regular users whose email is this one. NetBird compares emails case-insensitively when it
 * refuses an invite (strings.EqualFold in createEmbeddedIdpUser), so the lookup does too.
 */
export function usersWithEmail(users: NetBirdUser[], email: string): NetBirdUser[] {
	const wanted = email.trim().toLowerCase();
	return users.filter((user) => !user.is_service_user && typeof user.email === 'string' && user.email.toLowerCase() === wanted);
}

/** How a user is named in messages: name and email (or the name of a service user), and the id. */
export function describeNetBirdUser(user: NetBirdUser): string {
	const email = user.email ? ` <${user.email}>` : '';
	return `${user.name || 'unnamed'}${email}, id ${user.id}`;
}

/** The user the reference names, or undefined; two regular users with the email is an error naming both. */
export async function findNetBirdUser(client: UserApiClient, user: UserReference, item: ItemContext): Promise<NetBirdUser | undefined> {
	const users = await listUsers(client, user.by === 'email' ? 'regular' : 'all');
	if (user.by === 'id') return users.find((candidate) => candidate.id === user.id);
	return onlyMatch(usersWithEmail(users, user.email), {
		...item,
		providerName: netBirdProvider.name,
		lookedFor: `the email ${user.email}`,
		describe: describeNetBirdUser,
	});
}

/** The user the reference names; one NetBird does not have is an error, and nothing is sent. */
export const requireNetBirdUser = requiringUser(netBirdProvider.name, findNetBirdUser);

/** What an update may change; anything left out keeps the user's current value. */
export interface NetBirdUserChanges {
	role?: string;
	autoGroups?: string[];
	isBlocked?: boolean;
}

/**
 * PUT /api/users/{userId}: role, auto_groups and is_blocked are all required, and a missing
 * is_blocked reads as false (an unblock). So the body always carries all three, each taken from
 * the user as just read unless the item changes it: an update never unblocks by accident.
 * https://docs.netbird.io/api/resources/users#update-a-user-role
 */
export function updateUserRequest(current: NetBirdUser, changes: NetBirdUserChanges): UserApiRequest {
	return {
		method: 'PUT',
		path: `/api/users/${encodeURIComponent(current.id)}`,
		body: {
			role: changes.role ?? current.role,
			auto_groups: changes.autoGroups ?? (Array.isArray(current.auto_groups) ? current.auto_groups : []),
			is_blocked: changes.isBlocked ?? current.is_blocked === true,
		},
	};
}

/**
 * Sends the full replacement. HTTP's PUT is idempotent (RFC 9110, 9.2.2) and NetBird's replaces
 * exactly the three fields it is given, so the same body sent again after a lost answer leaves
 * the user as the first one did: it is retried like a read.
 */
export async function replaceUser(client: UserApiClient, current: NetBirdUser, changes: NetBirdUserChanges, item: ItemContext): Promise<NetBirdUser> {
	const response = await client.changeIfFound(updateUserRequest(current, changes), 'documentedIdempotent');
	if (!response) throw userNotFoundError(item.node, netBirdProvider.name, { by: 'id', id: current.id }, item.itemIndex);
	return response.body as NetBirdUser;
}

/** Blocks or unblocks the user; one already so is output as is, with nothing sent. */
export async function setBlocked(client: UserApiClient, user: UserReference, isBlocked: boolean, item: ItemContext): Promise<NetBirdUser> {
	const current = await requireNetBirdUser(client, user, item);
	if ((current.is_blocked === true) === isBlocked) return current;
	return await replaceUser(client, current, { isBlocked }, item);
}

/** DELETE /api/users/{userId}: a hard delete, which also deletes every peer the user registered. */
export function deleteUserRequest(id: string): UserApiRequest {
	return { method: 'DELETE', path: `/api/users/${encodeURIComponent(id)}` };
}
