import { leakedSecrets } from '../harness/assertions';
import { listSearchAllPages } from '../harness/loadOptions';
import { PULSE_CRM, providerSuite, toolDescription, userLocator } from '../harness/providers';
import { PULSE_CRM_OTHER_ACCOUNT_ID, PULSE_CRM_PRIMARY_ACCOUNT_ID } from '../sandbox/pulseCrm';

const { sandbox, credentials, runOperation: run } = providerSuite(PULSE_CRM);

const byEmail = (value: string) => userLocator('email', value);
const userFromItem = { user: byEmail('={{ $json.email }}') };

const calls = (route: string) => sandbox.received(route);
const userTokens = () => sandbox.users.map((user) => user.token);

describe('Pulse CRM → User → Find by Email', () => {
	test('outputs the user with that email, whatever its case, without the token Pulse CRM returns', async () => {
		sandbox.addUser({ email: 'ada@example.com', name: 'Ada Lovelace' });

		const result = await run('findByEmail', [{ email: 'Ada@Example.com' }, { email: 'nobody@example.com' }], { email: '={{ $json.email }}' });

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			expect.objectContaining({ email: 'ada@example.com', name: 'Ada Lovelace', active: true }),
			{ outcome: 'not_found', email: 'nobody@example.com' },
		]);
		expect(result.items[0]).not.toHaveProperty('token');
		expect(leakedSecrets(result, userTokens())).toEqual([]);
		expect(calls('GET /users/{email}').map((request) => request.params.email)).toEqual(['Ada@Example.com', 'nobody@example.com']);
	});

	test('retries a lookup answered with 503, since a GET changes nothing', async () => {
		sandbox.addUser({ email: 'ada@example.com' });
		sandbox.inject({ kind: 'respond', response: { status: 503, headers: { 'Retry-After': '0' }, body: { error: 'Service Unavailable', status: 503 } } }, '/users/ada%40example.com');

		const { items, error } = await run('findByEmail', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}' });

		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ email: 'ada@example.com' })]);
		expect(calls('GET /users/{email}')).toHaveLength(2);
	});
});

describe('Pulse CRM → User → Get', () => {
	test('reads the user named by email; an unknown email is an error item naming it, with nothing changed', async () => {
		sandbox.addUser({ email: 'ada@example.com', teamId: 7 });

		const { items } = await run('get', [{ email: 'ada@example.com' }, { email: 'gone@example.com' }], userFromItem, { continueOnFail: true });

		expect(items[0]).toEqual(expect.objectContaining({ email: 'ada@example.com', teamId: 7 }));
		expect(items[1]).toEqual(expect.objectContaining({ error: 'Pulse CRM has no user gone@example.com', outcome: 'not_changed', itemIndex: 1 }));
	});

	test('refuses an item whose User is not an email before anything is sent', async () => {
		const { error } = await run('get', [{ email: 'not-an-email' }], userFromItem);

		expect(error?.message).toBe('Item 0 is invalid: User: must be a valid email address');
		expect(sandbox.requests.filter((request) => request.path !== '/auth/login')).toHaveLength(0);
	});
});

describe('Pulse CRM → User → Update', () => {
	test('sends only the fields given and outputs the updated user', async () => {
		sandbox.addUser({ email: 'ada@example.com', name: 'Ada', phone: '+44 1' });

		const { items, error } = await run('update', [{ email: 'ada@example.com' }], {
			...userFromItem,
			updateFields: { name: 'Ada Lovelace', roles: ['Manager', 'Agent'], teamId: 3 },
		});

		expect(error).toBeUndefined();
		expect(calls('PATCH /users/{email}').map((request) => request.body)).toEqual([{ name: 'Ada Lovelace', roles: ['Manager', 'Agent'], teamId: 3 }]);
		expect(items).toEqual([expect.objectContaining({ name: 'Ada Lovelace', phone: '+44 1', teamId: 3, flatRolesList: ['Manager', 'Agent'] })]);
		expect(items[0]).not.toHaveProperty('token');
	});

	test('refuses an update with no field to change before anything is sent', async () => {
		sandbox.addUser({ email: 'ada@example.com' });

		const { error } = await run('update', [{ email: 'ada@example.com' }], userFromItem);

		expect(error?.message).toBe('Item 0 is invalid: Update Fields: needs at least one field to change');
		expect(calls('PATCH /users/{email}')).toHaveLength(0);
	});

	test('sends a PATCH once when Pulse CRM answers 503: it is not documented as idempotent', async () => {
		sandbox.addUser({ email: 'ada@example.com' });
		sandbox.inject({ kind: 'respond', response: { status: 503, headers: { 'Retry-After': '0' }, body: { error: 'Service Unavailable', status: 503 } } }, '/users/ada%40example.com');

		const { items } = await run('update', [{ email: 'ada@example.com' }], { ...userFromItem, updateFields: { name: 'Ada' } }, { continueOnFail: true });

		expect(calls('PATCH /users/{email}')).toHaveLength(1);
		expect(items).toEqual([expect.objectContaining({ outcome: 'unknown', httpCode: 503 })]);
	});
});

describe('Pulse CRM → User → Deactivate / Reactivate', () => {
	test('deactivates with active: false, converges when run again, and reactivates with active: true', async () => {
		const user = sandbox.addUser({ email: 'ada@example.com' });

		const first = await run('deactivate', [{ email: 'ada@example.com' }], userFromItem);
		const again = await run('deactivate', [{ email: 'ada@example.com' }], userFromItem);
		expect(first.items).toEqual([expect.objectContaining({ email: 'ada@example.com', active: false })]);
		expect(again.items).toEqual([expect.objectContaining({ active: false })]);
		expect(user.active).toBe(false);

		const back = await run('reactivate', [{ email: 'ada@example.com' }], userFromItem);
		expect(back.items).toEqual([expect.objectContaining({ active: true })]);
		expect(calls('PATCH /users/{email}').map((request) => request.body)).toEqual([{ active: false }, { active: false }, { active: true }]);
	});
});

describe('Pulse CRM → User → Remove', () => {
	test('deletes the user; run again, the same item is a success marked alreadyRemoved', async () => {
		sandbox.addUser({ email: 'ada@example.com' });

		const first = await run('remove', [{ email: 'ada@example.com' }], userFromItem);
		const again = await run('remove', [{ email: 'ada@example.com' }], userFromItem);

		expect(first.items).toEqual([{ email: 'ada@example.com', removed: true, alreadyRemoved: false }]);
		expect(again.error).toBeUndefined();
		expect(again.items).toEqual([{ email: 'ada@example.com', removed: true, alreadyRemoved: true }]);
		expect(sandbox.users).toHaveLength(0);
	});

	test('Remove From Account takes the user out of that account only, then converges', async () => {
		const user = sandbox.addUser({
			email: 'ada@example.com',
			accounts: [
				{ accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID, accountName: 'Primary', usersPrimaryAccount: true, accountAdmin: false },
				{ accountId: PULSE_CRM_OTHER_ACCOUNT_ID, accountName: 'Other', usersPrimaryAccount: false, accountAdmin: false },
			],
		});
		const parameters = { ...userFromItem, accountId: PULSE_CRM_OTHER_ACCOUNT_ID };

		const first = await run('removeFromAccount', [{ email: 'ada@example.com' }], parameters);
		const again = await run('removeFromAccount', [{ email: 'ada@example.com' }], parameters);

		expect(first.items).toEqual([
			{ email: 'ada@example.com', id: user.id, accountId: PULSE_CRM_OTHER_ACCOUNT_ID, removed: true, alreadyRemoved: false },
		]);
		expect(calls('DELETE /accounts/{accountId}/users/{userId}').map((request) => request.path)).toEqual([
			`/accounts/${PULSE_CRM_OTHER_ACCOUNT_ID}/users/${user.id}`,
		]);
		expect(again.items).toEqual([{ email: 'ada@example.com', accountId: PULSE_CRM_OTHER_ACCOUNT_ID, removed: true, alreadyRemoved: true }]);
		expect(user.accounts.map((account) => account.accountId)).toEqual([PULSE_CRM_PRIMARY_ACCOUNT_ID]);
		expect(sandbox.users).toHaveLength(1);
	});
});

describe('Pulse CRM → User locator → From List', () => {
	test('lists users by name and email, searching and paging through GET /users, each entry an email', async () => {
		for (let index = 0; index < 60; index++) sandbox.addUser({ email: `hire${index}@example.com`, name: `Hire ${index}` });
		sandbox.addUser({ email: 'ada@example.com', name: 'Ada Lovelace', active: false });

		const all = await listSearchAllPages({
			nodeType: 'pulseCrm',
			method: 'searchUsers',
			parameterPath: 'user',
			credentials: credentials(),
		});
		const searched = await listSearchAllPages({
			nodeType: 'pulseCrm',
			method: 'searchUsers',
			parameterPath: 'user',
			filter: 'ada',
			credentials: credentials(),
		});

		expect(all.pages).toHaveLength(2);
		expect(all.names).toHaveLength(61);
		expect(searched.pages[0].results).toEqual([{ name: 'Ada Lovelace (ada@example.com)', value: 'ada@example.com', description: 'Inactive' }]);
	});
});

describe('Pulse CRM → User → Create with If User Exists: Return Existing', () => {
	test('outputs the existing account, looked up and marked exists, beside the new one, without its token', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', name: 'Ada Lovelace' });

		const result = await run('create', [{ email: 'ada@example.com' }, { email: 'grace@example.com' }], {
			email: '={{ $json.email }}',
			options: { ifUserExists: 'returnExisting', concurrency: 1 },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			expect.objectContaining({ id: ada.id, email: 'ada@example.com', name: 'Ada Lovelace', outcome: 'exists' }),
			expect.objectContaining({ email: 'grace@example.com', active: true }),
		]);
		expect(result.items[1]).not.toHaveProperty('outcome');
		expect(result.items[0]).not.toHaveProperty('token');
		expect(leakedSecrets(result, userTokens())).toEqual([]);
		expect(sandbox.users).toHaveLength(2);
	});
});

describe('Pulse CRM as an agent\'s tool', () => {
	test('the tool description n8n makes for a destructive or rights-granting operation says what it does at the provider', async () => {
		expect(await toolDescription(PULSE_CRM, 'remove')).toBe('Delete a user from every account (no documented restore) in Pulse CRM');
		expect(await toolDescription(PULSE_CRM, 'updateMembership')).toBe(
			"Set a user's primary account, or grant or revoke their admin rights, for one account in Pulse CRM",
		);
	});
});

describe('Pulse CRM → User → Update → Notification Preferences', () => {
	test('sends the preferences as Pulse CRM documents them: event, deliveryPref, and accountId only where one is given', async () => {
		const user = sandbox.addUser({ email: 'ada@example.com' });

		const { items, error } = await run('update', [{ email: 'ada@example.com' }], {
			...userFromItem,
			updateFields: {
				notificationPreferences: {
					preference: [
						{ event: 'user_updated', accountId: PULSE_CRM_OTHER_ACCOUNT_ID, deliveryPref: ['email', 'website'] },
						{ event: 'lead_assigned', accountId: '', deliveryPref: ['sms', 'email'] },
						{ event: 'lead_created', deliveryPref: [] },
					],
				},
			},
		});

		expect(error).toBeUndefined();
		const sent = [
			{ event: 'user_updated', accountId: PULSE_CRM_OTHER_ACCOUNT_ID, deliveryPref: ['email', 'website'] },
			{ event: 'lead_assigned', deliveryPref: ['sms', 'email'] },
			{ event: 'lead_created', deliveryPref: [] },
		];
		expect(calls('PATCH /users/{email}').map((request) => request.body)).toEqual([{ notificationPreferences: sent }]);
		expect(user.notificationPreferences).toEqual(sent);
		expect(items).toEqual([expect.objectContaining({ email: 'ada@example.com', notificationPreferences: sent })]);
	});

	test('refuses a delivery method Pulse CRM does not document, and a preference without an event, before anything is sent', async () => {
		sandbox.addUser({ email: 'ada@example.com' });

		const { error } = await run('update', [{ email: 'ada@example.com' }], {
			...userFromItem,
			updateFields: {
				notificationPreferences: {
					preference: [
						{ event: 'user_updated', deliveryPref: ['email', 'pager'] },
						{ event: ' ', deliveryPref: ['sms'] },
					],
				},
			},
		});

		expect(error?.message).toBe(
			'Item 0 is invalid: Update Fields → Notification Preferences → Preference → #1 → Delivery → #2: must be one of website, weekly_email_digest, monthly_email_digest, email, sms; ' +
				'Update Fields → Notification Preferences → Preference → #2 → Event: is required',
		);
		expect(sandbox.requests.filter((request) => request.path !== '/auth/login')).toHaveLength(0);
	});
});

describe('Pulse CRM → User → Update Account Membership', () => {
	const inBothAccounts = () =>
		sandbox.addUser({
			email: 'ada@example.com',
			accounts: [
				{ accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID, accountName: 'Primary', usersPrimaryAccount: true, accountAdmin: false },
				{ accountId: PULSE_CRM_OTHER_ACCOUNT_ID, accountName: 'Other', usersPrimaryAccount: false, accountAdmin: false },
			],
		});
	const membershipCalls = () => calls('PATCH /accounts/{accountId}/users/{userId}');

	test('sends only the flags set, to the numeric user ID, and outputs the user read back with the membership', async () => {
		const user = inBothAccounts();

		const result = await run('updateMembership', [{ email: 'ada@example.com' }], {
			...userFromItem,
			accountId: PULSE_CRM_OTHER_ACCOUNT_ID,
			updateFields: { accountAdmin: true },
		});
		const { items, error } = result;

		expect(error).toBeUndefined();
		expect(membershipCalls().map((request) => [request.path, request.body])).toEqual([
			[`/accounts/${PULSE_CRM_OTHER_ACCOUNT_ID}/users/${user.id}`, { accountAdmin: true }],
		]);
		expect(items).toEqual([
			expect.objectContaining({
				id: user.id,
				email: 'ada@example.com',
				accounts: [
					expect.objectContaining({ accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID, usersPrimaryAccount: true, accountAdmin: false }),
					expect.objectContaining({ accountId: PULSE_CRM_OTHER_ACCOUNT_ID, usersPrimaryAccount: false, accountAdmin: true }),
				],
			}),
		]);
		expect(items[0]).not.toHaveProperty('token');
		expect(leakedSecrets(result, userTokens())).toEqual([]);
	});

	test('never sends Account Admin when only Primary Account is set', async () => {
		const user = inBothAccounts();

		const { error } = await run('updateMembership', [{ email: 'ada@example.com' }], {
			...userFromItem,
			accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID,
			updateFields: { usersPrimaryAccount: false },
		});

		expect(error).toBeUndefined();
		expect(membershipCalls().map((request) => request.body)).toEqual([{ usersPrimaryAccount: false }]);
		expect(membershipCalls()[0].body).not.toHaveProperty('accountAdmin');
		expect(user.accounts.map((account) => account.accountAdmin)).toEqual([false, false]);
	});

	test('refuses an item that sets neither flag, or names no account, before anything is sent', async () => {
		inBothAccounts();

		const { error } = await run('updateMembership', [{ email: 'ada@example.com' }], { ...userFromItem, accountId: ' ' });

		expect(error?.message).toBe('Item 0 is invalid: Account ID: is required; Update Fields: needs at least one field to change');
		expect(sandbox.requests.filter((request) => request.path !== '/auth/login')).toHaveLength(0);
	});

	test('a user not in the account, or not in Pulse CRM, is an error item naming them, with nothing changed', async () => {
		sandbox.addUser({ email: 'ada@example.com' });

		const { items } = await run(
			'updateMembership',
			[{ email: 'ada@example.com' }, { email: 'gone@example.com' }],
			{ ...userFromItem, accountId: PULSE_CRM_OTHER_ACCOUNT_ID, updateFields: { accountAdmin: true } },
			{ continueOnFail: true },
		);

		expect(items).toEqual([
			expect.objectContaining({ error: `Pulse CRM user ada@example.com is not in account ${PULSE_CRM_OTHER_ACCOUNT_ID}`, outcome: 'not_changed', itemIndex: 0 }),
			expect.objectContaining({ error: 'Pulse CRM has no user gone@example.com', outcome: 'not_changed', itemIndex: 1 }),
		]);
		expect(membershipCalls()).toHaveLength(0);
	});

	test("Pulse CRM's 404 for the user/account combination is the same error item, with nothing changed", async () => {
		const user = inBothAccounts();
		sandbox.inject(
			{ kind: 'respond', response: { status: 404, body: { error: 'Not Found', status: 404, message: 'User/account combination not found' } } },
			`/accounts/${PULSE_CRM_OTHER_ACCOUNT_ID}/users/${user.id}`,
		);

		const { items } = await run(
			'updateMembership',
			[{ email: 'ada@example.com' }],
			{ ...userFromItem, accountId: PULSE_CRM_OTHER_ACCOUNT_ID, updateFields: { accountAdmin: true } },
			{ continueOnFail: true },
		);

		expect(items).toEqual([
			expect.objectContaining({ error: `Pulse CRM user ada@example.com is not in account ${PULSE_CRM_OTHER_ACCOUNT_ID}`, outcome: 'not_changed' }),
		]);
		expect(membershipCalls()).toHaveLength(1);
		expect(user.accounts[1].accountAdmin).toBe(false);
	});

	test("making a second account primary surfaces Pulse CRM's 400: User already has a different primary account", async () => {
		const user = inBothAccounts();

		const { items } = await run(
			'updateMembership',
			[{ email: 'ada@example.com' }],
			{ ...userFromItem, accountId: PULSE_CRM_OTHER_ACCOUNT_ID, updateFields: { usersPrimaryAccount: true } },
			{ continueOnFail: true },
		);

		expect(items).toEqual([
			expect.objectContaining({
				error: 'Pulse CRM returned an error (400 Bad Request): User already has a different primary account',
				outcome: 'not_changed',
				httpCode: 400,
			}),
		]);
		expect(membershipCalls()).toHaveLength(1);
		expect(user.accounts.map((account) => account.usersPrimaryAccount)).toEqual([true, false]);
	});
});
