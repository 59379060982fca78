import { randomBytes, randomUUID } from 'node:crypto';

import { ProviderSandbox, type ReceivedRequest, type SandboxResponse } from './server';

export const FLEXPRICE_API_KEY = 'fp_sandbox_9c1e7b2d4a6f8e0c3b5d7f9a';

export interface FlexpriceUser {
	id: string;
	/** Empty for a service account. */
	email: string;
	name: string;
	type: 'user' | 'service_account';
	roles: string[];
	metadata: Record<string, string>;
	password?: string;
	/** Not in Flexprice's responses: `archived` after DELETE, and then no longer listed. */
	status: 'published' | 'archived';
	/** Creation order, for the list's default sort (created_at desc). */
	createdAt: number;
}

// Flexprice's error envelope: { code, message, http_status_code, details }
function flexpriceError(status: number, code: string, message: string, details: object = {}): SandboxResponse {
	return { status, body: { code, message, http_status_code: status, details } };
}

const tenant = {
	id: 'tenant_sandbox',
	name: 'Sandbox Tenant',
	status: 'published',
	billing_details: { email: 'billing@example.com' },
	created_at: '2026-01-01T00:00:00Z',
	updated_at: '2026-01-01T00:00:00Z',
};

/** The roles Flexprice's server accepts per type (internal/types/rbac.go in flexprice/flexprice). */
const ACCEPTED_ROLES: Record<FlexpriceUser['type'], string[]> = {
	user: ['super_admin', 'all_reader', 'all_writer'],
	service_account: ['super_admin', 'event_ingestor', 'event_reader'],
};

/** What the API key belongs to: a super admin, the only role allowed to invite users and change roles. */
const CALLER = { id: 'user_admin', email: 'admin@example.com', type: 'user' as const };

/** A user as Flexprice's UserResponse shows one (internal/api/dto/user.go): no password, status or order. */
const userResponse = ({ id, name, email, type, roles, metadata }: FlexpriceUser) => ({ id, name, email, type, roles, metadata, tenant });

/** Roles as Flexprice checks them for a type (ValidateRoles in internal/rbac): known for the type, super_admin alone. */
function invalidRoles(type: FlexpriceUser['type'], requested: string[]): SandboxResponse | undefined {
	const unknown = requested.find((role) => !ACCEPTED_ROLES[type].includes(role));
	if (unknown !== undefined) return flexpriceError(400, 'validation_error', `invalid role ${unknown} for ${type}`, { roles: requested });
	if (requested.includes('super_admin') && requested.length > 1) {
		return flexpriceError(400, 'validation_error', 'super_admin cannot be combined with other roles', { roles: requested });
	}
	return undefined;
}

/**
 * A local server that behaves like Flexprice's users endpoints: POST /users, GET /users/me,
 * POST /users/search, PUT /users/{id} (service-account name), PUT /users/{id}/roles (user roles)
 * and DELETE /users/{id} (archives a service account), with the rules of its open-source server
 * (internal/ee/service/user.go, internal/repository/ent/user.go): roles per type, super_admin
 * alone, a user created without roles made a super admin, a search that applies only type,
 * user_ids, limit and offset (ignoring `filters`), and a role change refused while the user
 * holds an active API key.
 */
export function flexpriceSandbox(apiKey = FLEXPRICE_API_KEY) {
	const users: FlexpriceUser[] = [];
	/** Ids of users that hold an active (published, unexpired) API key; tests add to it. */
	const activeApiKeyHolders = new Set<string>();
	let created = 0;
	const notFound = (id: string) => flexpriceError(404, 'not_found', 'User not found', { id });
	const findUser = (id: string) => users.find((user) => user.id === id);

	const createUser = (request: ReceivedRequest): SandboxResponse => {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (body.type !== 'user' && body.type !== 'service_account') {
			return flexpriceError(400, 'validation_error', 'type must be one of user, service_account');
		}
		const requested = Array.isArray(body.roles) ? (body.roles as string[]) : [];
		const refused = invalidRoles(body.type, requested);
		if (refused) return refused;
		// "Invited users default to super_admin when no roles are specified" (InviteUser).
		const roles = body.type === 'user' && requested.length === 0 ? ['super_admin'] : requested;
		if (body.type === 'user') {
			if (typeof body.email !== 'string' || !body.email.includes('@')) {
				return flexpriceError(400, 'validation_error', 'email is required for type user');
			}
			if (body.email === CALLER.email || users.some((user) => user.email === body.email && user.status === 'published')) {
				// internal/ee/service/user.go InviteUser, as errhandler.go writes it.
				return flexpriceError(409, 'already_exists', 'A user with this email already exists in this tenant', {
					email: body.email,
				});
			}
		} else if (requested.length === 0) {
			return flexpriceError(400, 'validation_error', 'roles are required for service accounts');
		}
		const user: FlexpriceUser = {
			id: `user_${randomUUID()}`,
			email: body.type === 'user' ? (body.email as string) : '',
			// The server's DTO takes a name (not in the spec); only a service account keeps it.
			name: body.type === 'service_account' && typeof body.name === 'string' ? body.name : '',
			type: body.type,
			roles,
			metadata: {},
			password: body.type === 'user' ? `pw_${randomBytes(12).toString('hex')}` : undefined,
			status: 'published',
			createdAt: ++created,
		};
		users.push(user);
		return { status: 201, body: { ...userResponse(user), ...(user.password === undefined ? {} : { password: user.password }) } };
	};

	// QueryUsers + ListByFilter: `type` defaults to service_account; only published rows; user_ids,
	// limit (default 50, 1-1000) and offset apply; filters, roles, status and times are accepted and ignored.
	const searchUsers = (request: ReceivedRequest): SandboxResponse => {
		const filter = (request.body ?? {}) as Record<string, unknown>;
		const type = filter.type ?? 'service_account';
		if (type !== 'user' && type !== 'service_account') {
			return flexpriceError(400, 'validation_error', 'type must be one of user, service_account');
		}
		const limit = filter.limit ?? 50;
		const offset = filter.offset ?? 0;
		if (typeof limit !== 'number' || limit < 1 || limit > 1000) return flexpriceError(400, 'validation_error', 'limit must be between 1 and 1000');
		if (typeof offset !== 'number' || offset < 0) return flexpriceError(400, 'validation_error', 'offset must be 0 or more');
		const ids = Array.isArray(filter.user_ids) ? (filter.user_ids as unknown[]) : undefined;
		const caller: FlexpriceUser = { ...CALLER, name: 'Admin', roles: ['super_admin'], metadata: {}, status: 'published', createdAt: 0 };
		const matching = [caller, ...users]
			.filter((user) => user.status === 'published' && user.type === type && (!ids || ids.includes(user.id)))
			.sort((a, b) => b.createdAt - a.createdAt);
		return {
			status: 200,
			body: { items: matching.slice(offset, offset + limit).map(userResponse), pagination: { limit, offset, total: matching.length } },
		};
	};

	// UpdateServiceAccount: name only, service accounts only (any other id is "not found").
	const updateServiceAccount = (request: ReceivedRequest): SandboxResponse => {
		const user = findUser(request.params.id);
		if (!user || user.type !== 'service_account') {
			return flexpriceError(404, 'not_found', 'The provided ID does not belong to a service account', { id: request.params.id });
		}
		if (user.status === 'archived') {
			return flexpriceError(400, 'validation_error', 'Archived service accounts cannot be updated', { id: user.id });
		}
		const { name } = (request.body ?? {}) as Record<string, unknown>;
		if (typeof name !== 'string' || name.trim() === '') return flexpriceError(400, 'validation_error', 'name is required');
		user.name = name;
		return { status: 200, body: userResponse(user) };
	};

	// UpdateUserRoles: user accounts only, never the caller's own, never while the user holds an API key.
	const updateUserRoles = (request: ReceivedRequest): SandboxResponse => {
		const { roles } = (request.body ?? {}) as Record<string, unknown>;
		if (!Array.isArray(roles) || roles.length === 0 || roles.some((role) => typeof role !== 'string')) {
			return flexpriceError(400, 'validation_error', 'roles are required');
		}
		if (request.params.id === CALLER.id) {
			return flexpriceError(403, 'permission_denied', 'Ask another super_admin to change your roles');
		}
		const user = findUser(request.params.id);
		if (!user) return notFound(request.params.id);
		if (user.type !== 'user') {
			return flexpriceError(400, 'validation_error', 'Service account roles are fixed at creation and cannot be changed', {
				id: user.id,
				type: user.type,
			});
		}
		if (user.status === 'archived') return flexpriceError(400, 'validation_error', 'Archived users cannot have their roles updated', { id: user.id });
		const refused = invalidRoles('user', roles as string[]);
		if (refused) return refused;
		if (activeApiKeyHolders.has(user.id)) {
			return flexpriceError(400, 'validation_error', "Expire this user's existing API keys before changing their role", {
				id: user.id,
				active_api_key_count: 1,
			});
		}
		user.roles = [...(roles as string[])];
		return { status: 200, body: userResponse(user) };
	};

	// DeleteUser: archives a service account without active API keys; a user cannot be deleted.
	const deleteUser = (request: ReceivedRequest): SandboxResponse => {
		if (request.params.id === CALLER.id) {
			return flexpriceError(400, 'validation_error', 'Deletion is supported for service accounts only');
		}
		const user = findUser(request.params.id);
		if (!user) return notFound(request.params.id);
		if (user.type !== 'service_account') return flexpriceError(400, 'validation_error', 'Deletion is supported for service accounts only');
		if (activeApiKeyHolders.has(user.id)) {
			return flexpriceError(400, 'validation_error', 'Revoke all API keys before archiving this service account');
		}
		user.status = 'archived';
		return { status: 204 };
	};

	const sandbox = new ProviderSandbox({
		holdings: [users, activeApiKeyHolders],
		name: 'Flexprice',
		// POST /users/search is a read: faults meant for the create call leave it alone.
		createRoute: 'POST /users',
		authenticate: (request) =>
			request.headers['x-api-key'] === apiKey
				? undefined
				: flexpriceError(401, 'permission_denied', 'invalid or missing API key'),
		routes: {
			'POST /users': createUser,
			'GET /users/me': () => ({
				status: 200,
				body: { id: CALLER.id, email: CALLER.email, roles: ['admin'], type: 'user', tenant },
			}),
			'POST /users/search': searchUsers,
			'PUT /users/{id}': updateServiceAccount,
			'PUT /users/{id}/roles': updateUserRoles,
			'DELETE /users/{id}': deleteUser,
		},
	});
	/** An account the tenant already has, as a test sets one up: a user, unless the fields say otherwise. */
	const addUser = (fields: Partial<FlexpriceUser>): FlexpriceUser => {
		const user: FlexpriceUser = {
			id: `user_${randomUUID()}`,
			email: '',
			name: '',
			type: 'user',
			roles: ['all_reader'],
			metadata: {},
			status: 'published',
			createdAt: ++created,
			...fields,
		};
		users.push(user);
		return user;
	};
	return Object.assign(sandbox, { users, activeApiKeyHolders, addUser });
}

export type FlexpriceSandbox = ReturnType<typeof flexpriceSandbox>;

/** Credential data (as n8n stores it) that points the Flexprice node at a sandbox. */
export const flexpriceSandboxCredentials = (url: string) => ({ apiKey: FLEXPRICE_API_KEY, region: 'custom', baseUrl: url });
