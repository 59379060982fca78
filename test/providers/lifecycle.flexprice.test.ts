import type { IDataObject } from 'n8n-workflow';

import { listSearchAllPages } from '../harness/loadOptions';
import { FLEXPRICE, providerSuite, userLocator } from '../harness/providers';

const { sandbox, credentials, runOperation: run } = providerSuite(FLEXPRICE);

const userByEmailFromItem = { user: userLocator('email', '={{ $json.email }}') };
const userByIdFromItem = { user: userLocator('id', '={{ $json.id }}') };

const searches = () => sandbox.received('POST /users/search').map((request) => request.body as IDataObject);
const unavailable = { kind: 'respond' as const, response: { status: 503, body: { code: 'internal_error', message: 'unavailable', http_status_code: 503 } } };

describe('Flexprice → User → Find by Email', () => {
	test('pages through the users, since the server ignores filters, and matches the email exactly', async () => {
		for (let index = 0; index < 1200; index++) sandbox.addUser({ email: `person${index}@example.com` });
		const ada = sandbox.addUser({ email: 'ada@example.com', roles: ['all_writer'] });
		// Created first, so the newest-first list puts it on the second page.
		sandbox.users.unshift(sandbox.users.pop()!);
		ada.createdAt = -1;

		const { items, error } = await run('findByEmail', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}' });
		const otherCase = await run('findByEmail', [{ email: 'ADA@example.com' }], { email: '={{ $json.email }}' });

		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ id: ada.id, email: 'ada@example.com', type: 'user', roles: ['all_writer'] })]);
		expect(otherCase.items).toEqual([{ outcome: 'not_found', email: 'ADA@example.com' }]);
		expect(searches().slice(0, 2)).toEqual([
			{ type: 'user', limit: 1000, offset: 0 },
			{ type: 'user', limit: 1000, offset: 1000 },
		]);
	});

	test('two users with one email are an error naming both, and Update changes neither', async () => {
		const first = sandbox.addUser({ email: 'ada@example.com' });
		const second = sandbox.addUser({ email: 'ada@example.com' });

		const { items } = await run('update', [{ email: 'ada@example.com' }], { ...userByEmailFromItem, updateFields: { roles: ['all_reader'] } }, { continueOnFail: true });

		expect(items[0]).toMatchObject({ outcome: 'not_changed' });
		expect(items[0].error).toContain('Flexprice has 2 accounts for the email ada@example.com');
		expect(items[0].error).toContain(first.id);
		expect(items[0].error).toContain(second.id);
		expect(sandbox.received('PUT /users/{id}/roles')).toHaveLength(0);
	});

	test('an archived user is not found: Flexprice lists published accounts only', async () => {
		sandbox.addUser({ email: 'ada@example.com', status: 'archived' });

		const { items } = await run('findByEmail', [{ email: 'ada@example.com' }], { email: '={{ $json.email }}' });

		expect(items).toEqual([{ outcome: 'not_found', email: 'ada@example.com' }]);
	});
});

describe('Flexprice → User → Get', () => {
	test('reads a user or a service account by ID through the search, with its type set', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		const bot = sandbox.addUser({ type: 'service_account', name: 'ingest-bot', roles: ['event_ingestor'] });

		const { items, error } = await run('get', [{ id: ada.id }, { id: bot.id }], userByIdFromItem);

		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ id: ada.id, type: 'user' }),
			expect.objectContaining({ id: bot.id, type: 'service_account', name: 'ingest-bot' }),
		]);
		expect(searches()).toEqual([
			{ type: 'user', limit: 1, offset: 0, user_ids: [ada.id] },
			{ type: 'user', limit: 1, offset: 0, user_ids: [bot.id] },
			{ type: 'service_account', limit: 1, offset: 0, user_ids: [bot.id] },
		]);
	});

	test('an ID Flexprice does not list is an error item naming it', async () => {
		const { items } = await run('get', [{ id: 'user_gone' }], userByIdFromItem, { continueOnFail: true });

		expect(items).toEqual([expect.objectContaining({ error: 'Flexprice has no user ID user_gone', outcome: 'not_changed' })]);
	});

	test('retries a search answered with 503: it changes nothing', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		sandbox.inject(unavailable, '/users/search');

		const { items, error } = await run('get', [{ id: ada.id }], userByIdFromItem);

		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ id: ada.id })]);
	});
});

describe('Flexprice → User → Update', () => {
	test("replaces a user's roles with exactly those given", async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', roles: ['all_writer'] });

		const { items, error } = await run('update', [{ email: 'ada@example.com' }], { ...userByEmailFromItem, updateFields: { roles: ['all_reader'] } });

		expect(error).toBeUndefined();
		expect(sandbox.received('PUT /users/{id}/roles').map((request) => [request.params.id, request.body])).toEqual([[ada.id, { roles: ['all_reader'] }]]);
		expect(items).toEqual([expect.objectContaining({ id: ada.id, roles: ['all_reader'] })]);
	});

	test("refuses roles Flexprice does not give a user, super_admin with another role and Create's default, before anything is sent", async () => {
		sandbox.addUser({ email: 'ada@example.com' });
		const update = (roles: string[]) => run('update', [{ email: 'ada@example.com' }], { ...userByEmailFromItem, updateFields: { roles } });

		const serviceRole = await update(['event_ingestor']);
		const combined = await update(['super_admin', 'all_reader']);
		const flexpriceDefault = await update(['flexprice_default']);

		expect(serviceRole.error?.message).toContain('"event_ingestor" is not a role Flexprice gives a user');
		expect(combined.error?.message).toContain('super_admin cannot be combined with another role');
		expect(flexpriceDefault.error?.message).toContain('"flexprice_default" is only for Create');
		expect(sandbox.requests).toHaveLength(0);
	});

	test("renames a service account, and refuses to rename a user or change a service account's roles", async () => {
		const bot = sandbox.addUser({ type: 'service_account', name: 'ingest-bot', roles: ['event_ingestor'] });
		const ada = sandbox.addUser({ email: 'ada@example.com' });

		const renamed = await run('update', [{ id: bot.id }], { ...userByIdFromItem, updateFields: { name: 'usage-ingest' } });
		const renameUser = await run('update', [{ id: ada.id }], { ...userByIdFromItem, updateFields: { name: 'Ada' } }, { continueOnFail: true });
		const serviceRoles = await run('update', [{ id: bot.id }], { ...userByIdFromItem, updateFields: { roles: ['all_reader'] } }, { continueOnFail: true });
		const wrong = { items: [...renameUser.items, ...serviceRoles.items] };

		expect(renamed.items).toEqual([expect.objectContaining({ id: bot.id, name: 'usage-ingest' })]);
		expect(sandbox.received('PUT /users/{id}').map((request) => request.body)).toEqual([{ name: 'usage-ingest' }]);
		expect(wrong.items[0]).toMatchObject({ outcome: 'not_changed' });
		expect(wrong.items[0].error).toContain("Flexprice's API cannot rename a user");
		expect(wrong.items[1].error).toContain("Flexprice fixes a service account's roles when it is created");
		expect(sandbox.received('PUT /users/{id}/roles')).toHaveLength(0);
	});

	test("Flexprice's refusal while the user holds an active API key is the item's error", async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		sandbox.activeApiKeyHolders.add(ada.id);

		const { items } = await run('update', [{ id: ada.id }], { ...userByIdFromItem, updateFields: { roles: ['all_reader'] } }, { continueOnFail: true });

		expect(items[0]).toMatchObject({ httpCode: 400, outcome: 'not_changed' });
		expect(items[0].error).toContain("Expire this user's existing API keys before changing their role");
	});

	test('sends the roles again after a 503, and the user ends with them', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', roles: ['all_writer'] });
		sandbox.inject(unavailable, `/users/${ada.id}/roles`);

		const { error } = await run('update', [{ id: ada.id }], { ...userByIdFromItem, updateFields: { roles: ['all_reader'] } });

		expect(error).toBeUndefined();
		expect(sandbox.received('PUT /users/{id}/roles')).toHaveLength(2);
		expect(ada.roles).toEqual(['all_reader']);
	});
});

describe('Flexprice → User → Remove Service Account', () => {
	test('archives a service account; archiving it again is alreadyRemoved', async () => {
		const bot = sandbox.addUser({ type: 'service_account', name: 'ingest-bot', roles: ['event_ingestor'] });

		const first = await run('remove', [{ id: bot.id }], userByIdFromItem);
		const second = await run('remove', [{ id: bot.id }], userByIdFromItem);

		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([{ id: bot.id, name: 'ingest-bot', type: 'service_account', removed: true, alreadyRemoved: false }]);
		expect(bot.status).toBe('archived');
		expect(second.items).toEqual([{ id: bot.id, removed: true, alreadyRemoved: true }]);
		expect(sandbox.received('DELETE /users/{id}')).toHaveLength(1);
	});

	test("refuses a user, which Flexprice's API cannot remove, without sending the delete", async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });

		const { items } = await run('remove', [{ id: ada.id }], userByIdFromItem, { continueOnFail: true });

		expect(items[0]).toMatchObject({ outcome: 'not_changed' });
		expect(items[0].error).toContain("is a user: Flexprice's API removes service accounts only");
		expect(sandbox.received('DELETE /users/{id}')).toHaveLength(0);
		expect(ada.status).toBe('published');
	});

	test('a service account with an active API key stays, with Flexprice\'s words as the error', async () => {
		const bot = sandbox.addUser({ type: 'service_account', name: 'ingest-bot', roles: ['event_ingestor'] });
		sandbox.activeApiKeyHolders.add(bot.id);

		const { items } = await run('remove', [{ id: bot.id }], userByIdFromItem, { continueOnFail: true });

		expect(items[0].error).toContain('Revoke all API keys before archiving this service account');
		expect(bot.status).toBe('published');
	});

	test('the User field takes no email: service accounts have none', async () => {
		const { error } = await run('remove', [{ email: 'bot@example.com' }], userByEmailFromItem);

		expect(error?.message).toContain('User: cannot be chosen "email" here');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Flexprice → User field → From List', () => {
	test('lists users and service accounts page by page, and a search keeps the matching entries', async () => {
		for (let index = 0; index < 60; index++) sandbox.addUser({ email: `person${index}@example.com` });
		sandbox.addUser({ type: 'service_account', name: 'ingest-bot', roles: ['event_ingestor'] });

		const users = await listSearchAllPages({ nodeType: 'flexprice', method: 'searchUsers', parameterPath: 'user', credentials: credentials() });
		const found = await listSearchAllPages({ nodeType: 'flexprice', method: 'searchUsers', parameterPath: 'user', credentials: credentials(), filter: 'person42@' });
		const accounts = await listSearchAllPages({ nodeType: 'flexprice', method: 'searchServiceAccounts', parameterPath: 'user', credentials: credentials() });

		// 60 users and the API key's own, over two pages.
		expect(users.pages).toHaveLength(2);
		expect(users.names).toHaveLength(61);
		expect(found.names).toEqual(['person42@example.com']);
		expect(accounts.names).toEqual(['ingest-bot']);
	});
});

describe('Flexprice → User → Create with If User Exists: Return Existing', () => {
	test('the 409 already_exists becomes the existing user, marked exists, without any password', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', roles: ['all_writer'] });

		const result = await run('create', [{ email: 'ada@example.com' }, { email: 'grace@example.com' }], {
			type: 'user',
			email: '={{ $json.email }}',
			roles: ['all_reader'],
			options: { ifUserExists: 'returnExisting', concurrency: 1 },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			expect.objectContaining({ id: ada.id, email: 'ada@example.com', roles: ['all_writer'], outcome: 'exists' }),
			expect.objectContaining({ email: 'grace@example.com', roles: ['all_reader'] }),
		]);
		expect(result.items.every((item) => !('password' in item))).toBe(true);
		expect(sandbox.users).toHaveLength(2);
	});
});
