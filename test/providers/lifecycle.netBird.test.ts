import { listSearch } from '../harness/loadOptions';
import { NETBIRD, providerSuite, toolDescription, userLocator } from '../harness/providers';
import { NETBIRD_GROUPS } from '../sandbox/netBird';

const { sandbox, credentials, runOperation: run } = providerSuite(NETBIRD);

const [, DEVELOPERS, CONTRACTORS] = NETBIRD_GROUPS.map((group) => group.id);

const userByEmailFromItem = { user: userLocator('email', '={{ $json.email }}') };
const userByIdFromItem = { user: userLocator('id', '={{ $json.id }}') };

const calls = (route: string) => sandbox.received(route);
const unavailable = { kind: 'respond' as const, response: { status: 503, body: { message: 'service unavailable', code: 503 } } };

describe('NetBird → User → Find by Email', () => {
	test('finds the regular user with that email whatever its case, and outputs not_found for an email NetBird has not', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', name: 'Ada Lovelace', role: 'admin' });

		const { items, error } = await run('findByEmail', [{ email: 'ADA@example.com' }, { email: 'nobody@example.com' }], {
			email: '={{ $json.email }}',
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ id: ada.id, email: 'ada@example.com', role: 'admin' }),
			{ outcome: 'not_found', email: 'nobody@example.com' },
		]);
		// Only regular users have an email; NetBird's list is asked for them alone.
		expect(calls('GET /api/users').map((request) => request.query.get('service_user'))).toEqual(['false', 'false']);
	});

	test('two accounts for one email are an error naming both, never a guess', async () => {
		const first = sandbox.addUser({ email: 'ada@example.com', name: 'Ada' });
		const second = sandbox.addUser({ email: 'Ada@Example.com', name: 'Ada L.' });

		const { items } = await run('findByEmail', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}' }, { continueOnFail: true });

		expect(items).toEqual([expect.objectContaining({ outcome: 'not_changed', itemIndex: 0 })]);
		expect(items[0].error).toContain('NetBird has 2 accounts for the email ada@example.com');
		expect(items[0].error).toContain(first.id);
		expect(items[0].error).toContain(second.id);
	});
});

describe('NetBird → User → Get', () => {
	test('reads a user by ID from the list, service users included, and by email', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		const bot = sandbox.addUser({ email: '', name: 'ci-bot', is_service_user: true, role: 'admin' });

		const { items, error } = await run('get', [{ id: bot.id }, { id: ada.id }], userByIdFromItem);
		const byMail = await run('get', [{ email: 'ada@example.com' }], userByEmailFromItem);

		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ id: bot.id, name: 'ci-bot' }), expect.objectContaining({ id: ada.id })]);
		expect(byMail.items).toEqual([expect.objectContaining({ id: ada.id })]);
	});

	test('a user NetBird does not have is an error item naming them, and nothing is changed', async () => {
		const { items } = await run('get', [{ id: 'oidc|gone' }], userByIdFromItem, { continueOnFail: true });

		expect(items).toEqual([expect.objectContaining({ error: 'NetBird has no user ID oidc|gone', outcome: 'not_changed', itemIndex: 0 })]);
	});
});

describe('NetBird → User → Update', () => {
	test('changes the role and keeps the groups and the blocked state it read, so a blocked user stays blocked', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', auto_groups: [DEVELOPERS], is_blocked: true });

		const { items, error } = await run('update', [{ email: 'ada@example.com' }], { ...userByEmailFromItem, updateFields: { role: 'auditor' } });

		expect(error).toBeUndefined();
		expect(calls('PUT /api/users/{userId}').map((request) => [request.params.userId, request.body])).toEqual([
			[ada.id, { role: 'auditor', auto_groups: [DEVELOPERS], is_blocked: true }],
		]);
		expect(items).toEqual([expect.objectContaining({ id: ada.id, role: 'auditor', is_blocked: true, status: 'blocked' })]);
	});

	test('replaces the groups and keeps the role', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', role: 'network_admin', auto_groups: [DEVELOPERS] });

		await run('update', [{ id: ada.id }], { ...userByIdFromItem, updateFields: { autoGroups: [CONTRACTORS] } });

		expect(sandbox.users[0]).toMatchObject({ role: 'network_admin', auto_groups: [CONTRACTORS], is_blocked: false });
	});

	test('refuses an update with nothing to change, or the owner role, before anything is sent', async () => {
		sandbox.addUser({ email: 'ada@example.com' });

		const nothing = await run('update', [{ email: 'ada@example.com' }], userByEmailFromItem);
		const owner = await run('update', [{ email: 'ada@example.com' }], { ...userByEmailFromItem, updateFields: { role: 'owner' } });

		expect(nothing.error?.message).toBe('Item 0 is invalid: Update Fields: needs at least one field to change');
		expect(owner.error?.message).toContain('Role: can\'t be owner');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('sends the full replacement again after a 503, and the user is updated once', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		sandbox.inject(unavailable, `/api/users/${encodeURIComponent(ada.id)}`);

		const { items, error } = await run('update', [{ id: ada.id }], { ...userByIdFromItem, updateFields: { role: 'admin' } });

		expect(error).toBeUndefined();
		expect(calls('PUT /api/users/{userId}')).toHaveLength(2);
		expect(items).toEqual([expect.objectContaining({ role: 'admin' })]);
	});
});

describe('NetBird → User → Deactivate and Reactivate', () => {
	test("blocking keeps the user's role and groups and expires their devices' login; unblocking restores access", async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', role: 'admin', auto_groups: [DEVELOPERS] });
		const laptop = sandbox.addPeer(ada.id);

		const blocked = await run('deactivate', [{ email: 'ada@example.com' }], userByEmailFromItem);

		expect(blocked.error).toBeUndefined();
		expect(calls('PUT /api/users/{userId}').map((request) => request.body)).toEqual([
			{ role: 'admin', auto_groups: [DEVELOPERS], is_blocked: true },
		]);
		expect(blocked.items).toEqual([expect.objectContaining({ id: ada.id, is_blocked: true, status: 'blocked' })]);
		expect(laptop.login_expired).toBe(true);

		const unblocked = await run('reactivate', [{ email: 'ada@example.com' }], userByEmailFromItem);

		expect(unblocked.items).toEqual([expect.objectContaining({ id: ada.id, is_blocked: false, status: 'active', role: 'admin' })]);
		expect(sandbox.users[0].auto_groups).toEqual([DEVELOPERS]);
	});

	test('a user already blocked is output as is, with nothing sent: an offboarding run again changes nothing', async () => {
		sandbox.addUser({ email: 'ada@example.com', is_blocked: true });

		const { items, error } = await run('deactivate', [{ email: 'ada@example.com' }], userByEmailFromItem);

		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ is_blocked: true })]);
		expect(calls('PUT /api/users/{userId}')).toHaveLength(0);
	});

	test("NetBird's refusal to block the owner is the item's error", async () => {
		sandbox.addUser({ email: 'owner@example.com', role: 'owner' });

		const { items } = await run('deactivate', [{ email: 'owner@example.com' }], userByEmailFromItem, { continueOnFail: true });

		expect(items[0]).toMatchObject({ httpCode: 403, outcome: 'not_changed' });
		expect(items[0].error).toContain('unable to block owner user');
	});
});

describe('NetBird → User → Remove', () => {
	test('deletes the user and their peers; the same offboarding run again is all alreadyRemoved', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		const grace = sandbox.addUser({ email: 'grace@example.com' });
		sandbox.addPeer(ada.id, 'ada-laptop');
		sandbox.addPeer(ada.id, 'ada-phone');
		const gracesLaptop = sandbox.addPeer(grace.id, 'grace-laptop');
		const leavers = [{ email: 'ada@example.com' }];

		const first = await run('remove', leavers, userByEmailFromItem);
		const second = await run('remove', leavers, userByEmailFromItem);
		const byIdAgain = await run('remove', [{ id: ada.id }], userByIdFromItem);

		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([{ email: 'ada@example.com', id: ada.id, name: ada.name, removed: true, alreadyRemoved: false }]);
		expect(sandbox.users.map((user) => user.email)).toEqual(['grace@example.com']);
		expect(sandbox.peers).toEqual([gracesLaptop]);
		expect(second.items).toEqual([{ email: 'ada@example.com', removed: true, alreadyRemoved: true }]);
		expect(byIdAgain.items).toEqual([{ id: ada.id, removed: true, alreadyRemoved: true }]);
		expect(calls('DELETE /api/users/{userId}')).toHaveLength(2);
	});

	test('two users with the email are an error naming both, and neither is deleted', async () => {
		sandbox.addUser({ email: 'ada@example.com' });
		sandbox.addUser({ email: 'ADA@example.com' });

		const { items } = await run('remove', [{ email: 'ada@example.com' }], userByEmailFromItem, { continueOnFail: true });

		expect(items[0]).toMatchObject({ outcome: 'not_changed' });
		expect(items[0].error).toContain('NetBird has 2 accounts for the email ada@example.com');
		expect(sandbox.users).toHaveLength(2);
		expect(calls('DELETE /api/users/{userId}')).toHaveLength(0);
	});

	test('a DELETE answered with 503 is sent once: NetBird does not document it as idempotent', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		sandbox.inject(unavailable, `/api/users/${encodeURIComponent(ada.id)}`);

		const { items } = await run('remove', [{ id: ada.id }], userByIdFromItem, { continueOnFail: true });

		expect(calls('DELETE /api/users/{userId}')).toHaveLength(1);
		expect(items[0]).toMatchObject({ httpCode: 503, outcome: 'unknown' });
	});
});

describe('NetBird → User field → From List', () => {
	test('lists every user, and a search keeps those whose name or email holds the text', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', name: 'Ada Lovelace' });
		sandbox.addUser({ email: 'grace@example.com', name: 'Grace Hopper', is_blocked: true });

		const all = await listSearch({ nodeType: 'netBird', method: 'searchUsers', parameterPath: 'user', credentials: credentials() });
		const found = await listSearch({ nodeType: 'netBird', method: 'searchUsers', parameterPath: 'user', credentials: credentials(), filter: 'LOVE' });

		expect(all.results.map((entry) => entry.name)).toEqual(['Ada Lovelace (ada@example.com)', 'Grace Hopper (grace@example.com)', 'n8n automation']);
		expect(found.results).toEqual([expect.objectContaining({ name: 'Ada Lovelace (ada@example.com)', value: ada.id })]);
		expect(all.paginationToken).toBeUndefined();
	});
});

describe('NetBird → User → Create with If User Exists: Return Existing', () => {
	test('an invite NetBird refuses as existing outputs the existing user, marked exists, beside the new one', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', name: 'Ada Lovelace', role: 'admin' });

		const { items, error } = await run('create', [{ email: 'ADA@example.com' }, { email: 'grace@example.com' }], {
			email: '={{ $json.email }}',
			name: 'Someone',
			role: 'user',
			options: { ifUserExists: 'returnExisting', concurrency: 1 },
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ id: ada.id, email: 'ada@example.com', role: 'admin', outcome: 'exists' }),
			expect.objectContaining({ email: 'grace@example.com', status: 'invited' }),
		]);
		expect(items[1]).not.toHaveProperty('outcome');
		expect(sandbox.users).toHaveLength(2);
	});
});

describe('NetBird as an agent\'s tool', () => {
	test('the tool descriptions of Deactivate and Remove say what they do at NetBird', async () => {
		expect(await toolDescription(NETBIRD, 'remove')).toBe('Delete a user and all their peers (devices), permanently in NetBird');
		expect(await toolDescription(NETBIRD, 'deactivate')).toBe('Block a user: no dashboard access, all their devices disconnected (reversible) in NetBird');
	});
});
