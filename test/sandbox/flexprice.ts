import { randomBytes, randomUUID } from 'node:crypto';

import { ProviderSandbox, type ReceivedRequest, type SandboxResponse } from './server';

export const FLEXPRICE_API_KEY = 'fp_sandbox_9c1e7b2d4a6f8e0c3b5d7f9a';

interface FlexpriceUser {
	id: string;
	email: string;
	type: 'user' | 'service_account';
	roles: string[];
	password?: string;
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

/**
 * A local server that behaves like Flexprice's POST /users and GET /users/me, with the role
 * rules of its open-source server: roles per type, super_admin alone, and a user created
 * without roles made a super admin.
 */
export function flexpriceSandbox(apiKey = FLEXPRICE_API_KEY) {
	const users: FlexpriceUser[] = [];

	const createUser = (request: ReceivedRequest): SandboxResponse => {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (body.type !== 'user' && body.type !== 'service_account') {
			return flexpriceError(400, 'validation_error', 'type must be one of user, service_account');
		}
		const requested = Array.isArray(body.roles) ? (body.roles as string[]) : [];
		const allowed = ACCEPTED_ROLES[body.type];
		const unknown = requested.find((role) => !allowed.includes(role));
		if (unknown !== undefined) {
			return flexpriceError(400, 'validation_error', `invalid role ${unknown} for ${body.type}`, { roles: requested });
		}
		if (requested.includes('super_admin') && requested.length > 1) {
			return flexpriceError(400, 'validation_error', 'super_admin cannot be combined with other roles', { roles: requested });
		}
		// "Invited users default to super_admin when no roles are specified" (InviteUser).
		const roles = body.type === 'user' && requested.length === 0 ? ['super_admin'] : requested;
		if (body.type === 'user') {
			if (typeof body.email !== 'string' || !body.email.includes('@')) {
				return flexpriceError(400, 'validation_error', 'email is required for type user');
			}
			if (users.some((user) => user.email === body.email)) {
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
			type: body.type,
			roles,
			password: body.type === 'user' ? `pw_${randomBytes(12).toString('hex')}` : undefined,
		};
		users.push(user);
		return { status: 201, body: { ...user, tenant } };
	};

	const sandbox = new ProviderSandbox({
		holdings: [users],
		name: 'Flexprice',
		authenticate: (request) =>
			request.headers['x-api-key'] === apiKey
				? undefined
				: flexpriceError(401, 'permission_denied', 'invalid or missing API key'),
		routes: {
			'POST /users': createUser,
			'GET /users/me': () => ({
				status: 200,
				body: { id: 'user_admin', email: 'admin@example.com', roles: ['admin'], type: 'user', tenant },
			}),
		},
	});
	return Object.assign(sandbox, { users });
}

export type FlexpriceSandbox = ReturnType<typeof flexpriceSandbox>;

/** Credential data (as n8n stores it) that points the Flexprice node at a sandbox. */
export const flexpriceSandboxCredentials = (url: string) => ({ apiKey: FLEXPRICE_API_KEY, region: 'custom', baseUrl: url });
