import { randomBytes, randomUUID } from 'node:crypto';

import { ProviderSandbox, type ReceivedRequest, type SandboxResponse } from './server';

/** A personal access token as NetBird issues them: nbp_ + 30 random characters + a 6-character checksum. */
export const NETBIRD_ACCESS_TOKEN = 'nbp_sandboxR7kQ2mX9vL4tY8wN3bH6cJ1dF5gS0a1b2c3';
/** Stands in for an OAuth2 access token from the account's identity provider. */
export const NETBIRD_BEARER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW5kYm94LWFkbWluIn0.c2FuZGJveC1zaWduYXR1cmU';

const ROLES = new Set(['owner', 'admin', 'user', 'billing_admin', 'auditor', 'network_admin']);

export interface NetBirdUser {
	id: string;
	email: string;
	name: string;
	role: string;
	status: 'active' | 'invited' | 'blocked';
	last_login: string;
	auto_groups: string[];
	is_current: boolean;
	is_service_user: boolean;
	is_blocked: boolean;
	issued: 'api';
}

/** A device a user registered; NetBird deletes a user's peers with the user, and expires their login on a block. */
export interface NetBirdPeer {
	id: string;
	name: string;
	user_id: string;
	login_expired: boolean;
}

// NetBird's error envelope: { message, code }, code being the HTTP status; messages are lower case.
function netBirdError(status: number, message: string): SandboxResponse {
	return { status, body: { message, code: status } };
}

const NEVER_LOGGED_IN = '0001-01-01T00:00:00Z';

/** NetBird's status: blocked first; an invite nobody has accepted yet (never logged in) is still invited. */
function statusOf(user: NetBirdUser, isBlocked: boolean): NetBirdUser['status'] {
	if (isBlocked) return 'blocked';
	return !user.is_service_user && user.last_login === NEVER_LOGGED_IN ? 'invited' : 'active';
}

export const NETBIRD_GROUPS = [
	{ id: 'ch8i4ug6lnn4g9hqv7l0', name: 'All', peers_count: 7, resources_count: 0, issued: 'api' },
	{ id: 'ch8i4ug6lnn4g9hqv7m0', name: 'Developers', peers_count: 4, resources_count: 0, issued: 'api' },
	{ id: 'ch8i4ug6lnn4g9hqv7n0', name: 'Contractors', peers_count: 1, resources_count: 0, issued: 'api' },
	{ id: 'ch8i4ug6lnn4g9hqv7o0', name: 'Build Servers', peers_count: 2, resources_count: 1, issued: 'integration' },
].map((group) => ({ ...group, peers: [], resources: [] }));

const currentUser: NetBirdUser = {
	id: 'c2a8b5e4-9d1f-4f7a-8e3b-5a6c7d8e9f01',
	email: '',
	name: 'n8n automation',
	role: 'admin',
	status: 'active',
	last_login: '0001-01-01T00:00:00Z',
	auto_groups: [],
	is_current: true,
	is_service_user: true,
	is_blocked: false,
	issued: 'api',
};

/**
 * A local server that behaves like NetBird's management API for the users endpoints (POST, GET, PUT
 * and DELETE /api/users, GET /api/users/current) and GET /api/groups, with the rules and messages
 * of NetBird's management server (management/server/user.go, users_handler.go). One deliberate
 * difference: real NetBird tolerates a create body without auto_groups or is_service_user, and an
 * update body without is_blocked (read as false: an unblock), although its API schema requires
 * them; the sandbox refuses such bodies so that tests prove all of them are always sent.
 */
export function netBirdSandbox(accessToken = NETBIRD_ACCESS_TOKEN, bearerToken = NETBIRD_BEARER_TOKEN) {
	const users: NetBirdUser[] = [];
	const peers: NetBirdPeer[] = [];
	/** Every user of the account, the caller (the token's own service user) included, as GET /api/users lists them. */
	const caller: NetBirdUser = { ...currentUser, auto_groups: [] };
	const accountUsers = () => [caller, ...users];
	const findUser = (id: string) => accountUsers().find((user) => user.id === id);
	const notFound = (id: string) => netBirdError(404, `user: ${id} not found`);

	const createUser = (request: ReceivedRequest): SandboxResponse => {
		const body = request.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return netBirdError(400, "couldn't parse JSON request");
		}
		const { email, name, role, auto_groups: autoGroups, is_service_user: isServiceUser } = body as Record<string, unknown>;
		if (!Array.isArray(autoGroups) || autoGroups.some((id) => typeof id !== 'string')) {
			return netBirdError(400, "auto_groups field can't be absent");
		}
		if (typeof isServiceUser !== 'boolean') return netBirdError(400, "is_service_user field can't be absent");
		const roleName = typeof role === 'string' ? role.toLowerCase() : '';
		if (!ROLES.has(roleName)) return netBirdError(422, `unknown user role ${String(role ?? '')}`);

		const base = { role: roleName, auto_groups: autoGroups as string[], is_current: false, is_blocked: false };
		const common = { last_login: NEVER_LOGGED_IN, issued: 'api' as const };
		if (isServiceUser) {
			if (roleName === 'owner') return netBirdError(422, "can't create a service user with owner role");
			const user: NetBirdUser = {
				id: randomUUID(),
				email: '',
				name: typeof name === 'string' ? name : '',
				status: 'active',
				is_service_user: true,
				...base,
				...common,
			};
			users.push(user);
			return { status: 200, body: user };
		}

		// An invite: validated as NetBird's validateUserInvite does, then checked for an existing account.
		if (typeof name !== 'string' || name === '') return netBirdError(422, "name can't be empty");
		if (typeof email !== 'string' || email === '') return netBirdError(422, "email can't be empty");
		if (roleName === 'owner') return netBirdError(422, "can't invite a user with owner role");
		if (users.some((user) => user.email.toLowerCase() === email.toLowerCase())) {
			return netBirdError(409, "can't invite a user with an existing netbird account");
		}
		const user: NetBirdUser = {
			id: `oidc|${randomBytes(10).toString('hex')}`,
			email,
			name,
			status: 'invited',
			is_service_user: false,
			...base,
			...common,
		};
		users.push(user);
		return { status: 200, body: user };
	};

	// https://docs.netbird.io/api/resources/users#list-all-users: a plain array, no paging and no
	// email filter; service_user=true|false keeps one kind, no value lists both (users_handler.go).
	const listUsers = (request: ReceivedRequest): SandboxResponse => {
		const kind = request.query.get('service_user');
		const listed = kind === null ? accountUsers() : accountUsers().filter((user) => user.is_service_user === (kind === 'true'));
		return { status: 200, body: listed };
	};

	// PUT replaces role, auto_groups and is_blocked together (updateUser in management/server/user.go;
	// name and email cannot be changed), refusing what validateUserUpdate refuses.
	const updateUser = (request: ReceivedRequest): SandboxResponse => {
		const user = findUser(request.params.userId);
		if (!user) return notFound(request.params.userId);
		const body = request.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return netBirdError(400, "couldn't parse JSON request");
		}
		const { role, auto_groups: autoGroups, is_blocked: isBlocked } = body as Record<string, unknown>;
		if (!Array.isArray(autoGroups) || autoGroups.some((id) => typeof id !== 'string')) {
			return netBirdError(400, "auto_groups field can't be absent");
		}
		if (typeof isBlocked !== 'boolean') return netBirdError(400, "is_blocked field can't be absent");
		const roleName = typeof role === 'string' ? role.toLowerCase() : '';
		if (!ROLES.has(roleName)) return netBirdError(422, 'invalid user role');
		if (user.is_current && user.is_blocked !== isBlocked) return netBirdError(403, "admins can't block or unblock themselves");
		if (user.is_current && user.role !== roleName) return netBirdError(403, "admins can't change their role");
		if (user.role === 'owner' && roleName !== 'owner') return netBirdError(403, 'only owners can remove owner role from their user');
		if (user.role === 'owner' && isBlocked && !user.is_blocked) return netBirdError(403, 'unable to block owner user');
		if (roleName === 'owner' && user.role !== 'owner') return netBirdError(403, 'only owners can add owner role to other users');
		for (const id of autoGroups as string[]) {
			const group = NETBIRD_GROUPS.find((candidate) => candidate.id === id);
			if (!group) return netBirdError(422, `provided group ID ${id} in the user ${user.id} update doesn't exist`);
			if (group.name === 'All') return netBirdError(422, "can't add All group to the user");
		}
		// A block disconnects the user's devices and sets them to "login expired" (netbirdio/netbird #846).
		if (isBlocked && !user.is_blocked) {
			for (const peer of peers) if (peer.user_id === user.id) peer.login_expired = true;
		}
		Object.assign(user, { role: roleName, auto_groups: autoGroups as string[], is_blocked: isBlocked, status: statusOf(user, isBlocked) });
		return { status: 200, body: user };
	};

	// A hard delete: the user and every peer they registered are gone (deleteRegularUser).
	const deleteUser = (request: ReceivedRequest): SandboxResponse => {
		const user = findUser(request.params.userId);
		if (!user) return notFound(request.params.userId);
		if (user.is_current) return netBirdError(422, 'self deletion is not allowed');
		if (user.role === 'owner') return netBirdError(403, "can't delete a user with the owner role");
		users.splice(users.indexOf(user), 1);
		for (let index = peers.length - 1; index >= 0; index--) if (peers[index].user_id === user.id) peers.splice(index, 1);
		return { status: 200, body: {} };
	};

	const sandbox = new ProviderSandbox({
		holdings: [users, peers],
		name: 'NetBird',
		authenticate: (request) => {
			const [scheme = '', token = ''] = String(request.headers.authorization ?? '').split(' ');
			// NetBird treats a personal access token sent as Bearer like a Token header.
			const type = scheme.toLowerCase() === 'bearer' && token.startsWith('nbp_') ? 'token' : scheme.toLowerCase();
			if (type === 'token') return token === accessToken ? undefined : netBirdError(401, 'token invalid');
			if (type === 'bearer') return token === bearerToken ? undefined : netBirdError(401, 'token invalid');
			return netBirdError(401, 'no valid authentication provided');
		},
		// https://docs.netbird.io/api/guides/authentication: 120 requests per minute, burst of 1200, per
		// token. No rate-limit headers are documented, and NetBird's management server sends its 429
		// without Retry-After.
		rateLimit: { limit: 120, windowMs: 60_000, burst: 1200, headers: false, retryAfter: false },
		// management/server/http/middleware/rate_limiter.go
		rateLimitBody: { message: 'too many requests', code: 429 },
		routes: {
			'POST /api/users': createUser,
			'GET /api/users': listUsers,
			'GET /api/users/current': () => ({ status: 200, body: caller }),
			'PUT /api/users/{userId}': updateUser,
			'DELETE /api/users/{userId}': deleteUser,
			'GET /api/groups': () => ({ status: 200, body: NETBIRD_GROUPS }),
		},
	});
	/** A user the account already has, as a test sets one up: an accepted invite unless the fields say otherwise. */
	const addUser = (fields: Partial<NetBirdUser> & { email: string }): NetBirdUser => {
		const user: NetBirdUser = {
			id: `oidc|${randomBytes(10).toString('hex')}`,
			name: 'Ada Lovelace',
			role: 'user',
			status: 'active',
			last_login: '2026-11-30T09:00:00Z',
			auto_groups: [],
			is_current: false,
			is_service_user: false,
			is_blocked: false,
			issued: 'api',
			...fields,
		};
		if (user.is_blocked) user.status = 'blocked';
		users.push(user);
		return user;
	};
	/** A device the user registered. */
	const addPeer = (userId: string, name = 'laptop'): NetBirdPeer => {
		const peer = { id: `peer_${randomBytes(6).toString('hex')}`, name, user_id: userId, login_expired: false };
		peers.push(peer);
		return peer;
	};
	return Object.assign(sandbox, { users, peers, addUser, addPeer });
}

export type NetBirdSandbox = ReturnType<typeof netBirdSandbox>;

/** Credential data (as n8n stores it) that points the NetBird node at a sandbox. */
export const netBirdSandboxCredentials = (url: string) => ({
	baseUrl: url,
	authType: 'token',
	accessToken: NETBIRD_ACCESS_TOKEN,
});
