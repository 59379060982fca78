import { leakedSecrets } from '../harness/assertions';
import { listSearchAllPages } from '../harness/loadOptions';
import { AUGNO, providerSuite, toolDescription, userLocator } from '../harness/providers';
import { AUGNO_ROLES } from '../sandbox/augno';

const { sandbox, credentials, runOperation: run } = providerSuite(AUGNO);

const [ADMIN, VIEWER, WAREHOUSE] = AUGNO_ROLES;
const byEmail = (value: string) => userLocator('email', value);
const byId = (value: string) => userLocator('id', value);
const userByEmail = { user: byEmail('={{ $json.email }}') };

const transient503 = { kind: 'respond' as const, response: { status: 503, headers: { 'Retry-After': '0' }, body: { error: { code: 'service_unavailable', type: 'api_error', message: 'Try again', is_transient: true } } } };
const statusOf = (id: string) => sandbox.accountUsers.find((member) => member.id === id)?.status;

describe('Augno → User → Find by Email', () => {
	test('keeps only the exact email among the free-text matches of q; none is outcome not_found', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com', name: 'Ada' });
		sandbox.addMember({ email: 'ada@example.com.au', name: 'Another Ada' });

		const { items, error } = await run('findByEmail', [{ email: 'ADA@example.com' }, { email: 'grace@example.com' }], { email: '={{ $json.email }}' });

		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ id: ada.id, object: 'account_user', status: 'active', user: expect.objectContaining({ email: 'ada@example.com' }) }),
			{ outcome: 'not_found', email: 'grace@example.com' },
		]);
		expect(sandbox.received('GET /v1/identity/account-users')[0].query.get('q')).toBe('ADA@example.com');
	});

	test('finds a removed user only with Include Removed Users', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com' }, { status: 'removed' });

		const hidden = await run('findByEmail', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}' });
		const shown = await run('findByEmail', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}', includeRemoved: true });

		expect(hidden.items).toEqual([{ outcome: 'not_found', email: 'ada@example.com' }]);
		expect(shown.items).toEqual([expect.objectContaining({ id: ada.id, status: 'removed' })]);
	});

	test('two account users for one email is an error naming both, never a guess', async () => {
		const first = sandbox.addMember({ email: 'ada@example.com' });
		const second = sandbox.addMember({ email: 'Ada@Example.com' }, { status: 'disabled' });

		const { items } = await run('findByEmail', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}' }, { continueOnFail: true });

		expect(items).toEqual([
			expect.objectContaining({
				error: `Augno has 2 accounts for the email ada@example.com: ${first.id} (ada@example.com, active); ${second.id} (Ada@Example.com, disabled)`,
				outcome: 'not_changed',
			}),
		]);
	});
});

describe('Augno → User → Get', () => {
	test('reads by ID, by email and from the list; an unknown ID is an error item', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com', name: 'Ada' }, { roleId: VIEWER.id });

		const { items } = await run(
			'get',
			[{ user: byId(ada.id) }, { user: byEmail('ada@example.com') }, { user: userLocator('list', ada.id) }, { user: byId('au_missing') }],
			{ user: '={{ $json.user }}' },
			{ continueOnFail: true },
		);

		const expected = expect.objectContaining({ id: ada.id, role: expect.objectContaining({ id: VIEWER.id }), user: expect.objectContaining({ name: 'Ada' }) });
		expect(items.slice(0, 3)).toEqual([expected, expected, expected]);
		expect(items[3]).toEqual(expect.objectContaining({ error: 'Augno has no user ID au_missing', outcome: 'not_changed' }));
	});
});

describe('Augno → User → Update', () => {
	test('changes the role and name with an Idempotency-Key, retried after a 503 under the same key', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com', name: 'Ada' }, { roleId: VIEWER.id });
		sandbox.inject(transient503, `/v1/identity/account-users/${ada.id}`);

		const { items, error } = await run('update', [{ email: 'ada@example.com' }], {
			...userByEmail,
			role: { __rl: true, mode: 'id', value: WAREHOUSE.id },
			profile: { name: 'Ada Lovelace' },
		});

		expect(error).toBeUndefined();
		const patches = sandbox.received('PATCH /v1/identity/account-users/{id}');
		expect(patches.map((request) => request.body)).toEqual([
			{ name: 'Ada Lovelace', role_id: WAREHOUSE.id },
			{ name: 'Ada Lovelace', role_id: WAREHOUSE.id },
		]);
		expect(patches[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(patches[1].headers['idempotency-key']).toBe(patches[0].headers['idempotency-key']);
		expect(items).toEqual([expect.objectContaining({ id: ada.id, role: expect.objectContaining({ id: WAREHOUSE.id }), user: expect.objectContaining({ name: 'Ada Lovelace' }) })]);
	});

	test('refuses an update with nothing to change before anything is sent', async () => {
		const { error } = await run('update', [{ email: 'ada@example.com' }], userByEmail);

		expect(error?.message).toBe(
			'Item 0 is invalid: Profile Fields: needs at least one field to change (or a Role, a Department or an Account Field)',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Commission Eligible alone is an update: sent as is_commission_eligible, on or off, and output as Augno has it', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com' }, { roleId: VIEWER.id });

		const on = await run('update', [{ email: 'ada@example.com' }], { ...userByEmail, account: { commissionEligible: true } });
		const off = await run('update', [{ email: 'ada@example.com' }], { ...userByEmail, account: { commissionEligible: false } });

		expect(on.error).toBeUndefined();
		expect(off.error).toBeUndefined();
		expect(sandbox.received('PATCH /v1/identity/account-users/{id}').map((request) => request.body)).toEqual([
			{ is_commission_eligible: true },
			{ is_commission_eligible: false },
		]);
		expect(on.items).toEqual([expect.objectContaining({ id: ada.id, is_commission_eligible: true })]);
		expect(off.items).toEqual([expect.objectContaining({ id: ada.id, is_commission_eligible: false })]);
	});

	test("Commission Eligible for a scanning station user fails with Augno's words", async () => {
		const station = sandbox.addMember({ username: 'station-7' }, { roleId: AUGNO_ROLES[3].id });

		const { items } = await run('update', [{ user: byId(station.id) }], { user: '={{ $json.user }}', account: { commissionEligible: true } }, { continueOnFail: true });

		expect(items).toEqual([
			expect.objectContaining({ error: 'Augno returned an error (400 validation_failed): Scanner and agent users cannot be commission eligible.', outcome: 'not_changed' }),
		]);
		expect(station.isCommissionEligible).toBe(false);
	});

	test('Clear Role and Clear Department send null, which clears them; the Role they hide is not sent', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com' }, { roleId: VIEWER.id });
		ada.departmentId = sandbox.departments[0].id;

		const { items, error } = await run('update', [{ email: 'ada@example.com' }], {
			...userByEmail,
			clearRole: true,
			role: { __rl: true, mode: 'id', value: WAREHOUSE.id },
			clearDepartment: true,
		});

		expect(error).toBeUndefined();
		expect(sandbox.received('PATCH /v1/identity/account-users/{id}').map((request) => request.body)).toEqual([{ role_id: null, department_id: null }]);
		expect(items).toEqual([expect.objectContaining({ id: ada.id, role: null, department: null })]);
		expect(ada).toMatchObject({ roleId: null, departmentId: null });
	});

	test('refuses before any request: Clear Role with a Role, a Commission Eligible that is not a boolean', async () => {
		sandbox.addMember({ email: 'ada@example.com' });

		const clearAndSet = await run('update', [{ email: 'ada@example.com', clear: true }], {
			...userByEmail,
			clearRole: '={{ $json.clear }}',
			role: { __rl: true, mode: 'id', value: WAREHOUSE.id },
		});
		const notBoolean = await run('update', [{ email: 'ada@example.com', eligible: 'yes' }], { ...userByEmail, account: { commissionEligible: '={{ $json.eligible }}' } });

		expect(clearAndSet.error?.message).toBe('Item 0 is invalid: Clear Role: cannot be used with a Role: leave Role empty to clear it');
		expect(notBoolean.error?.message).toBe('Item 0 is invalid: Account Fields → Commission Eligible: must be a boolean, not a string');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Augno → User → Deactivate / Reactivate', () => {
	test('disables, converges when run again, and activates; the action is retried after a 503', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com' }, { roleId: VIEWER.id });
		sandbox.inject(transient503, `/v1/identity/account-users/${ada.id}/actions/disable`);

		const first = await run('deactivate', [{ user: byId(ada.id) }], { user: '={{ $json.user }}' });
		const again = await run('deactivate', [{ email: 'ada@example.com' }], userByEmail);

		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([expect.objectContaining({ id: ada.id, status: 'disabled' })]);
		expect(again.items).toEqual([expect.objectContaining({ id: ada.id, status: 'disabled' })]);
		expect(sandbox.received('PUT /v1/identity/account-users/{id}/actions/disable')).toHaveLength(3);

		const back = await run('reactivate', [{ email: 'ada@example.com' }], userByEmail);
		expect(back.items).toEqual([expect.objectContaining({ id: ada.id, status: 'active' })]);
	});

	test('a removed user is locked out already: output marked alreadyRemoved, never activated or disabled', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com' }, { status: 'removed' });

		const byEmail = await run('deactivate', [{ email: 'ada@example.com' }], userByEmail);
		const byIdentifier = await run('deactivate', [{ user: byId(ada.id) }], { user: '={{ $json.user }}' });

		for (const { error, items } of [byEmail, byIdentifier]) {
			expect(error).toBeUndefined();
			expect(items).toEqual([expect.objectContaining({ id: ada.id, status: 'removed', alreadyRemoved: true })]);
		}
		expect(sandbox.requests.filter((request) => request.method === 'PUT')).toEqual([]);
		expect(statusOf(ada.id)).toBe('removed');
	});

	test("an admin cannot be disabled: the item fails with Augno's words and nothing changed", async () => {
		const boss = sandbox.addMember({ email: 'boss@example.com' }, { roleId: ADMIN.id });

		const { items } = await run('deactivate', [{ email: 'boss@example.com' }], userByEmail, { continueOnFail: true });

		expect(items).toEqual([expect.objectContaining({ error: 'Augno returned an error (400 invalid_state): Admin users cannot be disabled.', outcome: 'not_changed' })]);
		expect(statusOf(boss.id)).toBe('active');
	});
});

describe('Augno → User → Remove', () => {
	test('removes softly; run again it is alreadyRemoved without another action; adding them again restores them', async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com' });

		const first = await run('remove', [{ email: 'ada@example.com' }], userByEmail);
		const again = await run('remove', [{ email: 'ada@example.com' }, { email: 'never@example.com' }], userByEmail);

		expect(first.items).toEqual([{ email: 'ada@example.com', id: ada.id, status: 'removed', removed: true, alreadyRemoved: false }]);
		expect(again.error).toBeUndefined();
		expect(again.items).toEqual([
			{ email: 'ada@example.com', id: ada.id, removed: true, alreadyRemoved: true },
			{ email: 'never@example.com', removed: true, alreadyRemoved: true },
		]);
		expect(sandbox.received('PUT /v1/identity/account-users/{id}/actions/remove')).toHaveLength(1);

		const restored = await run('create', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}' });
		expect(restored.items).toEqual([expect.objectContaining({ id: ada.id, status: 'active' })]);
		expect(sandbox.accountUsers).toHaveLength(1);
	});

	test('an unknown ID is alreadyRemoved too', async () => {
		const { items } = await run('remove', [{ user: byId('au_missing') }], { user: '={{ $json.user }}' });

		expect(items).toEqual([{ id: 'au_missing', removed: true, alreadyRemoved: true }]);
		expect(sandbox.received('PUT /v1/identity/account-users/{id}/actions/remove')).toHaveLength(0);
	});
});

describe('Augno → User locator → From List', () => {
	test("lists the account's users by name and email, removed ones too, valued by account-user ID", async () => {
		const ada = sandbox.addMember({ email: 'ada@example.com', name: 'Ada' }, { status: 'removed' });
		sandbox.addMember({ username: 'station-7' });

		const { names, pages } = await listSearchAllPages({ nodeType: 'augno', method: 'searchAccountUsers', parameterPath: 'user', credentials: credentials() });

		expect(names).toEqual(['Ada (ada@example.com)', 'station-7']);
		expect(pages[0].results[0]).toEqual({ name: 'Ada (ada@example.com)', value: ada.id, description: 'Status: removed' });
	});
});

describe('Augno → User → Create with If User Exists: Return Existing', () => {
	test('an already active member is looked up and output marked exists; a removed one is restored as Augno documents', async () => {
		const active = sandbox.addMember({ email: 'ada@example.com', name: 'Ada' }, { roleId: VIEWER.id });
		const removed = sandbox.addMember({ email: 'grace@example.com' }, { status: 'removed' });

		const { items, error } = await run('create', [{ email: 'ada@example.com' }, { email: 'grace@example.com' }], {
			email: '={{ $json.email }}',
			options: { ifUserExists: 'returnExisting', concurrency: 1 },
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ id: active.id, status: 'active', outcome: 'exists', user: expect.objectContaining({ name: 'Ada' }), role: expect.objectContaining({ id: VIEWER.id }) }),
			expect.objectContaining({ id: removed.id, status: 'active' }),
		]);
		expect(items[1]).not.toHaveProperty('outcome');
		expect(sandbox.accountUsers).toHaveLength(2);
	});
});

describe('Augno as an agent\'s tool', () => {
	test('the tool description n8n makes for a destructive operation says what it does at the provider', async () => {
		expect(await toolDescription(AUGNO, 'remove')).toBe('Remove a user from the account (soft, restorable) in Augno');
	});
});

describe('Augno → lifecycle operations and the account', () => {
	test("30 lookups and removals at once keep to Augno's 20 requests per second: no 429, no key in any output", async () => {
		for (let index = 0; index < 15; index++) sandbox.addMember({ email: `leaver${index}@example.com` });
		const leavers = Array.from({ length: 15 }, (_, index) => ({ email: `leaver${index}@example.com` }));

		const result = await run('remove', leavers, { ...userByEmail, options: { concurrency: 20 } });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.alreadyRemoved)).toEqual(Array(15).fill(false));
		expect(sandbox.requests).toHaveLength(30);
		expect(sandbox.stats.rateLimited).toBe(0);
		expect(leakedSecrets(result)).toEqual([]);
	});

	test('Find by Email counts the people not found in an execution hint', async () => {
		sandbox.addMember({ email: 'ada@example.com' });

		const { hints } = await run('findByEmail', [{ email: 'ada@example.com' }, { email: 'x@example.com' }, { email: 'y@example.com' }], { email: '={{ $json.email }}' });

		expect(hints).toEqual([{ type: 'info', location: 'outputPane', message: 'Not found in Augno (outcome "not_found"): 2 of 3 items.' }]);
	});

	test('Return Existing finds a scanning station user by username when the create call sent no email', async () => {
		const station = sandbox.addMember({ username: 'station-7' }, { roleId: AUGNO_ROLES[3].id });

		const { items, error } = await run('create', [{ username: 'station-7' }], {
			username: '={{ $json.username }}',
			password: 'Scan-Station-7!',
			options: { ifUserExists: 'returnExisting' },
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ id: station.id, outcome: 'exists', user: expect.objectContaining({ username: 'station-7' }) })]);
		expect(sandbox.received('GET /v1/identity/account-users')[0].query.get('q')).toBe('station-7');
	});
});
