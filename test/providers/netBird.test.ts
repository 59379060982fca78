import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import { loadPack, testCredential } from '../harness/engine';
import { loadOptions } from '../harness/loadOptions';
import { NETBIRD, providerSuite } from '../harness/providers';
import { PACK } from '../harness/workflow';
import { NETBIRD_ACCESS_TOKEN, NETBIRD_BEARER_TOKEN } from '../sandbox/netBird';

const { sandbox, fromItem, credentials, createUsers } = providerSuite(NETBIRD);

const bearer = { authType: 'bearer', bearerToken: NETBIRD_BEARER_TOKEN };

const invite = (email: string, extra: IDataObject = {}) => ({ email, name: 'Ada Lovelace', role: 'user', ...extra });
const serviceUser = (name: string, extra: IDataObject = {}) => ({ isServiceUser: true, name, role: 'admin', ...extra });

const sentBodies = () => sandbox.received('POST /api/users').map((request) => request.body);

describe('NetBird → User → Create', () => {
	test('invites a regular user and returns the invited user', async () => {
		const { created, error } = await createUsers([invite('ada@example.com', { autoGroups: ['ch8i4ug6lnn4g9hqv7m0'] })]);

		expect(error).toBeUndefined();
		expect(created).toEqual([
			expect.objectContaining({
				email: 'ada@example.com',
				name: 'Ada Lovelace',
				role: 'user',
				status: 'invited',
				is_service_user: false,
				auto_groups: ['ch8i4ug6lnn4g9hqv7m0'],
			}),
		]);
		expect(sentBodies()).toEqual([
			{
				email: 'ada@example.com',
				name: 'Ada Lovelace',
				role: 'user',
				auto_groups: ['ch8i4ug6lnn4g9hqv7m0'],
				is_service_user: false,
			},
		]);
	});

	test('creates a service user without an email, active at once', async () => {
		const { created, error } = await createUsers([serviceUser('ci-bot')]);

		expect(error).toBeUndefined();
		expect(created).toEqual([
			expect.objectContaining({ name: 'ci-bot', role: 'admin', status: 'active', is_service_user: true, email: '' }),
		]);
		expect(sentBodies()).toEqual([{ name: 'ci-bot', role: 'admin', auto_groups: [], is_service_user: true }]);
	});

	test('creates a service user with neither email nor name', async () => {
		const { created, error } = await createUsers([{ isServiceUser: true, role: 'auditor' }]);

		expect(error).toBeUndefined();
		expect(created[0]).toMatchObject({ role: 'auditor', status: 'active' });
		expect(sentBodies()).toEqual([{ role: 'auditor', auto_groups: [], is_service_user: true }]);
	});

	test('does not send an email for a service user even if the item has one', async () => {
		await createUsers([serviceUser('ci-bot', { email: 'bot@example.com' })]);

		expect(sentBodies()[0]).not.toHaveProperty('email');
	});

	test('always sends auto_groups, as an empty list when no group is chosen', async () => {
		const { error } = await createUsers(
			[invite('a@example.com'), invite('b@example.com', { autoGroups: [] }), serviceUser('bot', { autoGroups: '' })],
		);

		expect(error).toBeUndefined();
		expect(sentBodies().map((body) => (body as IDataObject).auto_groups)).toEqual([[], [], []]);
	});

	test('takes auto groups as a list or as one comma-separated string', async () => {
		await createUsers([
			invite('a@example.com', { autoGroups: ['ch8i4ug6lnn4g9hqv7m0', 'ch8i4ug6lnn4g9hqv7n0'] }),
			invite('b@example.com', { autoGroups: 'ch8i4ug6lnn4g9hqv7m0, ch8i4ug6lnn4g9hqv7n0' }),
		]);

		expect(sentBodies().map((body) => (body as IDataObject).auto_groups)).toEqual([
			['ch8i4ug6lnn4g9hqv7m0', 'ch8i4ug6lnn4g9hqv7n0'],
			['ch8i4ug6lnn4g9hqv7m0', 'ch8i4ug6lnn4g9hqv7n0'],
		]);
	});

	test('takes the role in any letter case and sends it as NetBird spells it', async () => {
		await createUsers([invite('a@example.com', { role: ' Network_Admin ' }), invite('b@example.com', { role: 'BILLING_ADMIN' })]);

		expect(sentBodies().map((body) => (body as IDataObject).role)).toEqual(['network_admin', 'billing_admin']);
	});

	test('uses the fields set in the node, with the role and groups picked from the lists', async () => {
		const { created } = await createUsers([{}], {
			email: 'grace@example.com',
			name: 'Grace Hopper',
			role: 'network_admin',
			autoGroups: ['ch8i4ug6lnn4g9hqv7o0'],
		});

		expect(created[0]).toMatchObject({ email: 'grace@example.com', role: 'network_admin', status: 'invited' });
		expect(sentBodies()[0]).toMatchObject({ is_service_user: false, auto_groups: ['ch8i4ug6lnn4g9hqv7o0'] });
	});

	test('sends a personal access token as "Authorization: Token …"', async () => {
		await createUsers([invite('ada@example.com')]);

		expect(sandbox.received('POST /api/users')[0].headers.authorization).toBe(`Token ${NETBIRD_ACCESS_TOKEN}`);
	});

	test('sends a JWT as "Authorization: Bearer …" when the credential uses a bearer token', async () => {
		const { created, error } = await createUsers([invite('ada@example.com')], fromItem, { credentialOverrides: bearer });

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(sandbox.received('POST /api/users')[0].headers.authorization).toBe(`Bearer ${NETBIRD_BEARER_TOKEN}`);
	});

	test.each([
		['a regular user without an email', { name: 'Ada', role: 'user' }, 'Email: is required'],
		['a regular user with an invalid email', invite('not-an-email'), 'Email: must be a valid email address'],
		['a regular user without a name', { email: 'ada@example.com', role: 'user' }, 'Name: is required'],
		['a blank name', invite('ada@example.com', { name: '   ' }), 'Name: must not be empty'],
		['no role', { email: 'ada@example.com', name: 'Ada' }, 'Role: is required'],
		['the Owner role for an invite', invite('ada@example.com', { role: 'owner' }), "Role: can't be owner"],
		['the Owner role for a service user', serviceUser('bot', { role: 'Owner' }), "Role: can't be owner"],
		[
			'a role NetBird does not have',
			invite('ada@example.com', { role: 'superuser' }),
			'Role: must be one of admin, auditor, billing_admin, network_admin, user',
		],
		[
			'an empty group ID among the auto groups',
			invite('ada@example.com', { autoGroups: ['ch8i4ug6lnn4g9hqv7m0', ' '] }),
			'Auto Group Names or IDs → #2: must not be empty',
		],
		['a Service User value that is not a boolean', invite('ada@example.com', { isServiceUser: 'yes' }), 'Service User: must be true or false'],
		['an email that is a number', invite('ada@example.com', { email: 42 }), 'Email: must be a string, not a number'],
	])('rejects %s before sending anything', async (_case, item, expected) => {
		const { error } = await createUsers([item]);

		expect(error?.message).toContain('Item 0 is invalid');
		expect(error?.message).toContain(expected);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an invalid item stops the run before any item is sent', async () => {
		const { error } = await createUsers([invite('ok@example.com'), invite('broken')]);

		expect(error?.message).toContain('Item 1 is invalid');
		expect(sandbox.requests).toHaveLength(0);
	});

	test.each([
		['personal access token', { accessToken: 'nbp_wrongTokenWrongTokenWrongToken1234' }],
		['bearer token', { ...bearer, bearerToken: 'eyJ.wrong-jwt-wrong-jwt.signature' }],
	])('reports a rejected %s without repeating it', async (_case, overrides) => {
		const result = await createUsers([invite('ada@example.com')], fromItem, { credentialOverrides: overrides });

		expect(result.error?.message).toBe('NetBird did not accept the credential (401): token invalid');
		expect(sandbox.received('POST /api/users')).toHaveLength(1);
		expect(sandbox.users).toHaveLength(0);
		expect(leakedSecrets(result)).toEqual([]);
	});

	test('surfaces an existing account (409) with NetBird’s message', async () => {
		await createUsers([invite('ada@example.com')]);
		const { error } = await createUsers([invite('ADA@example.com')]);

		expect(error?.message).toBe("NetBird returned an error (409): can't invite a user with an existing netbird account");
		expect(error?.description).toContain('The user was not created.');
		expect(sandbox.users).toHaveLength(1);
	});

	test('surfaces a 403 from a token without permission to create users', async () => {
		sandbox.inject({ kind: 'respond', response: { status: 403, body: { message: 'permission denied', code: 403 } } });

		const { error } = await createUsers([invite('ada@example.com')]);

		expect(error?.message).toBe('NetBird returned an error (403): permission denied');
		expect(sandbox.users).toHaveLength(0);
	});

	test('retries a 429 after Retry-After and creates the user once', async () => {
		sandbox.inject({
			kind: 'respond',
			response: {
				status: 429,
				headers: { 'Retry-After': '0' },
				body: { message: 'rate limit exceeded, please try again later', code: 429 },
			},
		});

		const { created, error } = await createUsers([invite('ada@example.com')]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(sandbox.received('POST /api/users')).toHaveLength(2);
		expect(sandbox.users).toHaveLength(1);
	});

	test('retries a 429 without Retry-After, as NetBird sends it, after a short wait', async () => {
		sandbox.inject({
			kind: 'respond',
			response: { status: 429, body: { message: 'rate limit exceeded, please try again later', code: 429 } },
		});
		const started = Date.now();

		const { created, error } = await createUsers([invite('ada@example.com')]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(sandbox.users).toHaveLength(1);
		// One refill of NetBird's bucket (120 a minute) or the backoff, not a whole minute.
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	test('does not retry a 500, since NetBird has no idempotency key, and says the outcome is unknown', async () => {
		sandbox.inject({ kind: 'respond', response: { status: 500, body: { message: 'internal server error', code: 500 } } });

		const { error } = await createUsers([invite('ada@example.com')]);

		expect(error?.message).toBe('NetBird returned an error (500): internal server error');
		expect(error?.description).toContain('Outcome unknown');
		expect(sandbox.received('POST /api/users')).toHaveLength(1);
	});

	test('with Continue On Fail, gives one result per item in input order', async () => {
		await createUsers([invite('taken@example.com')]);
		sandbox.forgetTraffic();

		const result = await createUsers(
			[invite('one@example.com'), invite('broken'), serviceUser('ci-bot'), invite('taken@example.com'), { name: 'No Email', role: 'user' }],
			fromItem,
			{ continueOnFail: true },
		);
		const output = result.output('Create User');

		expect(result.error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }]);
		expect(output[0].json).toMatchObject({ email: 'one@example.com', status: 'invited' });
		expect(output[1].json).toMatchObject({ itemIndex: 1, fields: ['email'], outcome: 'not_created' });
		expect(output[2].json).toMatchObject({ name: 'ci-bot', status: 'active' });
		expect(output[3].json).toMatchObject({ itemIndex: 3, outcome: 'not_created', httpCode: 409 });
		expect(output[3].json.error).toContain("can't invite a user with an existing netbird account");
		expect(output[4].json).toMatchObject({ itemIndex: 4, fields: ['email'], outcome: 'not_created' });
		// The invalid items never reached the server.
		expect(sentBodies().map((body) => (body as IDataObject).email ?? 'service user')).toEqual([
			'one@example.com',
			'service user',
			'taken@example.com',
		]);
	});

	test('keeps output order when later items finish first', async () => {
		sandbox.inject({ kind: 'delay', ms: 300 });

		const { created } = await createUsers(
			['a', 'b', 'c', 'd'].map((name) => invite(`${name}@example.com`)),
			{ ...fromItem, options: { concurrency: 4 } },
		);

		expect(created.map((user) => user.email)).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
	});

	test('never puts either token in output, errors or logs', async () => {
		const runs = [
			await createUsers([invite('ada@example.com'), invite('ada@example.com'), serviceUser('bot')], fromItem, {
				continueOnFail: true,
			}),
			await createUsers([invite('x')]),
			await createUsers([invite('grace@example.com')], fromItem, { credentialOverrides: bearer }),
			await createUsers([invite('linus@example.com')], fromItem, { credentialOverrides: { accessToken: 'nbp_wrongTokenWrongTokenWrongToken1234' } }),
		];

		for (const run of runs) expect(leakedSecrets(run, [NETBIRD_ACCESS_TOKEN, NETBIRD_BEARER_TOKEN])).toEqual([]);
	});

	test('marks Name required for an invite, and only there', async () => {
		const { nodeTypes } = await loadPack();
		const description = nodeTypes.getByNameAndVersion(`${PACK}.netBird`, 1).description;
		const issuesFor = (parameters: IDataObject) => {
			const values = NodeHelpers.getNodeParameters(description.properties, { resource: 'user', operation: 'create', role: 'user', ...parameters } as INodeParameters, true, false, null, null)!;
			const node = { id: 'n', name: 'NetBird', type: `${PACK}.netBird`, typeVersion: 1, position: [0, 0] as [number, number], parameters: values };
			return Object.keys(NodeHelpers.getNodeParametersIssues(description.properties, node, description)?.parameters ?? {});
		};

		expect(issuesFor({ isServiceUser: false, email: 'ada@example.com' })).toEqual(['name']);
		expect(issuesFor({ isServiceUser: false, email: 'ada@example.com', name: 'Ada' })).toEqual([]);
		expect(issuesFor({ isServiceUser: true })).toEqual([]);
	});

	test('has no secret in its response, so it offers no option to include one', async () => {
		const { nodeTypes, packageName } = await loadPack();
		const node = nodeTypes.getByNameAndVersion(`${packageName}.netBird`, 1);
		const options = node.description.properties.find((property) => property.name === 'options')!;

		expect((options.options ?? []).map((option) => option.name)).toEqual(['ifUserExists', 'concurrency', 'timeout']);
	});

	test('refuses a plain http management URL on another host before sending the token', async () => {
		const { error } = await createUsers([invite('ada@example.com')], fromItem, {
			credentialOverrides: { baseUrl: 'http://netbird.example.com:33073' },
		});

		expect(error?.message).toBe('The Management URL uses plain http, which would send your token unencrypted. Nothing was sent.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('accepts a management URL written with a trailing /api', async () => {
		const { error } = await createUsers([invite('ada@example.com')], fromItem, {
			credentialOverrides: { baseUrl: `${sandbox.url}/api/` },
		});
		const check = await testCredential('netBirdApi', credentials({ baseUrl: ` ${sandbox.url}/api` }).netBirdApi);

		expect(error).toBeUndefined();
		expect(check).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.received('POST /api/users')).toHaveLength(1);
	});

	test('the credential test request succeeds with either token and fails with a wrong one', async () => {
		const withToken = await testCredential('netBirdApi', credentials().netBirdApi);
		const withBearer = await testCredential('netBirdApi', credentials(bearer).netBirdApi);
		const wrong = await testCredential('netBirdApi', credentials({ accessToken: 'nbp_nope-nope-nope' }).netBirdApi);

		expect(withToken).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(withBearer).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringContaining('token invalid') });
		expect(sandbox.received('GET /api/users/current').map((r) => r.headers.authorization)).toEqual([
			`Token ${NETBIRD_ACCESS_TOKEN}`,
			`Bearer ${NETBIRD_BEARER_TOKEN}`,
			'Token nbp_nope-nope-nope',
		]);
	});

	test('the cloud management URL is the default', async () => {
		const { credentialTypes } = await loadPack();
		const baseUrl = credentialTypes.get('netBirdApi')!.properties.find((p) => p.name === 'baseUrl')!;

		expect(baseUrl.default).toBe('https://api.netbird.io');
	});
});

describe('NetBird → Auto Groups dropdown', () => {
	const loadGroups = (credentialOverrides: IDataObject = {}) =>
		loadOptions({
			nodeType: 'netBird',
			method: 'getGroups',
			parameterPath: 'autoGroups',
			credentials: credentials(credentialOverrides),
			parameters: { resource: 'user', operation: 'create' },
		});

	test('lists the account’s groups by name, with their IDs as values, leaving out All', async () => {
		const groups = await loadGroups();

		expect(groups).toEqual([
			{ name: 'Build Servers', value: 'ch8i4ug6lnn4g9hqv7o0', description: '2 peers' },
			{ name: 'Contractors', value: 'ch8i4ug6lnn4g9hqv7n0', description: '1 peer' },
			{ name: 'Developers', value: 'ch8i4ug6lnn4g9hqv7m0', description: '4 peers' },
		]);
		expect(sandbox.received('GET /api/groups')[0].headers.authorization).toBe(`Token ${NETBIRD_ACCESS_TOKEN}`);
	});

	test('loads with a bearer token too', async () => {
		const groups = await loadGroups(bearer);

		expect(groups).toHaveLength(3);
		expect(sandbox.received('GET /api/groups')[0].headers.authorization).toBe(`Bearer ${NETBIRD_BEARER_TOKEN}`);
	});

	test('reports a rejected token instead of showing an empty list', async () => {
		await expect(loadGroups({ accessToken: 'nbp_wrongTokenWrongTokenWrongToken1234' })).rejects.toThrow(
			'NetBird did not accept the credential (401): token invalid',
		);
	});
});
