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
}

// Fungies' error envelope: { status: "error", error: { message } }
function fungiesError(status: number, message: string): SandboxResponse {
	return { status, body: { status: 'error', error: { message } } };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * A local server that behaves like Fungies' POST /v0/users/create and GET /v0/users/list:
 * the public key on every request, the secret key on writes (as the authentication page says),
 * the documented success and error bodies, and one user per email.
 */
export function fungiesSandbox(publicKey = FUNGIES_PUBLIC_KEY, secretKey = FUNGIES_SECRET_KEY) {
	const users: FungiesUser[] = [];

	const createUser = (request: ReceivedRequest): SandboxResponse => {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (typeof body.email !== 'string' || !body.email.includes('@')) {
			return fungiesError(400, 'Invalid email address');
		}
		const email = body.email;
		if (users.some((user) => user.email.toLowerCase() === email.toLowerCase())) {
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
		const { object, id, username, details, internalId } = user;
		return { status: 200, body: { status: 'success', data: { user: { object, id, username, email, details, internalId } } } };
	};

	const sandbox = new ProviderSandbox({
		holdings: [users],
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
				body: { status: 'success', data: { users: users.map(({ password: _, paymentData: __, ...user }) => user), count: users.length } },
			}),
		},
	});
	return Object.assign(sandbox, { users });
}

export type FungiesSandbox = ReturnType<typeof fungiesSandbox>;

/** Credential data (as n8n stores it) that points the Fungies node at a sandbox. */
export const fungiesSandboxCredentials = (url: string) => ({
	publicKey: FUNGIES_PUBLIC_KEY,
	secretKey: FUNGIES_SECRET_KEY,
	baseUrl: url,
	allowInsecureHttp: false,
});
