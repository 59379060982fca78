import type { IDataObject } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import { testCredential } from '../harness/engine';
import { providerSuite, PULSE_CRM } from '../harness/providers';
import {
	PULSE_CRM_ACCESS_TOKEN,
	PULSE_CRM_API_KEY,
	PULSE_CRM_API_SECRET,
	PULSE_CRM_OTHER_ACCOUNT_ID,
	PULSE_CRM_PRIMARY_ACCOUNT_ID,
	pulseCrmSandbox,
} from '../sandbox/pulseCrm';

const { sandbox, fromItem, credentials, createUsers } = providerSuite(PULSE_CRM);

/** The stand-in's credential: API key and secret, primary account. */
const withApiKey = (overrides: IDataObject = {}) => credentials(overrides).pulseCrmApi;

const withAccessToken = (overrides: IDataObject = {}) => ({
	baseUrl: sandbox.url,
	authentication: 'accessToken',
	accessToken: PULSE_CRM_ACCESS_TOKEN,
	accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID,
	...overrides,
});

const creates = () => sandbox.received('POST /users');
const logins = () => sandbox.received('POST /auth/login');
const returnedTokens = () => sandbox.users.map((user) => user.token);

describe('Pulse CRM → User → Create', () => {
	test('with an API key and secret, signs in once, then creates the users in the primary account', async () => {
		const { created, error } = await createUsers([{ email: 'ada@example.com' }, { email: 'grace@example.com' }], { ...fromItem, options: { concurrency: 1 } });

		expect(error).toBeUndefined();
		expect(created).toEqual([
			expect.objectContaining({ id: expect.any(Number), email: 'ada@example.com', active: true }),
			expect.objectContaining({ id: expect.any(Number), email: 'grace@example.com' }),
		]);
		expect(logins().map((r) => r.body)).toEqual([{ apiKey: PULSE_CRM_API_KEY, apiSecret: PULSE_CRM_API_SECRET }]);
		const [session] = sandbox.sessions.keys();
		expect(creates().map((r) => r.body)).toEqual([{ email: 'ada@example.com' }, { email: 'grace@example.com' }]);
		for (const request of creates()) {
			expect(request.headers.authorization).toBe(`Bearer ${session}`);
			expect(request.headers['x-account-id']).toBe(PULSE_CRM_PRIMARY_ACCOUNT_ID);
		}
	});

	test('sends the Account ID from the credential instead of the primary account when it is set', async () => {
		const { created } = await createUsers([{ email: 'ada@example.com' }], fromItem, {
			credential: withApiKey({ accountId: PULSE_CRM_OTHER_ACCOUNT_ID }),
		});

		expect(creates()[0].headers['x-account-id']).toBe(PULSE_CRM_OTHER_ACCOUNT_ID);
		expect(created[0].accounts).toEqual([expect.objectContaining({ accountId: PULSE_CRM_OTHER_ACCOUNT_ID })]);
	});

	test('asks for the Account ID when the sign-in names no primary account and the credential has none', async () => {
		sandbox.inject({ kind: 'respond', response: { status: 200, body: { token: 'pulse_session_without_account_0123' } } }, '/auth/login');

		const { error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error?.message).toBe('Pulse CRM sign-in failed: the sign-in response names no primary account for the API key');
		expect(creates()).toHaveLength(0);
	});

	test('with a static access token, creates the user without signing in', async () => {
		const { created, error } = await createUsers([{ email: 'ada@example.com' }], fromItem, { credential: withAccessToken() });

		expect(error).toBeUndefined();
		expect(created).toEqual([expect.objectContaining({ email: 'ada@example.com' })]);
		expect(logins()).toHaveLength(0);
		expect(creates()[0].headers).toMatchObject({
			authorization: `Bearer ${PULSE_CRM_ACCESS_TOKEN}`,
			'x-account-id': PULSE_CRM_PRIMARY_ACCOUNT_ID,
		});
	});

	test('renews an expired session token after the 401 and creates the user exactly once', async () => {
		const expiredToken = sandbox.issueSession();
		sandbox.expireSessions();

		const result = await createUsers([{ email: 'ada@example.com' }], fromItem, {
			credential: withApiKey({ sessionToken: expiredToken, primaryAccountId: PULSE_CRM_PRIMARY_ACCOUNT_ID }),
		});

		expect(result.error).toBeUndefined();
		expect(result.created).toEqual([expect.objectContaining({ email: 'ada@example.com' })]);
		expect(logins()).toHaveLength(1);
		const [first, second] = creates();
		expect(creates()).toHaveLength(2);
		expect(first.headers.authorization).toBe(`Bearer ${expiredToken}`);
		expect(second.headers.authorization).not.toBe(`Bearer ${expiredToken}`);
		expect(sandbox.sessions.get(second.headers.authorization!.slice('Bearer '.length))).toBeGreaterThan(Date.now());
		expect(sandbox.users).toHaveLength(1);
		// The renewed token is a secret of the run too, and appears nowhere.
		expect(result.secrets.length).toBeGreaterThan(3);
		expect(leakedSecrets(result, returnedTokens())).toEqual([]);
	});

	test('reports a refused renewal when the session expired and the secret no longer works', async () => {
		const expiredToken = sandbox.issueSession();
		sandbox.expireSessions();

		const result = await createUsers([{ email: 'ada@example.com' }], fromItem, {
			credential: withApiKey({ sessionToken: expiredToken, apiSecret: 'pulse_secret_rotated_0123456789' }),
		});

		expect(result.error?.message).toBe('Pulse CRM sign-in failed (401): Invalid API key or secret');
		expect(creates()).toHaveLength(1);
		expect(logins()).toHaveLength(1);
		expect(sandbox.users).toHaveLength(0);
	});

	test('reports a refused sign-in with Pulse CRM message, signs in only once and sends no create call', async () => {
		const wrongSecret = 'pulse_secret_wrong_0123456789';
		const result = await createUsers([{ email: 'ada@example.com' }], fromItem, { credential: withApiKey({ apiSecret: wrongSecret }) });

		expect(result.error?.message).toBe('Pulse CRM sign-in failed (401): Invalid API key or secret');
		expect(result.error?.description).toBe('Check the API key and secret in the credential. The user was not created.');
		expect(logins()).toHaveLength(1);
		expect(creates()).toHaveLength(0);
		expect(leakedSecrets(result, [wrongSecret])).toEqual([]);
	});

	test('retries a sign-in answered with 503 and then creates the user', async () => {
		sandbox.inject(
			{ kind: 'respond', response: { status: 503, headers: { 'Retry-After': '0' }, body: { error: 'Service Unavailable', status: 503 } } },
			'/auth/login',
		);

		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(logins()).toHaveLength(2);
		expect(creates()).toHaveLength(1);
	});

	test('executions that start at once with no session sign in once and share it', async () => {
		const executions = 6;
		const runs = await Promise.all(
			Array.from({ length: executions }, (_, run) =>
				createUsers([{ email: `hire${run}a@example.com` }, { email: `hire${run}b@example.com` }], { ...fromItem, options: { concurrency: 2 } }),
			),
		);

		expect(runs.map((run) => run.error)).toEqual(Array(executions).fill(undefined));
		expect(sandbox.users).toHaveLength(2 * executions);
		expect(logins()).toHaveLength(1);
		const [session] = sandbox.sessions.keys();
		expect(new Set(creates().map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${session}`]));
	});

	test("a sign-in that outlasts the node's Timeout is given up and tried again, instead of waiting the default 30 s", async () => {
		// The stand-in signs in but answers after 5 s; the node waits 2 s for any request.
		sandbox.inject({ kind: 'delay', ms: 5000 }, '/auth/login');

		const { created, error } = await createUsers([{ email: 'ada@example.com' }], { ...fromItem, options: { timeout: 2 } });

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		// With the fixed 30 s the first sign-in would have been waited for, and been the only one.
		expect(logins()).toHaveLength(2);
		expect(creates()).toHaveLength(1);
	});

	test('does not follow a redirect on sign-in, so the key and secret stay where they were sent', async () => {
		const elsewhere = await pulseCrmSandbox().start();
		try {
			sandbox.inject({ kind: 'respond', response: { status: 307, headers: { Location: `${elsewhere.url}/auth/login` } } }, '/auth/login');

			const { error } = await createUsers([{ email: 'ada@example.com' }]);

			expect(error?.message).toBe('Pulse CRM sign-in failed (307): the sign-in answered with a redirect instead of a session');
			expect(elsewhere.requests).toHaveLength(0);
			expect(creates()).toHaveLength(0);
		} finally {
			await elsewhere.stop();
		}
	});

	test('reports a rejected static access token once, without sending the create call again', async () => {
		const wrongToken = 'pulse_static_wrong_0123456789';
		const result = await createUsers([{ email: 'ada@example.com' }], fromItem, { credential: withAccessToken({ accessToken: wrongToken }) });

		expect(result.error?.message).toBe('Pulse CRM did not accept the credential (401): Invalid or missing token');
		expect(creates()).toHaveLength(1);
		expect(logins()).toHaveLength(0);
		expect(leakedSecrets(result, [wrongToken])).toEqual([]);
	});

	test('asks for the Account ID when a static access token has none, before sending anything', async () => {
		const { error } = await createUsers([{ email: 'ada@example.com' }], fromItem, { credential: withAccessToken({ accountId: '' }) });

		expect(error?.message).toBe('Pulse CRM sign-in failed: the credential has no Account ID, which an access token needs');
		expect(sandbox.requests).toHaveLength(0);
	});

	test.each([
		['without an email', {}, 'Email: is required'],
		['with an invalid email', { email: 'not-an-email' }, 'Email: must be a valid email address'],
		['with an email that is a number', { email: 42 }, 'Email: must be a string, not a number'],
		['with an email longer than 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'Email: String must contain at most 254'],
	])('rejects an item %s before sending anything, not even the sign-in', async (_case, item, expected) => {
		const { error } = await createUsers([item]);

		expect(error?.message).toContain('Item 0 is invalid');
		expect(error?.message).toContain(expected);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('surfaces a duplicate email with Pulse CRM error and message', async () => {
		await createUsers([{ email: 'ada@example.com' }]);
		const { error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error?.message).toBe('Pulse CRM returned an error (409 Conflict): A user with email ada@example.com already exists');
		expect(error?.description).toContain('The user was not created.');
		expect(sandbox.users).toHaveLength(1);
	});

	test('retries a 429 after Retry-After and creates the user once', async () => {
		sandbox.inject({
			kind: 'respond',
			response: { status: 429, headers: { 'Retry-After': '0' }, body: { error: 'Too Many Requests', status: 429, message: 'slow down' } },
		});

		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(creates()).toHaveLength(2);
		expect(sandbox.users).toHaveLength(1);
	});

	test('does not retry a 500, since Pulse CRM has no idempotency key, and says the outcome is unknown', async () => {
		sandbox.inject({ kind: 'respond', response: { status: 500, body: { error: 'Internal Server Error', status: 500 } } });

		const { error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error?.message).toBe('Pulse CRM returned an error (500): Internal Server Error');
		expect(error?.description).toContain('Outcome unknown');
		expect(creates()).toHaveLength(1);
	});

	test('with Continue On Fail, gives one result per item in input order', async () => {
		await createUsers([{ email: 'taken@example.com' }]);
		sandbox.forgetTraffic();

		const result = await createUsers(
			[{ email: 'one@example.com' }, { email: 'broken' }, { email: 'taken@example.com' }, { email: 'two@example.com' }],
			fromItem,
			{ continueOnFail: true },
		);
		const output = result.output('Create User');

		expect(result.error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json.email).toBe('one@example.com');
		expect(output[1].json).toMatchObject({ itemIndex: 1, fields: ['email'], outcome: 'not_created' });
		expect(output[1].json.error).toContain('Email: must be a valid email address');
		expect(output[2].json).toMatchObject({ itemIndex: 2, outcome: 'not_created', httpCode: 409, code: 'Conflict' });
		expect(output[3].json.email).toBe('two@example.com');
		// The invalid item never reached the server.
		expect(creates().map((r) => (r.body as IDataObject).email)).toEqual(['one@example.com', 'taken@example.com', 'two@example.com']);
	});

	test('leaves the token Pulse CRM returns for the new user out of the output', async () => {
		const { created } = await createUsers([{ email: 'ada@example.com' }]);

		expect(created[0]).not.toHaveProperty('token');
		expect(sandbox.users[0].token).toMatch(/^pulse_user_/);
	});

	test('includes the returned token only when the user opts in', async () => {
		const { created } = await createUsers([{ email: 'ada@example.com' }], { ...fromItem, options: { includeSecrets: true } });

		expect(created[0].token).toBe(sandbox.users[0].token);
	});

	test('never puts the key, secret, access token, session tokens or returned tokens in output or errors', async () => {
		const runs = [
			await createUsers([{ email: 'ada@example.com' }, { email: 'ada@example.com' }], fromItem, { continueOnFail: true }),
			await createUsers([{ email: 'grace@example.com' }], fromItem, { credential: withAccessToken() }),
			await createUsers([{ email: 'x' }]),
			await createUsers([{ email: 'alan@example.com' }], fromItem, { credential: withApiKey({ apiKey: 'pulse_key_wrong_0123456789' }) }),
		];

		for (const run of runs) expect(leakedSecrets(run, returnedTokens())).toEqual([]);
		expect(runs[0].secrets).toEqual(expect.arrayContaining([PULSE_CRM_API_KEY, PULSE_CRM_API_SECRET, ...sandbox.sessions.keys()]));
	});

	test('refuses a plain http base URL on another host before signing in', async () => {
		const { error } = await createUsers([{ email: 'ada@example.com' }], fromItem, { credential: withApiKey({ baseUrl: 'http://crm.example.com/api' }) });

		expect(error?.message).toBe('The Base URL uses plain http, which would send your key, secret and token unencrypted. Nothing was sent.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('the credential test signs in and calls GET /auth/session, and fails on a wrong secret', async () => {
		const valid = await testCredential('pulseCrmApi', withApiKey());
		const wrong = await testCredential('pulseCrmApi', withApiKey({ apiSecret: 'pulse_secret_wrong_0123456789' }));

		expect(valid).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringContaining('Invalid API key or secret') });
		expect(logins()).toHaveLength(2);
		expect(sandbox.received('GET /auth/session')).toHaveLength(1);
		expect(sandbox.received('GET /auth/session')[0].headers['x-account-id']).toBe(PULSE_CRM_PRIMARY_ACCOUNT_ID);
	});

	test('the credential test with a static access token succeeds, and fails with a wrong one', async () => {
		const valid = await testCredential('pulseCrmApi', withAccessToken());
		const wrong = await testCredential('pulseCrmApi', withAccessToken({ accessToken: 'pulse_static_wrong_0123456789' }));

		expect(valid).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringContaining('(401)') });
		expect(logins()).toHaveLength(0);
	});
});
