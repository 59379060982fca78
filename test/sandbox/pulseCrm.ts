import { randomBytes } from 'node:crypto';

import { ProviderSandbox, type ReceivedRequest, type SandboxResponse } from './server';

export const PULSE_CRM_API_KEY = 'pulse_key_sandbox_5b8e1d3f7a9c';
export const PULSE_CRM_API_SECRET = 'pulse_secret_sandbox_0e4a6c2f8b1d3e5f';
/** A long-lived token for the "Access Token" authentication. */
export const PULSE_CRM_ACCESS_TOKEN = 'pulse_static_sandbox_7d2b9f4e1a6c8e3b';
/** The API key's primary account (the docs' example id), and a second account it may use. */
export const PULSE_CRM_PRIMARY_ACCOUNT_ID = '2311';
export const PULSE_CRM_OTHER_ACCOUNT_ID = '2312';

const ACCOUNTS: Record<string, string> = {
	[PULSE_CRM_PRIMARY_ACCOUNT_ID]: 'Sandbox Merchant Services',
	[PULSE_CRM_OTHER_ACCOUNT_ID]: 'Sandbox ISO Partner',
};

const SIGNED_IN_USER = { id: 1, email: 'automation@example.com', name: 'Automation' };

/** The User object of the create call's page. */
interface PulseCrmUser {
	id: number;
	email: string;
	name: string;
	active: boolean;
	teamId: number;
	phone: string;
	imgSrc: string;
	notificationPreferences: object;
	createdBy: string;
	updatedBy: string;
	createdAt: string;
	updatedAt: string;
	accounts: Array<{ accountId: string; accountName: string; usersPrimaryAccount: boolean; accountAdmin: boolean }>;
	flatRolesList: string[];
	flatPermissionsList: string[];
	token: string;
}

// Pulse CRM's error envelope: { error, status, message }
function pulseCrmError(status: number, error: string, message: string): SandboxResponse {
	return { status, body: { error, status, message } };
}

const UPDATABLE_FIELDS: Record<string, (value: unknown) => boolean> = {
	active: (value) => typeof value === 'boolean',
	name: (value) => typeof value === 'string',
	teamId: (value) => Number.isInteger(value),
	phone: (value) => typeof value === 'string',
	imgSrc: (value) => typeof value === 'string',
	roles: (value) => Array.isArray(value) && value.every((role) => typeof role === 'string'),
	notificationPreferences: (value) => Array.isArray(value) && value.every(isNotificationPreference),
};

/** The NotificationPreference schema: `event` required, `accountId` a string, `deliveryPref` of the five. */
function isNotificationPreference(entry: unknown): boolean {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
	const { event, accountId, deliveryPref, ...others } = entry as Record<string, unknown>;
	return (
		Object.keys(others).length === 0 &&
		typeof event === 'string' &&
		event !== '' &&
		(accountId === undefined || typeof accountId === 'string') &&
		(deliveryPref === undefined || (Array.isArray(deliveryPref) && deliveryPref.every((pref) => DELIVERY_PREFERENCES.has(String(pref)))))
	);
}

const MEMBERSHIP_FIELDS = new Set(['usersPrimaryAccount', 'accountAdmin']);

/** The documented body of PATCH /users/{email}: what is wrong with it, if anything. */
function invalidUpdate(body: Record<string, unknown>): string | undefined {
	for (const [field, value] of Object.entries(body)) {
		const check = UPDATABLE_FIELDS[field];
		if (!check) return `Unknown field ${field}`;
		if (!check(value)) return `Invalid value for ${field}`;
	}
	return undefined;
}

const bearerToken = (request: ReceivedRequest) => {
	const header = request.headers.authorization;
	return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
};

export interface PulseCrmSandboxOptions {
	apiKey?: string;
	apiSecret?: string;
	accessToken?: string;
	/** How long a session token from POST /auth/login lives. */
	sessionTtlMs?: number;
}

const PAGE_SIZE_DEFAULT = 20;
const DELIVERY_PREFERENCES = new Set(['website', 'weekly_email_digest', 'monthly_email_digest', 'email', 'sms']);

/**
 * A local server that behaves like Pulse CRM: POST /auth/login (API key + secret → an expiring
 * session token), GET /auth/session, POST /users (Bearer token + X-Account-Id), and the documented
 * user lifecycle: GET /users (page, pageSize, search, teamId, active), GET, PATCH and DELETE
 * /users/{email}, PATCH and DELETE /accounts/{accountId}/users/{userId}.
 *
 * Stand-in choices where the docs say nothing: emails compare case-insensitively; `search` is a
 * case-insensitive substring of the email or name; a user removed from their last account stays a
 * user (GET still finds them, with no accounts); `notificationPreferences` sent in a PATCH is
 * stored as sent (whether it replaces or merges is not documented).
 */
export function pulseCrmSandbox({
	apiKey = PULSE_CRM_API_KEY,
	apiSecret = PULSE_CRM_API_SECRET,
	accessToken = PULSE_CRM_ACCESS_TOKEN,
	sessionTtlMs = 15 * 60_000,
}: PulseCrmSandboxOptions = {}) {
	const users: PulseCrmUser[] = [];
	/** Session token → when it expires (ms since epoch). */
	const sessions = new Map<string, number>();
	let nextUserId = 1001;

	/** Issues a session as a sign-in does; `ttlMs` lets a test hand out one that is about to expire. */
	const issueSession = (ttlMs = sessionTtlMs): string => {
		const token = `pulse_session_${randomBytes(16).toString('hex')}`;
		sessions.set(token, Date.now() + ttlMs);
		return token;
	};

	/** Every session issued so far stops working, as when they time out. */
	const expireSessions = () => {
		for (const token of sessions.keys()) sessions.set(token, 0);
	};

	const sessionPayload = (token: string) => ({
		token,
		user: SIGNED_IN_USER,
		primaryAccount: { accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID, accountName: ACCOUNTS[PULSE_CRM_PRIMARY_ACCOUNT_ID] },
	});

	const login = (request: ReceivedRequest): SandboxResponse => {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (typeof body.apiKey !== 'string' || typeof body.apiSecret !== 'string') {
			return pulseCrmError(400, 'Bad Request', 'apiKey and apiSecret are required');
		}
		if (body.apiKey !== apiKey || body.apiSecret !== apiSecret) {
			return pulseCrmError(401, 'Unauthorized', 'Invalid API key or secret');
		}
		return { status: 200, body: sessionPayload(issueSession()) };
	};

	const authenticate = (request: ReceivedRequest): SandboxResponse | undefined => {
		if (request.path === '/auth/login') return undefined;
		const token = bearerToken(request);
		if (token !== undefined && token === accessToken) return undefined;
		const expiresAt = token === undefined ? undefined : sessions.get(token);
		if (expiresAt === undefined) return pulseCrmError(401, 'Unauthorized', 'Invalid or missing token');
		if (expiresAt <= Date.now()) return pulseCrmError(401, 'Unauthorized', 'Session expired');
		return undefined;
	};

	const createUser = (request: ReceivedRequest): SandboxResponse => {
		const accountId = request.headers['x-account-id'];
		if (typeof accountId !== 'string' || accountId === '') {
			return pulseCrmError(400, 'Bad Request', 'x-account-id header is required');
		}
		if (!(accountId in ACCOUNTS)) return pulseCrmError(403, 'Forbidden', `No access to account ${accountId}`);
		const body = (request.body ?? {}) as Record<string, unknown>;
		const email = typeof body.email === 'string' ? body.email.trim() : '';
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return pulseCrmError(400, 'Bad Request', 'A valid email is required');
		if (users.some((user) => user.email.toLowerCase() === email.toLowerCase())) {
			return pulseCrmError(409, 'Conflict', `A user with email ${email} already exists`);
		}
		const user = addUser({
			email,
			accounts: [{ accountId, accountName: ACCOUNTS[accountId], usersPrimaryAccount: true, accountAdmin: false }],
		});
		return { status: 201, body: user };
	};

	const byEmail = (email: string) => users.find((user) => user.email.toLowerCase() === email.toLowerCase());
	const notFound = (email: string) => pulseCrmError(404, 'Not Found', `User with email ${email} does not exist`);

	// https://44.docs.dev.pulsecrm.com/api-reference/get-users.html
	const listUsers = (request: ReceivedRequest): SandboxResponse => {
		const page = Math.max(1, Number(request.query.get('page') ?? 1));
		const pageSize = Math.max(1, Number(request.query.get('pageSize') ?? PAGE_SIZE_DEFAULT));
		const search = request.query.get('search')?.toLowerCase();
		const teamId = request.query.get('teamId');
		const active = request.query.get('active');
		const matching = users.filter(
			(user) =>
				(!search || user.email.toLowerCase().includes(search) || user.name.toLowerCase().includes(search)) &&
				(teamId === null || String(user.teamId) === teamId) &&
				(active === null || String(user.active) === active),
		);
		return {
			status: 200,
			body: {
				users: matching.slice((page - 1) * pageSize, page * pageSize),
				totalCount: matching.length,
				totalPages: Math.ceil(matching.length / pageSize),
				currentPage: page,
			},
		};
	};

	// https://44.docs.dev.pulsecrm.com/api-reference/get-users-x-email-x.html
	const getUser = (request: ReceivedRequest): SandboxResponse => {
		const user = byEmail(request.params.email);
		return user ? { status: 200, body: user } : notFound(request.params.email);
	};

	// https://44.docs.dev.pulsecrm.com/api-reference/patch-users-x-email-x.html
	const updateUser = (request: ReceivedRequest): SandboxResponse => {
		const user = byEmail(request.params.email);
		if (!user) return notFound(request.params.email);
		const body = (request.body ?? {}) as Record<string, unknown>;
		const problem = invalidUpdate(body);
		if (problem) return pulseCrmError(400, 'Bad Request', problem);
		const { roles, ...fields } = body;
		Object.assign(user, fields);
		if (Array.isArray(roles)) user.flatRolesList = roles as string[];
		user.updatedBy = SIGNED_IN_USER.email;
		user.updatedAt = new Date().toISOString();
		return { status: 200, body: user };
	};

	// https://api.docs.pulsecrm.com/api-reference/delete-users-x-email-x.html
	const deleteUser = (request: ReceivedRequest): SandboxResponse => {
		const user = byEmail(request.params.email);
		if (!user) return notFound(request.params.email);
		users.splice(users.indexOf(user), 1);
		return { status: 200, body: { message: 'User deleted successfully' } };
	};

	// https://44.docs.dev.pulsecrm.com/api-reference/delete-accounts-x-accountid-x-users-x-userid-x.html
	const removeFromAccount = (request: ReceivedRequest): SandboxResponse => {
		const { accountId, userId } = request.params;
		const user = users.find((candidate) => String(candidate.id) === userId);
		const membership = user?.accounts.findIndex((account) => account.accountId === accountId) ?? -1;
		if (!user || membership === -1) return pulseCrmError(404, 'Not Found', 'User/account combination not found');
		user.accounts.splice(membership, 1);
		return { status: 200, body: { message: 'User removed from account successfully' } };
	};

	// https://44.docs.dev.pulsecrm.com/api-reference/patch-accounts-x-accountid-x-users-x-userid-x.html
	// Stand-in choice: the conflict is making an account primary while another one is; an unknown or
	// non-boolean field is a 400.
	const updateMembership = (request: ReceivedRequest): SandboxResponse => {
		const { accountId, userId } = request.params;
		const user = users.find((candidate) => String(candidate.id) === userId);
		const membership = user?.accounts.find((account) => account.accountId === accountId);
		if (!user || !membership) return pulseCrmError(404, 'Not Found', 'User/account combination not found');
		const body = (request.body ?? {}) as Record<string, unknown>;
		for (const [field, value] of Object.entries(body)) {
			if (!MEMBERSHIP_FIELDS.has(field)) return pulseCrmError(400, 'Bad Request', `Unknown field ${field}`);
			if (typeof value !== 'boolean') return pulseCrmError(400, 'Bad Request', `Invalid value for ${field}`);
		}
		const { usersPrimaryAccount, accountAdmin } = body as { usersPrimaryAccount?: boolean; accountAdmin?: boolean };
		if (usersPrimaryAccount === true && user.accounts.some((account) => account !== membership && account.usersPrimaryAccount)) {
			return pulseCrmError(400, 'Bad Request', 'User already has a different primary account');
		}
		if (usersPrimaryAccount !== undefined) membership.usersPrimaryAccount = usersPrimaryAccount;
		if (accountAdmin !== undefined) membership.accountAdmin = accountAdmin;
		return { status: 200, body: { message: 'User account data updated successfully' } };
	};

	const sandbox = new ProviderSandbox({
		holdings: [users, sessions],
		name: 'Pulse CRM',
		createRoute: 'POST /users',
		authenticate,
		routes: {
			'POST /auth/login': login,
			'GET /auth/session': (request) => ({ status: 200, body: sessionPayload(bearerToken(request) ?? '') }),
			'POST /users': createUser,
			'GET /users': listUsers,
			'GET /users/{email}': getUser,
			'PATCH /users/{email}': updateUser,
			'DELETE /users/{email}': deleteUser,
			'PATCH /accounts/{accountId}/users/{userId}': updateMembership,
			'DELETE /accounts/{accountId}/users/{userId}': removeFromAccount,
		},
	});
	/** Puts a user into the stand-in as if created earlier, e.g. by another tool. */
	const addUser = (fields: Partial<PulseCrmUser> & { email: string }): PulseCrmUser => {
		const now = new Date().toISOString();
		const user: PulseCrmUser = {
			id: nextUserId++,
			name: '',
			active: true,
			teamId: 0,
			phone: '',
			imgSrc: '',
			notificationPreferences: {},
			createdBy: SIGNED_IN_USER.email,
			updatedBy: SIGNED_IN_USER.email,
			createdAt: now,
			updatedAt: now,
			accounts: [
				{ accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID, accountName: ACCOUNTS[PULSE_CRM_PRIMARY_ACCOUNT_ID], usersPrimaryAccount: true, accountAdmin: false },
			],
			flatRolesList: ['user'],
			flatPermissionsList: [],
			token: `pulse_user_${randomBytes(16).toString('hex')}`,
			...fields,
		};
		users.push(user);
		return user;
	};

	return Object.assign(sandbox, { users, sessions, issueSession, expireSessions, addUser });
}

export type PulseCrmSandbox = ReturnType<typeof pulseCrmSandbox>;

/** Credential data (as n8n stores it) that points the Pulse CRM node at a sandbox: API key and secret, primary account. */
export const pulseCrmSandboxCredentials = (url: string) => ({
	baseUrl: url,
	authentication: 'apiKey',
	apiKey: PULSE_CRM_API_KEY,
	apiSecret: PULSE_CRM_API_SECRET,
	accountId: '',
});
