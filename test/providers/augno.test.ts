import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import { loadPack, testCredential } from '../harness/engine';
import { AUGNO, providerSuite } from '../harness/providers';
import { PACK } from '../harness/workflow';
import { AUGNO_API_KEY, AUGNO_DEPARTMENTS, AUGNO_ROLES, augnoError } from '../sandbox/augno';

const { sandbox, fromItem, credentials, createUsers } = providerSuite(AUGNO);

const CREATE = 'POST /v1/identity/account-users';
const STATION_PASSWORD = 'Scan-Station-7!';
const [, , WAREHOUSE, SCANNER] = AUGNO_ROLES;
const [KNITTING] = AUGNO_DEPARTMENTS;

const sent = () => sandbox.received(CREATE);
const idempotencyKeys = () => sent().map((request) => request.headers['idempotency-key']);
const transientServerError = (isTransient: boolean) => ({
	kind: 'respond' as const,
	response: augnoError(500, 'internal_error', 'Something went wrong on our end.', { type: 'api_error', isTransient }),
});

describe('Augno → User → Create', () => {
	test('adds a new user by email and returns the account user with the user expanded', async () => {
		const { created, error } = await createUsers([{ email: 'ada@example.com', name: 'Ada Lovelace' }]);

		expect(error).toBeUndefined();
		expect(created).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^au_/),
				object: 'account_user',
				status: 'active',
				user: expect.objectContaining({ email: 'ada@example.com', name: 'Ada Lovelace', username: null }),
				role: null,
				department: null,
			}),
		]);
		const [request] = sent();
		expect(request.body).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace' });
		expect(request.query.getAll('include[]')).toEqual(['user']);
		expect(request.headers.authorization).toBe(`Bearer ${AUGNO_API_KEY}`);
		expect(request.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{40}$/);
	});

	test('adds an existing Augno user to the account instead of creating a new user', async () => {
		const existing = sandbox.addUserOfAnotherAccount({ email: 'grace@example.com', name: 'Grace Hopper' });

		const { created, error } = await createUsers([{ email: 'grace@example.com' }]);

		expect(error).toBeUndefined();
		expect((created[0].user as IDataObject).id).toBe(existing.id);
		expect(sandbox.users).toHaveLength(1);
		expect(sandbox.accountUsers).toHaveLength(1);
	});

	test('creates a scanning station user from a username and password, with the scanner role', async () => {
		const { created, error } = await createUsers(
			[{ username: 'knit-station_01', password: STATION_PASSWORD }],
			{ ...fromItem, include: ['role', 'user'] },
		);

		expect(error).toBeUndefined();
		expect(sent()[0].body).toEqual({ username: 'knit-station_01', password: STATION_PASSWORD });
		expect(created[0]).toMatchObject({
			user: { username: 'knit-station_01', email: null },
			role: { id: SCANNER.id, type: 'scanner' },
		});
		expect(JSON.stringify(created)).not.toContain(STATION_PASSWORD);
	});

	test('sends name, role, department and notification preferences as Augno names them, and expands all three', async () => {
		const { created, error } = await createUsers([{}], {
			email: 'linus@example.com',
			name: 'Linus',
			roleId: WAREHOUSE.id,
			departmentId: KNITTING.id,
			preferences: {
				preference: [
					{ notificationType: 'invoice', enabled: true },
					{ notificationType: 'purchase_order_submission', enabled: false },
				],
			},
			include: ['department', 'role', 'user'],
		});

		expect(error).toBeUndefined();
		expect(sent()[0].body).toEqual({
			email: 'linus@example.com',
			name: 'Linus',
			role_id: WAREHOUSE.id,
			department_id: KNITTING.id,
			preferences: [
				{ notification_type: 'invoice', enabled: true },
				{ notification_type: 'purchase_order_submission', enabled: false },
			],
		});
		expect(sent()[0].query.getAll('include[]')).toEqual(['department', 'role', 'user']);
		expect(created[0]).toMatchObject({
			user: { email: 'linus@example.com' },
			role: { id: WAREHOUSE.id, name: 'Warehouse Staff' },
			department: { id: KNITTING.id, name: 'Knitting' },
		});
	});

	test('takes expansions as a comma-separated string, and sends none when none are chosen', async () => {
		await createUsers([{ email: 'a@example.com', include: 'role, department' }], { ...fromItem, include: '={{ $json.include }}' });
		await createUsers([{ email: 'b@example.com' }], { ...fromItem, include: [] });

		expect(sent().map((request) => request.query.getAll('include[]'))).toEqual([['role', 'department'], []]);
		expect(sandbox.accountUsers).toHaveLength(2);
	});

	test.each([
		['neither email nor username', {}, 'Email: is required when Username is empty'],
		['an invalid email', { email: 'not-an-email' }, 'Email: must be a valid email address'],
		['a username shorter than 3 characters', { username: 'ab', password: STATION_PASSWORD }, 'Username: String must contain at least 3'],
		['a username longer than 255 characters', { username: 'u'.repeat(256), password: STATION_PASSWORD }, 'Username: String must contain at most 255'],
		[
			'a username with other characters',
			{ username: 'ada.lovelace', password: STATION_PASSWORD },
			'Username: may only contain letters, numbers, underscores and hyphens',
		],
		[
			'a scanning station user without a password',
			{ username: 'station-1' },
			'Password: is required for a scanning station user (a Username without an Email)',
		],
		[
			'a password for a user with an email',
			{ email: 'ada@example.com', password: STATION_PASSWORD },
			'Password: is only for scanning station users',
		],
		[
			'a password for a user with both email and username',
			{ email: 'ada@example.com', username: 'ada', password: STATION_PASSWORD },
			'Password: is only for scanning station users',
		],
		['a password shorter than 8 characters', { username: 'station-1', password: 'Sh0rt!' }, 'Password: String must contain at least 8'],
		['a password longer than 72 characters', { username: 'station-1', password: `Aa1!${'x'.repeat(69)}` }, 'Password: String must contain at most 72'],
		['a password without an uppercase letter', { username: 'station-1', password: 'lower-case-1' }, 'Password: must include an uppercase letter'],
		['a password without a lowercase letter', { username: 'station-1', password: 'UPPER-CASE-1' }, 'Password: must include a lowercase letter'],
		['a password without a number', { username: 'station-1', password: 'No-Numbers!' }, 'Password: must include a number'],
		['a password without a special character', { username: 'station-1', password: 'NoSpecial123' }, 'Password: must include a special character'],
		['a blank role ID', { email: 'ada@example.com', roleId: '   ' }, 'Role: must not be empty'],
		['an email that is a number', { email: 42 }, 'Email: must be a string, not a number'],
	])('rejects %s before sending anything', async (_case, item, expected) => {
		const { error } = await createUsers([item]);

		expect(error?.message).toContain('Item 0 is invalid');
		expect(error?.message).toContain(expected);
		expect(sandbox.requests).toHaveLength(0);
	});

	describe('the form', () => {
		const formFor = async (parameters: IDataObject) => {
			const { nodeTypes } = await loadPack();
			const description = nodeTypes.getByNameAndVersion(`${PACK}.augno`, 1).description;
			const values = NodeHelpers.getNodeParameters(description.properties, { resource: 'user', operation: 'create', ...parameters } as INodeParameters, true, false, null, null)!;
			const shown = description.properties.filter((property) => NodeHelpers.displayParameter(values, property, null, null));
			const node = { id: 'n', name: 'Augno', type: `${PACK}.augno`, typeVersion: 1, position: [0, 0] as [number, number], parameters: values };
			const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description)?.parameters ?? {};
			return { shown: shown.map((property) => property.name), password: shown.find((property) => property.name === 'password'), issues: Object.keys(issues) };
		};

		test('shows Password, marked required, only for a username without an email', async () => {
			const station = await formFor({ username: 'station-1' });
			expect(station.password).toMatchObject({ required: true, typeOptions: { password: true } });
			expect(station.issues).toEqual(['password']);
			expect((await formFor({ username: 'station-1', password: STATION_PASSWORD })).issues).toEqual([]);

			expect((await formFor({ email: 'ada@example.com' })).shown).not.toContain('password');
			expect((await formFor({ email: 'ada@example.com', username: 'ada' })).shown).not.toContain('password');
			expect((await formFor({})).shown).not.toContain('password');
		});

		test('with Email as an expression, shows Password for the items without one, not as a required field', async () => {
			const mapped = await formFor({ email: '={{ $json.email }}', username: '={{ $json.username }}' });

			expect(mapped.password).toBeDefined();
			expect(mapped.password!.required).not.toBe(true);
			expect(mapped.issues).toEqual([]);
		});

		test('says in Email and Username that one of the two is required, which n8n cannot mark', async () => {
			const { nodeTypes } = await loadPack();
			const properties = nodeTypes.getByNameAndVersion(`${PACK}.augno`, 1).description.properties;
			for (const name of ['email', 'username']) {
				expect(properties.find((property) => property.name === name)!.description).toContain(
					'Either Email or Username is required (n8n cannot mark one of two fields as required',
				);
			}
		});
	});

	test('rejects an expansion and a notification type outside the documented values', async () => {
		const { error } = await createUsers([{ email: 'ada@example.com' }], {
			...fromItem,
			include: 'user,permissions',
			preferences: { preference: [{ notificationType: 'sms', enabled: true }] },
		});

		expect(error?.message).toContain('Expand in Response → #2: must be one of department, role, user');
		expect(error?.message).toContain('Notification Preferences → Preference → #1 → Notification Type: Invalid enum value');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an invalid item stops the run before any item is sent', async () => {
		const { error } = await createUsers([{ email: 'ok@example.com' }, { username: 'station-1' }]);

		expect(error?.message).toContain('Item 1 is invalid');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('reports a rejected secret key without repeating it', async () => {
		const wrongKey = 'aug_sk_test_wrong0000000000000000000';
		const result = await createUsers([{ email: 'ada@example.com' }], fromItem, { credentialOverrides: { apiKey: wrongKey } });

		expect(result.error?.message).toBe('Augno did not accept the credential (401): The API key provided is not valid.');
		expect(sent()).toHaveLength(1);
		expect(leakedSecrets(result, [wrongKey])).toEqual([]);
	});

	test('surfaces Augno’s error message and the field it blames, without retrying a deterministic error', async () => {
		const { error } = await createUsers([{ email: 'ada@example.com', roleId: 'role_missing' }]);

		expect(error?.message).toBe('Augno returned an error (400 validation_failed): No role with this ID exists in the account.');
		expect(error?.description).toContain('The provider points at the field "role_id".');
		expect(error?.description).toContain('The user was not created.');
		expect(sent()).toHaveLength(1);
	});

	test('uses Augno’s error type as the code when Augno gives none', async () => {
		sandbox.inject({
			kind: 'respond',
			response: { status: 400, body: { error: { type: 'invalid_request_error', message: 'Malformed request.', is_transient: false } } },
		});

		const { error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error?.message).toBe('Augno returned an error (400 invalid_request_error): Malformed request.');
	});

	test('surfaces a user who already belongs to the account', async () => {
		await createUsers([{ email: 'ada@example.com', name: 'first run' }]);
		const { error } = await createUsers([{ email: 'ada@example.com', name: 'another row' }]);

		expect(error?.message).toBe('Augno returned an error (409 resource_exists): This user already belongs to the account.');
		expect(sandbox.accountUsers).toHaveLength(1);
	});

	test('retries a 429 after Retry-After with the same idempotency key and adds the user once', async () => {
		sandbox.inject({
			kind: 'respond',
			response: {
				status: 429,
				headers: { 'Retry-After': '0' },
				body: { error: { code: 'rate_limit_exceeded', type: 'invalid_request_error', message: 'Too many requests. Please try again later.', is_transient: true } },
			},
		});

		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(sent()).toHaveLength(2);
		expect(new Set(idempotencyKeys()).size).toBe(1);
		expect(sandbox.accountUsers).toHaveLength(1);
	});

	test('retries a 500 marked is_transient with the same idempotency key and adds the user once', async () => {
		sandbox.inject(transientServerError(true));

		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect((created[0].user as IDataObject).email).toBe('ada@example.com');
		expect(sent()).toHaveLength(2);
		expect(new Set(idempotencyKeys()).size).toBe(1);
		expect(sandbox.accountUsers).toHaveLength(1);
	});

	test('retries a 4xx that Augno marks is_transient, with the same key', async () => {
		// An illustrative idempotency_error: the docs name the type, not this code.
		sandbox.inject({
			kind: 'respond',
			response: augnoError(409, 'idempotency_key_in_use', 'A request with this key is still being processed.', {
				type: 'idempotency_error',
				isTransient: true,
			}),
		});

		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(new Set(idempotencyKeys()).size).toBe(1);
		expect(sandbox.accountUsers).toHaveLength(1);
	});

	test('after a dropped connection, retries with the same key and gets the replayed user, not a second one', async () => {
		sandbox.inject({ kind: 'processThenDrop' });

		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect(sent()).toHaveLength(2);
		expect(new Set(idempotencyKeys()).size).toBe(1);
		expect(sandbox.stats.replayed).toBe(1);
		expect(sandbox.accountUsers).toHaveLength(1);
		expect(created).toEqual([expect.objectContaining({ id: sandbox.accountUsers[0].id })]);
		expect((created[0].user as IDataObject).email).toBe('ada@example.com');
	});

	test('does not retry a 500 that Augno marks not transient, and says the outcome is unknown', async () => {
		sandbox.inject(transientServerError(false));

		const { error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error?.message).toBe('Augno returned an error (500 internal_error): Something went wrong on our end.');
		expect(error?.description).toContain('Outcome unknown');
		expect(error?.description).not.toContain('Running the item again is safe');
		expect(sent()).toHaveLength(1);
	});

	test('sends the Idempotency Key option when it is set', async () => {
		await createUsers([{ email: 'ada@example.com', employeeId: 'emp-4711' }], {
			...fromItem,
			options: { idempotencyKey: '={{ "onboarding-" + $json.employeeId }}' },
		});

		expect(idempotencyKeys()).toEqual(['onboarding-emp-4711']);
	});

	test('derives a key per item that stays the same when the workflow runs again, so a re-run replays', async () => {
		const items = [{ email: 'ada@example.com' }, { email: 'grace@example.com' }];
		const first = await createUsers(items);
		const second = await createUsers(items);

		const [adaFirst, graceFirst, adaSecond, graceSecond] = idempotencyKeys();
		expect(adaFirst).not.toBe(graceFirst);
		expect([adaSecond, graceSecond]).toEqual([adaFirst, graceFirst]);
		expect(second.error).toBeUndefined();
		expect(second.created.map((user) => user.id)).toEqual(first.created.map((user) => user.id));
		expect(sandbox.stats.replayed).toBe(2);
		expect(sandbox.accountUsers).toHaveLength(2);
	});

	describe('idempotency keys', () => {
		test('derives a scanning station user’s key without the password', async () => {
			await createUsers([{ username: 'station-1', password: STATION_PASSWORD }]);
			await createUsers([{ username: 'station-1', password: 'Another-Pass-9' }]);

			const [first, second] = idempotencyKeys();
			expect(second).toBe(first);
		});

		test('refuses one Idempotency Key for items that send different requests, naming them, before sending', async () => {
			const items = [{ email: 'ada@example.com' }, { email: 'grace@example.com' }, { email: 'linus@example.com' }];
			const parameters = { ...fromItem, options: { idempotencyKey: 'onboarding' } };

			const stopped = await createUsers(items, parameters);
			expect(stopped.error?.message).toContain('Item 1 is invalid: Idempotency Key: items 0, 1 send different requests under the same key "onboarding"');
			expect(sent()).toHaveLength(0);

			const result = await createUsers(items, parameters, { continueOnFail: true });
			expect(result.created.map((item) => [item.itemIndex, item.outcome, item.fields])).toEqual([
				[0, 'not_created', ['idempotencyKey']],
				[1, 'not_created', ['idempotencyKey']],
				[2, 'not_created', ['idempotencyKey']],
			]);
			expect(sent()).toHaveLength(0);
		});

		test('refuses the README’s key expression for items that lack the value it reads', async () => {
			const { error } = await createUsers([{ email: 'ada@example.com', employeeId: 'E-1' }, { email: 'grace@example.com' }, { email: 'linus@example.com' }], {
				...fromItem,
				options: { idempotencyKey: '={{ "onboarding-" + ($json.employeeId ?? "") }}' },
			});

			expect(error?.message).toContain('items 1, 2 send different requests under the same key "onboarding-"');
			expect(sent()).toHaveLength(0);
		});

		test('lets a repeated row share its key: Augno replays the first answer and the output says so', async () => {
			const { created, error } = await createUsers([{ email: 'ada@example.com' }, { email: 'ada@example.com' }], {
				...fromItem,
				options: { idempotencyKey: 'emp-1' },
			});

			expect(error).toBeUndefined();
			expect(sandbox.accountUsers).toHaveLength(1);
			expect(created.map((user) => user.id)).toEqual([sandbox.accountUsers[0].id, sandbox.accountUsers[0].id]);
			expect(created.filter((user) => user.idempotentReplayed === true)).toHaveLength(1);
		});

		test('takes a number from an expression as the key', async () => {
			const { error } = await createUsers([{ email: 'ada@example.com', employeeId: 4711 }], {
				...fromItem,
				options: { idempotencyKey: '={{ $json.employeeId }}' },
			});

			expect(error).toBeUndefined();
			expect(idempotencyKeys()).toEqual(['4711']);
		});

		test('a key Augno saw with other parameters fails with its idempotency_error, and nothing is added', async () => {
			await createUsers([{ email: 'ada@example.com' }], { ...fromItem, options: { idempotencyKey: 'emp-1' } });
			const { error } = await createUsers([{ email: 'grace@example.com' }], { ...fromItem, options: { idempotencyKey: 'emp-1' } });

			expect(error?.message).toContain('Augno returned an error (400 idempotency_key_reused)');
			expect(error?.message).toContain('use a new Idempotency Key');
			expect(sandbox.accountUsers).toHaveLength(1);
		});

		test('changing Expand in Response changes the derived key, so the new expansion is not an old replay', async () => {
			await createUsers([{ email: 'ada@example.com' }], { ...fromItem, include: ['user'] });
			const second = await createUsers([{ email: 'ada@example.com' }], { ...fromItem, include: ['role'] });

			const [withUser, withRole] = idempotencyKeys();
			expect(withRole).not.toBe(withUser);
			expect(sandbox.stats.replayed).toBe(0);
			// Augno itself now answers: the user is already a member.
			expect(second.error?.message).toContain('409');
		});

		test('marks a replayed answer in the output, and only a replayed one', async () => {
			const first = await createUsers([{ email: 'ada@example.com' }]);
			const second = await createUsers([{ email: 'ada@example.com' }]);

			expect(first.created[0]).not.toHaveProperty('idempotentReplayed');
			expect(second.created[0]).toMatchObject({ id: first.created[0].id, idempotentReplayed: true });
		});
	});

	test('with Continue On Fail, gives one result per item in input order', async () => {
		await createUsers([{ email: 'taken@example.com' }]);
		sandbox.forgetTraffic();

		const result = await createUsers(
			[
				{ email: 'one@example.com' },
				{ username: 'station-1' },
				{ username: 'station-2', password: STATION_PASSWORD },
				{ email: 'taken@example.com', name: 'different row' },
			],
			fromItem,
			{ continueOnFail: true },
		);
		const output = result.output('Create User');

		expect(result.error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect((output[0].json.user as IDataObject).email).toBe('one@example.com');
		expect(output[1].json).toMatchObject({ itemIndex: 1, fields: ['password'], outcome: 'not_created' });
		expect((output[2].json.user as IDataObject).username).toBe('station-2');
		expect(output[3].json).toMatchObject({ itemIndex: 3, outcome: 'not_created', httpCode: 409, code: 'resource_exists' });
		// The invalid item never reached Augno.
		expect(sent()).toHaveLength(3);
	});

	test('paces 25 users under the 20 requests per second limit and adds each once', async () => {
		const items = Array.from({ length: 25 }, (_, n) => ({ email: `user${n}@example.com` }));

		const { created, error } = await createUsers(items, { ...fromItem, options: { concurrency: 20 } });

		expect(error).toBeUndefined();
		expect(created).toHaveLength(25);
		expect(sandbox.accountUsers).toHaveLength(25);
		expect(new Set(sandbox.users.map((user) => user.email)).size).toBe(25);
	});

	test('never puts the secret key or a scanning station password in output, errors or logs', async () => {
		// The password is set in the node, so it is not in the input items the run also shows.
		const stationUser = { ...fromItem, password: STATION_PASSWORD };
		const runs = [
			await createUsers([{ username: 'station-1' }, { username: 'station-1' }, { email: 'x' }], stationUser, { continueOnFail: true }),
			await createUsers([{ email: 'ada@example.com' }], stationUser),
			await createUsers([{ username: 'station-9' }], { ...fromItem, password: 'weak-pass' }),
		];

		expect(sandbox.accountUsers).toHaveLength(1);
		// Including the node n8n attaches to a failed run's error, which it logs and stores.
		for (const run of runs) expect(leakedSecrets(run, [STATION_PASSWORD, 'weak-pass'])).toEqual([]);
	});

	test('with If User Exists: Skip, an active member sent under a new key comes out as existing, by email or username, password left out', async () => {
		await createUsers([{ email: 'ada@example.com' }, { username: 'station-1', password: STATION_PASSWORD }]);

		// A new key, as after the stored one expired: Augno answers with its "already a member" conflict.
		const again = await createUsers([{ email: 'ada@example.com' }, { username: 'station-1', password: STATION_PASSWORD }], {
			...fromItem,
			options: { idempotencyKey: '={{ "second-sync-" + ($json.email ?? $json.username) }}', ifUserExists: 'skip' },
		});

		expect(again.error).toBeUndefined();
		expect(again.created).toEqual([
			{ outcome: 'exists', email: 'ada@example.com', message: 'This user already belongs to the account.' },
			{ outcome: 'exists', username: 'station-1', message: 'This user already belongs to the account.' },
		]);
		expect(sent().map((request) => request.status)).toEqual([201, 201, 409, 409]);
		expect(sandbox.accountUsers).toHaveLength(2);
	});

	test('has no secret in its response, so it offers no option to include one', async () => {
		const { nodeTypes } = await loadPack();
		const node = nodeTypes.getByNameAndVersion(`${PACK}.augno`, 1);
		const options = node.description.properties.find((property) => property.name === 'options')!;

		expect((options.options ?? []).map((option) => option.name)).toEqual(['idempotencyKey', 'ifUserExists', 'concurrency', 'timeout']);
	});

	test('refuses a plain http base URL on another host before sending the key', async () => {
		const { error } = await createUsers([{ email: 'ada@example.com' }], fromItem, {
			credentialOverrides: { baseUrl: 'http://api.augno.example.com' },
		});

		expect(error?.message).toBe('The Base URL uses plain http, which would send your secret key unencrypted. Nothing was sent.');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Augno credential', () => {
	test('the credential test request lists account users with a valid key and fails with a wrong one', async () => {
		const valid = await testCredential('augnoApi', credentials().augnoApi);
		const wrong = await testCredential('augnoApi', credentials({ apiKey: 'aug_sk_test_nope' }).augnoApi);

		expect(valid).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringContaining('(401)') });
		const requests = sandbox.received('GET /v1/identity/account-users');
		expect(requests).toHaveLength(2);
		expect(requests[0].query.get('limit')).toBe('1');
	});

	test('defaults to https://api.augno.com and says that the SDK’s https://api.openmrp.ai exists', async () => {
		const { credentialTypes } = await loadPack();
		const baseUrl = credentialTypes.get('augnoApi')!.properties.find((property) => property.name === 'baseUrl')!;

		expect(baseUrl.default).toBe('https://api.augno.com');
		expect(baseUrl.description).toContain('https://api.openmrp.ai');
	});

	test('tells from the key’s prefix whether users go to the sandbox or to production', async () => {
		const { credentialTypes } = await loadPack();
		const properties = credentialTypes.get('augnoApi')!.properties;
		const noticesFor = (apiKey: string) =>
			properties
				.filter((property) => property.type === 'notice')
				.filter((property) => NodeHelpers.displayParameter({ apiKey }, property, null, null))
				.map((property) => property.name);

		expect(noticesFor('aug_sk_test_123')).toEqual(['sandboxKeyNotice']);
		expect(noticesFor('aug_sk_prod_123')).toEqual(['productionKeyNotice']);
		expect(noticesFor('something-else')).toEqual([]);
	});

	test('offers Allow Insecure HTTP only for an http base URL', async () => {
		const { credentialTypes } = await loadPack();
		const allowInsecureHttp = credentialTypes.get('augnoApi')!.properties.find((property) => property.name === 'allowInsecureHttp')!;
		const shownFor = (baseUrl: string) => NodeHelpers.displayParameter({ baseUrl }, allowInsecureHttp, null, null);

		expect(shownFor('https://api.augno.com')).toBe(false);
		expect(shownFor('http://augno.internal:8080')).toBe(true);
	});
});
