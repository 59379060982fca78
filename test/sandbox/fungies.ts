import { randomUUID } from 'node:crypto';

import { ProviderSandbox, type ReceivedRequest, type SandboxResponse } from './server';

export const FUNGIES_PUBLIC_KEY = 'pub_sandbox_5e8a1c3f7b9d2e4a6c8f0b1d';
export const FUNGIES_SECRET_KEY = 'sec_sandbox_3b7d9f1a5c8e0b2d4f6a8c1e';

const BILLING_FIELDS = [
	'type',
	'countryCode',
	'firstName',
	'lastName',
	'companyName',
	'dialCode',
	'phoneNumber',
	'address',
	'addressLine2',
	'city',
	'postalCode',
	'state',
	'taxId',
	'taxNumber',
] as const;

/** What the sandbox holds for a created user, including what Fungies never returns. */
export interface FungiesUser {
	object: 'user';
	id: string;
	email: string;
	username: string | null;
	details: Record<string, string | null> | null;
	internalId: string | null;
	password?: string;
	paymentData?: Record<string, string>;
	/** Set by PATCH …/archive; Fungies documents no field that shows it, so responses leave it out. */
	archived?: boolean;
}

// Fungies' error envelope: { status: "error", error: { message } }
function fungiesError(status: number, message: string): SandboxResponse {
	return { status, body: { status: 'error', error: { message } } };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A user as Fungies returns one: everything but the password, payment data and archive flag. */
const publicUser = ({ object, id, email, username, details, internalId }: FungiesUser) => ({ object, id, username, email, details, internalId });

/**
 * A local server that behaves like Fungies' users endpoints (https://docs.fungies.io/core-resources/user):
 * create, list, get, update, archive and unarchive, with the public key on every request, the
 * secret key on writes (as the authentication page says), the documented success and error
 * bodies, and one user per email. Fungies documents a 400 with `{ status: "error", error: { message } }`
 * for every refusal, including an unknown user id, but not the words: the sandbox's are its own.
 */
export function fungiesSandbox(publicKey = FUNGIES_PUBLIC_KEY, secretKey = FUNGIES_SECRET_KEY) {
	const users: FungiesUser[] = [];
	const emailTaken = (email: string, except?: FungiesUser) =>
		users.some((user) => user !== except && user.email.toLowerCase() === email.toLowerCase());
	/** The user of the path's {userId}, or Fungies' negative answer. */
	const userOf = (request: ReceivedRequest): FungiesUser | SandboxResponse =>
		users.find((user) => user.id === request.params.userId) ?? fungiesError(400, 'User not found');
	const found = (user: FungiesUser | SandboxResponse): user is FungiesUser => 'object' in user;

	const createUser = (request: ReceivedRequest): SandboxResponse => {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (typeof body.email !== 'string' || !body.email.includes('@')) {
			return fungiesError(400, 'Invalid email address');
		}
		const email = body.email;
		if (emailTaken(email)) {
			return fungiesError(400, 'User with this email already exists');
		}
		const billing = body.billingDetails as Record<string, unknown> | undefined;
		const user: FungiesUser = {
			object: 'user',
			id: randomUUID(),
			email,
			username: text(body.username),
			details: billing ? Object.fromEntries(BILLING_FIELDS.map((field) => [field, text(billing[field])])) : null,
			internalId: text(body.internalId),
			password: typeof body.password === 'string' ? body.password : undefined,
			paymentData: body.paymentData as Record<string, string> | undefined,
		};
		users.push(user);
		// "Returns the created User object with all fields except the password."
		return { status: 200, body: { status: 'success', data: { user: publicUser(user) } } };
	};

	// https://docs.fungies.io/api-reference/users/get-user-object
	const getUser = (request: ReceivedRequest): SandboxResponse => {
		const user = userOf(request);
		return found(user) ? { status: 200, body: { status: 'success', data: { user: publicUser(user) } } } : user;
	};

	// https://docs.fungies.io/api-reference/users/update-user-details: every field optional; a
	// billing detail given replaces that detail, null clears it, and the others stay.
	const updateUser = (request: ReceivedRequest): SandboxResponse => {
		const user = userOf(request);
		if (!found(user)) return user;
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (body.email !== undefined && body.email !== null) {
			if (typeof body.email !== 'string' || !body.email.includes('@')) return fungiesError(400, 'Invalid email address');
			if (emailTaken(body.email, user)) return fungiesError(400, 'User with this email already exists');
			user.email = body.email;
		}
		if (body.username !== undefined) user.username = text(body.username);
		if (body.internalId !== undefined) user.internalId = text(body.internalId);
		if (typeof body.password === 'string') user.password = body.password;
		const billing = body.billingDetails as Record<string, unknown> | null | undefined;
		if (billing) {
			const details = { ...(user.details ?? Object.fromEntries(BILLING_FIELDS.map((field) => [field, null]))) };
			for (const field of BILLING_FIELDS) if (field in billing) details[field] = text(billing[field]);
			user.details = details;
		}
		if (body.paymentData) user.paymentData = { ...user.paymentData, ...(body.paymentData as Record<string, string>) };
		return { status: 200, body: { status: 'success', data: { user: publicUser(user) } } };
	};

	// https://docs.fungies.io/api-reference/users/archive-user: "Soft delete (archive) a User account.
	// This action is reversible." The unarchive page shows no body; the sandbox answers in kind.
	const setArchived = (archived: boolean) => (request: ReceivedRequest): SandboxResponse => {
		const user = userOf(request);
		if (!found(user)) return user;
		user.archived = archived;
		return { status: 200, body: { status: 'success', data: { success: true, archived } } };
	};

	const sandbox = new ProviderSandbox({
		name: 'Fungies',
		authenticate: (request) => {
			const isWrite = request.method !== 'GET';
			if (request.headers['x-fngs-public-key'] !== publicKey) return fungiesError(401, 'Invalid public key');
			if (isWrite && request.headers['x-fngs-secret-key'] !== secretKey) return fungiesError(401, 'Invalid secret key');
			return undefined;
		},
		routes: {
			'POST /v0/users/create': createUser,
			'GET /v0/users/list': () => ({
				status: 200,
				body: { status: 'success', data: { users: users.map(publicUser), count: users.length } },
			}),
			'GET /v0/users/{userId}': getUser,
			'PATCH /v0/users/{userId}/update': updateUser,
			'PATCH /v0/users/{userId}/archive': setArchived(true),
			'PATCH /v0/users/{userId}/unarchive': setArchived(false),
		},
	});
	/** A user the store already has, as a test sets one up. */
	const addUser = (fields: Partial<FungiesUser> & { email: string }): FungiesUser => {
		const user: FungiesUser = { object: 'user', id: randomUUID(), username: null, details: null, internalId: null, ...fields };
		users.push(user);
		return user;
	};
	return Object.assign(sandbox, { users, addUser });
}

export type FungiesSandbox = ReturnType<typeof fungiesSandbox>;

/** Credential data (as n8n stores it) that points the Fungies node at a sandbox. */
export const fungiesSandboxCredentials = (url: string) => ({
	publicKey: FUNGIES_PUBLIC_KEY,
	secretKey: FUNGIES_SECRET_KEY,
	baseUrl: url,
	allowInsecureHttp: false,
});
