import { randomBytes } from 'node:crypto';

import { ProviderSandbox, type ReceivedRequest, type SandboxResponse } from './server';

/** A sandbox secret key, with the prefix Augno gives keys of its sandbox environment. */
export const AUGNO_API_KEY = 'aug_sk_test_4f8a2c9e1b7d3f6a0c5e9b2d';

const NOW = '2026-05-10T00:00:00Z';
const NOTIFICATION_TYPES = new Set(['invoice', 'order_acknowledgement', 'purchase_order_submission']);
const EXPANSIONS = new Set(['user', 'role', 'department']);

export const AUGNO_ROLES = [
	{ id: 'role_01jm4r5x0admin00000000000', name: 'Admin', type: 'admin' },
	{ id: 'role_01jm4r5x0viewer0000000000', name: 'Viewer', type: 'user' },
	{ id: 'role_01jm4r5x0warehouse0000000', name: 'Warehouse Staff', type: 'user' },
	{ id: 'role_01jm4r5x0scanner000000000', name: 'Scanner', type: 'scanner' },
].map((role) => ({ ...role, object: 'role', owner: null, permissions: null, created_at: NOW, updated_at: NOW }));

export const AUGNO_DEPARTMENTS = [
	{ id: 'dept_01jm4r6100knitting0000000', name: 'Knitting', notes: 'Looms 1-12' },
	{ id: 'dept_01jm4r6100quality00000000', name: 'Quality Control', notes: null },
].map((department) => ({
	...department,
	object: 'department',
	location: null,
	scanning_stations: null,
	machines: null,
	created_at: NOW,
	updated_at: NOW,
}));

const SCANNER_ROLE = AUGNO_ROLES.find((role) => role.type === 'scanner')!;

/** An Augno user (the person), who may belong to several accounts. */
export interface AugnoUser {
	id: string;
	object: 'user';
	email: string | null;
	name: string | null;
	username: string | null;
	email_verified_at: string | null;
	image_url: string | null;
	created_at: string;
	updated_at: string;
}

/** A user's membership of the sandbox's account. */
export interface AugnoAccountUser {
	id: string;
	userId: string;
	roleId: string | null;
	departmentId: string | null;
	isCommissionEligible: boolean;
	/** https://docs.augno.com: active (can access the account), disabled (locked out), removed (soft-deleted). */
	status: 'active' | 'disabled' | 'removed';
	createdAt: string;
	updatedAt: string;
}

const randomId = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

/** Augno's error envelope (https://docs.augno.com/api/errors). */
export function augnoError(
	status: number,
	code: string,
	message: string,
	{ param = null, isTransient = false, type = 'invalid_request_error' }: { param?: string | null; isTransient?: boolean; type?: string } = {},
): SandboxResponse {
	return {
		status,
		body: {
			error: {
				code,
				type,
				message,
				param,
				doc_url: `https://docs.augno.com/api/errors#${code}`,
				is_transient: isTransient,
				quota: null,
				request_log_url: `https://augno.com/dashboard/request-logs/${randomId('rq')}`,
			},
		},
	};
}

const invalid = (param: string, message: string) => augnoError(400, 'validation_failed', message, { param });

/**
 * A page of a list as Augno documents its lists (List Account Users): `limit` (default 100,
 * max 1000), `q` a free-text search (here: the name), and an opaque `cursor` taken from
 * `page_info.next_page_url`, which repeats the original query with only the cursor swapped.
 */
function pagedList<Entry extends { name: string }>(request: ReceivedRequest, entries: Entry[]): SandboxResponse {
	const search = request.query.get('q')?.toLowerCase();
	return page(request, search ? entries.filter((entry) => entry.name.toLowerCase().includes(search)) : entries);
}

/** One page of entries already filtered, with the cursor links of Augno's lists. */
function page(request: ReceivedRequest, matching: unknown[]): SandboxResponse {
	const limit = Math.min(Number(request.query.get('limit') ?? 100), 1000);
	const cursor = request.query.get('cursor');
	const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
	const pageUrl = (offset: number) => {
		const query = new URLSearchParams(request.query);
		query.set('cursor', Buffer.from(String(offset)).toString('base64url'));
		return `${request.path}?${query.toString()}`;
	};
	const hasNext = start + limit < matching.length;
	const hasPrev = start > 0;
	return {
		status: 200,
		body: {
			object: 'list',
			page_info: {
				next_page_url: hasNext ? pageUrl(start + limit) : null,
				previous_page_url: hasPrev ? pageUrl(Math.max(0, start - limit)) : null,
				has_next_page: hasNext,
				has_prev_page: hasPrev,
			},
			data: matching.slice(start, start + limit),
		},
	};
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented body rules of Create Account User, with Augno's error envelope. */
function invalidBody(
	body: Record<string, unknown>,
	roles: Array<{ id: string }>,
	departments: Array<{ id: string }>,
): SandboxResponse | undefined {
	const { email, username, password, preferences } = body;
	if (email === undefined && username === undefined) return invalid('email', 'Either email or username must be provided.');
	if (email !== undefined && (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) {
		return invalid('email', 'The email address is not valid.');
	}
	if (username !== undefined && (typeof username !== 'string' || !/^[A-Za-z0-9_-]{3,255}$/.test(username))) {
		return invalid('username', 'Username must be 3-255 characters of letters, numbers, underscores, and hyphens.');
	}
	if (email !== undefined && password !== undefined) {
		return invalid('password', 'A password can only be set for scanning station users.');
	}
	if (email === undefined && password === undefined) {
		return invalid('password', 'A password is required for scanning station users.');
	}
	if (
		password !== undefined &&
		(typeof password !== 'string' ||
			password.length < 8 ||
			password.length > 72 ||
			![/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].every((rule) => rule.test(password)))
	) {
		return invalid(
			'password',
			'Password must be 8-72 characters and include an uppercase letter, a lowercase letter, a number, and a special character.',
		);
	}
	if (body.role_id !== undefined && !roles.some((role) => role.id === body.role_id)) {
		return invalid('role_id', 'No role with this ID exists in the account.');
	}
	if (body.department_id !== undefined && !departments.some((department) => department.id === body.department_id)) {
		return invalid('department_id', 'No department with this ID exists in the account.');
	}
	if (
		preferences !== undefined &&
		(!Array.isArray(preferences) ||
			!preferences.every(
				(entry) => isObject(entry) && NOTIFICATION_TYPES.has(String(entry.notification_type)) && typeof entry.enabled === 'boolean',
			))
	) {
		return invalid('preferences', 'Each preference needs a valid notification_type and an enabled boolean.');
	}
	return undefined;
}

/**
 * A local server that behaves like Augno's identity API for one account: POST and GET
 * /v1/identity/account-users, plus role and department lists for the node's dropdowns.
 * Bearer key check, the documented body rules, "existing email or username → that user is
 * added to the account", include[] expansions, Augno's error envelope, its 20 requests per
 * second limit with RateLimit-* headers, and Idempotency-Key replays (a key reused with other
 * parameters is an idempotency_error).
 *
 * The lifecycle as documented: list with `q` and `removed_scope`, get, PATCH (profile fields
 * change the user shared across accounts; `null` clears role and department; notification
 * preferences refused, as for any member of your own account; commission
 * eligibility not for scanner or agent roles), and the idempotent actions disable, remove (soft:
 * restorable, and a create call for a removed member restores them) and activate.
 *
 * Stand-ins, where Augno's docs say nothing: the 401 code (invalid_api_key), the code of the 409
 * when the user already belongs to the account (resource_exists), the role and department list paths,
 * the fields `q` matches (email, name, username), the 400 invalid_state of a refused action, and
 * the 400 validation_failed (its words too) of a refused preference or commission eligibility.
 */
export function augnoSandbox(apiKey = AUGNO_API_KEY) {
	/** Every Augno user the sandbox knows, including people of other accounts. */
	const users: AugnoUser[] = [];
	/** This account's members. */
	const accountUsers: AugnoAccountUser[] = [];
	/** The account's roles and departments: a test may add more, e.g. to fill several pages. */
	const roles = [...AUGNO_ROLES];
	const departments = [...AUGNO_DEPARTMENTS];

	const accountUserObject = (member: AugnoAccountUser, include: Set<string>) => {
		const user = users.find((candidate) => candidate.id === member.userId)!;
		return {
			id: member.id,
			object: 'account_user',
			user: include.has('user') ? user : null,
			status: member.status,
			role: include.has('role') ? (roles.find((role) => role.id === member.roleId) ?? null) : null,
			department: include.has('department')
				? (departments.find((department) => department.id === member.departmentId) ?? null)
				: null,
			is_commission_eligible: member.isCommissionEligible,
			last_used_at: null,
			created_at: member.createdAt,
			updated_at: member.updatedAt,
		};
	};

	const expansions = (request: ReceivedRequest): Set<string> | SandboxResponse => {
		const requested = request.query.getAll('include[]');
		const unknown = requested.find((value) => !EXPANSIONS.has(value));
		return unknown === undefined ? new Set(requested) : invalid('include[]', `Unknown expansion "${unknown}".`);
	};

	const createAccountUser = (request: ReceivedRequest): SandboxResponse => {
		const include = expansions(request);
		if (!(include instanceof Set)) return include;
		if (!isObject(request.body)) return augnoError(400, 'invalid_json', 'The request body must be a JSON object.');
		const body = request.body;
		const problem = invalidBody(body, roles, departments);
		if (problem) return problem;

		const email = typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
		const username = typeof body.username === 'string' ? body.username : undefined;
		let user = users.find(
			(candidate) =>
				(email !== undefined && candidate.email?.toLowerCase() === email) ||
				(username !== undefined && candidate.username === username),
		);
		const existingMember = user ? accountUsers.find((member) => member.userId === user!.id) : undefined;
		if (existingMember?.status === 'removed') {
			// "A user you previously removed is restored rather than duplicated."
			Object.assign(existingMember, { status: 'active', updatedAt: new Date().toISOString() });
			return { status: 201, body: accountUserObject(existingMember, include) };
		}
		if (existingMember) {
			// Augno documents "a conflict" here but not its code: the stand-in uses resource_exists, one of
			// the codes its error page lists.
			return augnoError(409, 'resource_exists', 'This user already belongs to the account.', {
				param: email === undefined ? 'username' : 'email',
			});
		}
		if (!user) {
			user = {
				id: randomId('usr'),
				object: 'user',
				email: typeof body.email === 'string' ? body.email : null,
				name: typeof body.name === 'string' ? body.name : null,
				username: username ?? null,
				email_verified_at: null,
				image_url: null,
				created_at: new Date().toISOString(),
				updated_at: new Date().toISOString(),
			};
			users.push(user);
		}
		const scanningStationUser = body.email === undefined;
		const member: AugnoAccountUser = {
			id: randomId('au'),
			userId: user.id,
			// Scanning station users are always assigned the scanner role.
			roleId: scanningStationUser ? SCANNER_ROLE.id : ((body.role_id as string | undefined) ?? null),
			departmentId: (body.department_id as string | undefined) ?? null,
			isCommissionEligible: false,
			status: 'active',
			createdAt: new Date().toISOString(),
			updatedAt: new Date().toISOString(),
		};
		accountUsers.push(member);
		return { status: 201, body: accountUserObject(member, include) };
	};

	/**
	 * List Account Users: `q` free text (the docs do not say which fields; here a case-insensitive
	 * substring of the user's email, name or username), `removed_scope` (`excluded` by default:
	 * active and disabled members), `role_type`, `include[]`, and cursor paging.
	 */
	const listAccountUsers = (request: ReceivedRequest): SandboxResponse => {
		const include = expansions(request);
		if (!(include instanceof Set)) return include;
		const scope = request.query.get('removed_scope') ?? 'excluded';
		if (scope !== 'excluded' && scope !== 'included') return invalid('removed_scope', 'Must be excluded or included.');
		const search = request.query.get('q')?.toLowerCase();
		const roleType = request.query.get('role_type');
		const matching = accountUsers.filter((member) => {
			const user = users.find((candidate) => candidate.id === member.userId)!;
			const text = [user.email, user.name, user.username].filter(Boolean).join(' ').toLowerCase();
			return (
				(scope === 'included' || member.status !== 'removed') &&
				(!search || text.includes(search)) &&
				(!roleType || roles.find((role) => role.id === member.roleId)?.type === roleType)
			);
		});
		return page(request, matching.map((member) => accountUserObject(member, include)));
	};

	const accountUserById = (request: ReceivedRequest): AugnoAccountUser | undefined =>
		accountUsers.find((member) => member.id === request.params.id);
	// "Scoped to the account you are acting in, so an ID belonging to another account is reported as not found."
	const noSuchAccountUser = augnoError(404, 'resource_not_found', 'No account user with this ID exists in the account.', { param: 'id' });

	const getAccountUser = (request: ReceivedRequest): SandboxResponse => {
		const include = expansions(request);
		if (!(include instanceof Set)) return include;
		const member = accountUserById(request);
		return member ? { status: 200, body: accountUserObject(member, include) } : noSuchAccountUser;
	};

	// https://docs.augno.com/api-reference/account-users-management/update-account-user
	const updateAccountUser = (request: ReceivedRequest): SandboxResponse => {
		const include = expansions(request);
		if (!(include instanceof Set)) return include;
		const member = accountUserById(request);
		if (!member) return noSuchAccountUser;
		if (!isObject(request.body)) return augnoError(400, 'invalid_json', 'The request body must be a JSON object.');
		const body = request.body;
		const user = users.find((candidate) => candidate.id === member.userId)!;
		const known = new Set(['name', 'email', 'username', 'role_id', 'department_id', 'is_commission_eligible', 'preferences']);
		const unknownField = Object.keys(body).find((field) => !known.has(field));
		if (unknownField) return invalid(unknownField, `Unknown parameter ${unknownField}.`);
		if (body.email !== undefined) {
			if (typeof body.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)) return invalid('email', 'The email address is not valid.');
			const email = body.email.toLowerCase();
			if (users.some((other) => other.id !== user.id && other.email?.toLowerCase() === email)) {
				return augnoError(409, 'resource_exists', 'This email is already in use by another user.', { param: 'email' });
			}
		}
		if (body.username !== undefined && (typeof body.username !== 'string' || !/^[A-Za-z0-9_-]{3,255}$/.test(body.username))) {
			return invalid('username', 'Username must be 3-255 characters of letters, numbers, underscores, and hyphens.');
		}
		if (body.role_id !== undefined && body.role_id !== null && !roles.some((role) => role.id === body.role_id)) {
			return invalid('role_id', 'No role with this ID exists in the account.');
		}
		if (body.department_id !== undefined && body.department_id !== null && !departments.some((department) => department.id === body.department_id)) {
			return invalid('department_id', 'No department with this ID exists in the account.');
		}
		// AUG-GO `UpdateAccountUserRequestParam`: "rejected for scanner and agent roles" (the
		// stand-in's words and code; Augno's are not documented).
		if (body.is_commission_eligible !== undefined) {
			if (typeof body.is_commission_eligible !== 'boolean') return invalid('is_commission_eligible', 'Must be a boolean.');
			const roleId = body.role_id !== undefined ? body.role_id : member.roleId;
			const roleType = roles.find((role) => role.id === roleId)?.type;
			if (roleType === 'scanner' || roleType === 'agent') {
				return invalid('is_commission_eligible', 'Scanner and agent users cannot be commission eligible.');
			}
		}
		// "Only allowed when updating a user in another account you manage (cross-account);
		// rejected otherwise" (AUG-GO `Update`), and every member here is of your own account. The
		// words and code are the stand-in's.
		if (body.preferences !== undefined) {
			return invalid('preferences', 'Notification preferences can only be updated for a user in another account you manage.');
		}
		const now = new Date().toISOString();
		// "Profile fields (name, email, username) update the underlying user, which is shared across every account."
		for (const field of ['name', 'email', 'username'] as const) {
			if (typeof body[field] === 'string') user[field] = body[field] as string;
		}
		if (body.role_id !== undefined) member.roleId = body.role_id as string | null;
		if (body.department_id !== undefined) member.departmentId = body.department_id as string | null;
		if (typeof body.is_commission_eligible === 'boolean') member.isCommissionEligible = body.is_commission_eligible;
		user.updated_at = now;
		member.updatedAt = now;
		return { status: 200, body: accountUserObject(member, include) };
	};

	/**
	 * The three documented actions, each an idempotent PUT with no body answering 200 `{}`
	 * (https://docs.augno.com/api-reference/account-users/…): disable, remove (soft), activate.
	 */
	const action = (apply: (member: AugnoAccountUser) => SandboxResponse | undefined) => (request: ReceivedRequest): SandboxResponse => {
		const member = accountUserById(request);
		if (!member) return noSuchAccountUser;
		const refused = apply(member);
		if (refused) return refused;
		member.updatedAt = new Date().toISOString();
		return { status: 200, body: {} };
	};
	const isAdmin = (member: AugnoAccountUser) => roles.find((role) => role.id === member.roleId)?.type === 'admin';

	const disable = action((member) => {
		if (isAdmin(member)) return augnoError(400, 'invalid_state', 'Admin users cannot be disabled.');
		if (member.status === 'removed') return augnoError(400, 'invalid_state', 'Removed users must be activated before they can be disabled.');
		member.status = 'disabled';
		return undefined;
	});
	const remove = action((member) => {
		member.status = 'removed';
		return undefined;
	});
	const activate = action((member) => {
		member.status = 'active';
		return undefined;
	});

	const sandbox = new ProviderSandbox({
		holdings: [users, accountUsers],
		name: 'Augno',
		createRoute: 'POST /v1/identity/account-users',
		authenticate: (request) =>
			request.headers.authorization === `Bearer ${apiKey}`
				? undefined
				: augnoError(401, 'invalid_api_key', 'The API key provided is not valid.'),
		routes: {
			'POST /v1/identity/account-users': createAccountUser,
			'GET /v1/identity/account-users': listAccountUsers,
			'GET /v1/identity/account-users/{id}': getAccountUser,
			'PATCH /v1/identity/account-users/{id}': updateAccountUser,
			'PUT /v1/identity/account-users/{id}/actions/disable': disable,
			'PUT /v1/identity/account-users/{id}/actions/remove': remove,
			'PUT /v1/identity/account-users/{id}/actions/activate': activate,
			'GET /v1/identity/roles': (request) => pagedList(request, roles),
			'GET /v1/operations/departments': (request) => pagedList(request, departments),
		},
		// https://docs.augno.com/api/rate-limiting
		rateLimit: { limit: 20, windowMs: 1000, headers: true },
		rateLimitBody: {
			error: {
				code: 'rate_limit_exceeded',
				type: 'invalid_request_error',
				message: 'Too many requests. Please try again later.',
				is_transient: true,
			},
		},
		idempotencyHeader: 'Idempotency-Key',
		// https://docs.augno.com/api/idempotency: a key reused with other parameters is refused with
		// an idempotency_error; the code and status are the stand-in's (the page names only the type).
		idempotencyErrors: {
			reusedWithOtherParameters: augnoError(
				400,
				'idempotency_key_reused',
				'Keys for idempotent requests can only be used with the same parameters they were first used with.',
				{ type: 'idempotency_error' },
			),
			inProgress: augnoError(409, 'idempotency_key_in_use', 'A request with this key is still being processed.', {
				type: 'idempotency_error',
				isTransient: true,
			}),
		},
	});

	/** Puts a user into Augno who is not (yet) a member of this account, e.g. someone of another account. */
	const addUserOfAnotherAccount = (fields: Partial<AugnoUser>): AugnoUser => {
		const user: AugnoUser = {
			id: randomId('usr'),
			object: 'user',
			email: null,
			name: null,
			username: null,
			email_verified_at: NOW,
			image_url: null,
			created_at: NOW,
			updated_at: NOW,
			...fields,
		};
		users.push(user);
		return user;
	};

	/** Puts a member into this account as if added earlier, in any status. */
	const addMember = (
		fields: Partial<AugnoUser>,
		{ status = 'active', roleId = null }: { status?: AugnoAccountUser['status']; roleId?: string | null } = {},
	): AugnoAccountUser => {
		const user = addUserOfAnotherAccount(fields);
		const member: AugnoAccountUser = {
			id: randomId('au'),
			userId: user.id,
			roleId,
			departmentId: null,
			isCommissionEligible: false,
			status,
			createdAt: NOW,
			updatedAt: NOW,
		};
		accountUsers.push(member);
		return member;
	};

	return Object.assign(sandbox, { users, accountUsers, roles, departments, addUserOfAnotherAccount, addMember });
}

export type AugnoSandbox = ReturnType<typeof augnoSandbox>;

/** Credential data (as n8n stores it) that points the Augno node at a sandbox. */
export const augnoSandboxCredentials = (url: string) => ({ apiKey: AUGNO_API_KEY, baseUrl: url, allowInsecureHttp: false });
