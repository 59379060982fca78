import { NodeHelpers, type IDataObject } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import { loadPack, testCredential } from '../harness/engine';
import { FLEXPRICE, providerSuite } from '../harness/providers';
import { PACK } from '../harness/workflow';

const { sandbox, fromItem, credentials, createUsers } = providerSuite(FLEXPRICE);

/** The least privilege a Flexprice user can have. */
const READER = ['all_reader'];

describe('Flexprice → User → Create', () => {
	test('creates a user and leaves the generated password out of the output', async () => {
		const { created, error } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: ['all_reader'] }]);

		expect(error).toBeUndefined();
		expect(created).toEqual([
			expect.objectContaining({ id: expect.stringMatching(/^user_/), email: 'ada@example.com', type: 'user' }),
		]);
		expect(created[0]).not.toHaveProperty('password');
		expect(sandbox.received('POST /users').map((r) => r.body)).toEqual([
			{ type: 'user', email: 'ada@example.com', roles: ['all_reader'] },
		]);
	});

	test('includes the generated password only when the user opts in', async () => {
		const { created } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }], {
			...fromItem,
			options: { includeSecrets: true },
		});

		expect(created[0].password).toBe(sandbox.users[0].password);
	});

	test('creates a service account with roles from a list or a comma-separated string', async () => {
		const { created, error } = await createUsers([
			{ type: 'service_account', roles: ['event_ingestor', 'event_reader'] },
			{ type: 'service_account', roles: 'event_reader, event_ingestor' },
		]);

		expect(error).toBeUndefined();
		expect(created.map((user) => user.type)).toEqual(['service_account', 'service_account']);
		expect(sandbox.received('POST /users').map((r) => r.body)).toEqual([
			{ type: 'service_account', roles: ['event_ingestor', 'event_reader'] },
			{ type: 'service_account', roles: ['event_reader', 'event_ingestor'] },
		]);
	});

	test('does not send an email for a service account even if the item has one', async () => {
		await createUsers([{ type: 'service_account', email: 'bot@example.com', roles: ['event_ingestor'] }]);

		expect(sandbox.received('POST /users')[0].body).toEqual({ type: 'service_account', roles: ['event_ingestor'] });
	});

	test.each([
		['a user without an email', { type: 'user', roles: ['all_reader'] }, 'Email: is required'],
		['a user with an invalid email', { type: 'user', email: 'not-an-email', roles: ['all_reader'] }, 'Email: must be a valid email address'],
		['a service account without roles', { type: 'service_account' }, 'Roles: is required'],
		['a service account with an empty role', { type: 'service_account', roles: ['event_reader', ' '] }, 'Roles → #2: must not be empty'],
		['a type outside the documented values', { type: 'admin', email: 'a@example.com' }, 'Type: Invalid discriminator value'],
		['an email that is a number', { type: 'user', email: 42, roles: READER }, 'Email: must be a string, not a number'],
	])('rejects %s before sending anything', async (_case, item, expected) => {
		const { error } = await createUsers([item]);

		expect(error?.message).toContain('Item 0 is invalid');
		expect(error?.message).toContain(expected);
		expect(sandbox.requests).toHaveLength(0);
	});

	describe('roles (a user created without roles is a super admin)', () => {
		test('refuses a user without roles before sending, saying what Flexprice would grant', async () => {
			const { error } = await createUsers([{ type: 'user', email: 'ada@example.com' }]);

			expect(error?.message).toContain('Item 0 is invalid: Roles: is required for a User');
			expect(error?.message).toContain('super admin');
			expect(sandbox.requests).toHaveLength(0);
		});

		test('sends no roles only when the user explicitly picks Flexprice’s default, which makes a super admin', async () => {
			const { created, error } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: 'flexprice_default' }]);

			expect(error).toBeUndefined();
			expect(sandbox.received('POST /users')[0].body).toEqual({ type: 'user', email: 'ada@example.com' });
			expect(created[0].roles).toEqual(['super_admin']);
		});

		test.each([
			['a service-account role for a user', { type: 'user', email: 'a@example.com', roles: ['event_ingestor'] }, 'Roles → #1: "event_ingestor" is not a role Flexprice gives a user'],
			['a user role for a service account', { type: 'service_account', roles: 'all_writer' }, 'Roles → #1: "all_writer" is not a role Flexprice gives a service account'],
			['super_admin with another role', { type: 'user', email: 'a@example.com', roles: ['super_admin', 'all_reader'] }, 'Roles: super_admin cannot be combined with another role'],
			['the default combined with a role', { type: 'user', email: 'a@example.com', roles: ['flexprice_default', 'all_reader'] }, 'Roles: "flexprice_default" sends no roles'],
			['the default for a service account', { type: 'service_account', roles: ['flexprice_default'] }, 'Roles: "flexprice_default" is only for a User'],
			['an empty role list for a user', { type: 'user', email: 'a@example.com', roles: [] }, 'Roles: is required for a User'],
		])('refuses %s before sending', async (_case, item, expected) => {
			const { error } = await createUsers([item]);

			expect(error?.message).toContain(expected);
			expect(sandbox.requests).toHaveLength(0);
		});

		test('offers per type only the roles Flexprice accepts for it, and marks Roles required for both types', async () => {
			const { nodeTypes } = await loadPack();
			const properties = nodeTypes.getByNameAndVersion(`${PACK}.flexprice`, 1).description.properties;
			const rolesFor = (type: string) =>
				properties.find(
					(property) =>
						property.name === 'roles' &&
						NodeHelpers.displayParameter({ resource: 'user', operation: 'create', type }, property, null, null),
				)!;

			expect(rolesFor('user')).toMatchObject({ type: 'multiOptions', required: true });
			expect(rolesFor('user').options!.map((option) => (option as { value: string }).value).sort()).toEqual(
				['all_reader', 'all_writer', 'flexprice_default', 'super_admin'],
			);
			expect(rolesFor('user').description).toContain('super admin');
			expect(rolesFor('service_account')).toMatchObject({ type: 'multiOptions', required: true });
			expect(rolesFor('service_account').options!.map((option) => (option as { value: string }).value).sort()).toEqual(
				['event_ingestor', 'event_reader', 'super_admin'],
			);
		});

		test('n8n refuses to run a User whose Roles field was left empty in the form', async () => {
			await expect(createUsers([{}], { type: 'user', email: 'ada@example.com' })).rejects.toThrow(/has issues/);
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	test('an invalid item stops the run before any item is sent', async () => {
		const { error } = await createUsers([
			{ type: 'user', email: 'ok@example.com', roles: READER },
			{ type: 'user', email: 'broken', roles: READER },
		]);

		expect(error?.message).toContain('Item 1 is invalid');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('reports a rejected API key without repeating it', async () => {
		const wrongKey = 'fp_wrong_key_0123456789abcdef';
		const result = await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }], fromItem, {
			credentialOverrides: { apiKey: wrongKey },
		});

		expect(result.error?.message).toBe('Flexprice did not accept the credential (401): invalid or missing API key');
		expect(sandbox.received('POST /users')).toHaveLength(1);
		expect(leakedSecrets(result, [wrongKey])).toEqual([]);
	});

	test('surfaces already_exists with the provider message, code and field-level details', async () => {
		await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }]);
		const { error } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }]);

		expect(error?.message).toBe(
			'Flexprice returned an error (409 already_exists): A user with this email already exists in this tenant (email: ada@example.com)',
		);
		expect(error?.description).toContain('The provider points at the field "email".');
		expect(error?.description).toContain('The user was not created.');
		expect(sandbox.users).toHaveLength(1);
	});

	test('keeps every field of a validation error’s details', async () => {
		sandbox.inject({
			kind: 'respond',
			response: {
				status: 400,
				body: { code: 'validation_error', message: 'invalid request', http_status_code: 400, details: { email: 'must be a work address', roles: { invalid: ['x'] } } },
			},
		});

		const { error } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }]);

		expect(error?.message).toBe(
			'Flexprice returned an error (400 validation_error): invalid request (email: must be a work address; roles: {"invalid":["x"]})',
		);
	});

	test('retries a 429 after Retry-After and creates the user once', async () => {
		sandbox.inject({
			kind: 'respond',
			response: { status: 429, headers: { 'Retry-After': '0' }, body: { code: 'service_unavailable', message: 'slow down' } },
		});

		const { created, error } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(sandbox.received('POST /users')).toHaveLength(2);
		expect(sandbox.users).toHaveLength(1);
	});

	test('does not retry a 500, since Flexprice has no idempotency key, and says the outcome is unknown', async () => {
		sandbox.inject({
			kind: 'respond',
			response: { status: 500, body: { code: 'internal_error', message: 'database timeout', http_status_code: 500 } },
		});

		const { error } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }]);

		expect(error?.message).toBe('Flexprice returned an error (500 internal_error): database timeout');
		expect(error?.description).toContain('Outcome unknown');
		expect(sandbox.received('POST /users')).toHaveLength(1);
	});

	test('with Continue On Fail, gives one result per item in input order', async () => {
		await createUsers([{ type: 'user', email: 'taken@example.com', roles: READER }]);
		sandbox.forgetTraffic();

		const { output, error } = await createUsers(
			[
				{ type: 'user', email: 'one@example.com', roles: READER },
				{ type: 'user', email: 'broken', roles: READER },
				{ type: 'service_account', roles: ['event_reader'] },
				{ type: 'user', email: 'taken@example.com', roles: READER },
			],
			fromItem,
			{ continueOnFail: true },
		).then((result) => ({ ...result, output: result.output('Create User') }));

		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json.email).toBe('one@example.com');
		expect(output[1].json).toMatchObject({ itemIndex: 1, fields: ['email'], outcome: 'not_created' });
		expect(output[1].json.error).toContain('Email: must be a valid email address');
		expect(output[2].json.type).toBe('service_account');
		expect(output[3].json).toMatchObject({ itemIndex: 3, outcome: 'not_created', httpCode: 409, code: 'already_exists' });
		// The invalid item never reached the server.
		expect(sandbox.received('POST /users').map((r) => (r.body as IDataObject).email ?? 'service account')).toEqual([
			'one@example.com',
			'service account',
			'taken@example.com',
		]);
	});

	test('without Continue On Fail, a provider error stops the run and names the items already created', async () => {
		await createUsers([{ type: 'user', email: 'taken@example.com', roles: READER }]);

		const { error } = await createUsers(
			[
				{ type: 'user', email: 'one@example.com', roles: READER },
				{ type: 'user', email: 'taken@example.com', roles: READER },
				{ type: 'user', email: 'three@example.com', roles: READER },
			],
			{ ...fromItem, options: { concurrency: 1 } },
		);

		expect(error?.message).toContain('409 already_exists');
		const one = sandbox.users.find((user) => user.email === 'one@example.com')!;
		expect(error?.description).toContain(`Users already created in this run before it stopped: item 0 (id ${one.id}, one@example.com).`);
		expect(sandbox.users.map((user) => user.email)).toEqual(['taken@example.com', 'one@example.com']);
	});

	test('a stopped run names every user it created by id and email, and never their generated passwords', async () => {
		await createUsers([{ type: 'user', email: 'taken@example.com', roles: ['all_reader'] }]);

		// Flexprice returns a generated password only at creation; n8n drops the stopped node's output.
		const stopped = await createUsers(
			[
				{ type: 'user', email: 'one@example.com', roles: ['all_reader'] },
				{ type: 'service_account', roles: ['event_ingestor'] },
				{ type: 'user', email: 'taken@example.com', roles: ['all_reader'] },
			],
			{ ...fromItem, options: { concurrency: 1, includeSecrets: true } },
		);

		const [, user, serviceAccount] = sandbox.users;
		expect(stopped.error?.message).toContain('409 already_exists');
		expect(stopped.error?.description).toContain(
			`Users already created in this run before it stopped: item 0 (id ${user.id}, one@example.com), item 1 (id ${serviceAccount.id}).`,
		);
		expect(leakedSecrets(stopped, [user.password ?? ''])).toEqual([]);
	});

	test('keeps output order when later items finish first', async () => {
		sandbox.inject({ kind: 'delay', ms: 300 });

		const { created } = await createUsers(
			['a', 'b', 'c', 'd'].map((name) => ({ type: 'user', email: `${name}@example.com`, roles: READER })),
			{ ...fromItem, options: { concurrency: 4 } },
		);

		expect(created.map((user) => user.email)).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
	});

	test('never puts the API key or the generated password in output or errors', async () => {
		const runs = [
			await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }, { type: 'user', email: 'ada@example.com', roles: READER }], fromItem, {
				continueOnFail: true,
			}),
			await createUsers([{ type: 'user', email: 'x', roles: READER }]),
		];

		for (const run of runs) expect(leakedSecrets(run, sandbox.users.map((u) => u.password ?? ''))).toEqual([]);
	});

	test('refuses a plain http base URL on another host before sending the key', async () => {
		const { error } = await createUsers([{ type: 'user', email: 'ada@example.com', roles: READER }], fromItem, {
			credentialOverrides: { baseUrl: 'http://flexprice.example.com/v1' },
		});

		expect(error?.message).toBe('The Base URL uses plain http, which would send your API key unencrypted. Nothing was sent.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('the credential test request succeeds with a valid key and fails with a wrong one', async () => {
		const valid = await testCredential('flexpriceApi', credentials().flexpriceApi);
		const wrong = await testCredential('flexpriceApi', credentials({ apiKey: 'nope-nope-nope' }).flexpriceApi);

		expect(valid).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringContaining('(401)') });
		expect(sandbox.received('GET /users/me')).toHaveLength(2);
	});

	test('the US and India regions resolve to the documented base URLs', async () => {
		const { credentialTypes } = await import('../harness/engine').then((m) => m.loadPack());
		const region = credentialTypes.get('flexpriceApi')!.properties.find((p) => p.name === 'region')!;

		expect(region.options).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'US', value: 'https://us.api.flexprice.io/v1' }),
				expect.objectContaining({ name: 'India', value: 'https://api.cloud.flexprice.io/v1' }),
			]),
		);
	});
});
