import { leakedSecrets } from '../harness/assertions';
import { loadPack } from '../harness/engine';
import { FUNGIES, providerSuite, userLocator } from '../harness/providers';
import { FUNGIES_SECRET_KEY } from '../sandbox/fungies';

const { sandbox, runOperation: run } = providerSuite(FUNGIES);

const userFromItem = { user: userLocator('id', '={{ $json.id }}') };

const calls = (route: string) => sandbox.received(route);

describe('Fungies → User → Get', () => {
	test('reads a user by ID, without the password Fungies never returns', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', username: 'ada', password: 'Secret-123!' });

		const { items, error } = await run('get', [{ id: ada.id }], userFromItem);

		expect(error).toBeUndefined();
		expect(items).toEqual([{ object: 'user', id: ada.id, email: 'ada@example.com', username: 'ada', details: null, internalId: null }]);
	});

	test("an ID Fungies does not know is the item's error, in Fungies' words", async () => {
		const { items } = await run('get', [{ id: 'f0000000-0000-4000-8000-000000000000' }], userFromItem, { continueOnFail: true });

		expect(items[0]).toMatchObject({ httpCode: 400, outcome: 'not_changed' });
		expect(items[0].error).toContain('User not found');
	});
});

describe('Fungies → User → Update', () => {
	test('sends only the fields given, billing details included, and outputs the updated user', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com', username: 'ada' });

		const { items, error } = await run('update', [{ id: ada.id }], {
			...userFromItem,
			updateFields: { internalId: 'emp-42' },
			billingDetails: { countryCode: 'gb', city: 'London' },
		});

		expect(error).toBeUndefined();
		expect(calls('PATCH /v0/users/{userId}/update').map((request) => request.body)).toEqual([
			{ internalId: 'emp-42', billingDetails: { countryCode: 'GB', city: 'London' } },
		]);
		expect(items).toEqual([expect.objectContaining({ id: ada.id, username: 'ada', internalId: 'emp-42', details: expect.objectContaining({ countryCode: 'GB', city: 'London' }) })]);
	});

	test('checks a new password and email by the rules of Create before anything is sent', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });

		const weak = await run('update', [{ id: ada.id }], { ...userFromItem, password: 'short' });
		const badEmail = await run('update', [{ id: ada.id }], { ...userFromItem, updateFields: { email: 'not-an-email' } });
		const nothing = await run('update', [{ id: ada.id }], userFromItem);

		expect(weak.error?.message).toContain('Password: must be at least 8 characters long');
		expect(badEmail.error?.message).toContain('Email: must be a valid email address');
		expect(nothing.error?.message).toBe('Item 0 is invalid: Update Fields: needs at least one field to change');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a new password reaches Fungies and appears nowhere in the output or the run', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		const newPassword = 'N3w-Passw0rd!';

		const result = await run('update', [{ id: ada.id, password: newPassword }], { ...userFromItem, password: '={{ $json.password }}' });

		expect(result.error).toBeUndefined();
		expect(ada.password).toBe(newPassword);
		expect(result.items[0]).not.toHaveProperty('password');
		expect(leakedSecrets(result, [FUNGIES_SECRET_KEY])).toEqual([]);
	});

	test('a password typed into the node stays out of the error of a run Fungies stopped', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		sandbox.addUser({ email: 'taken@example.com' });
		const typedPassword = 'Typ3d-Passw0rd!';

		const result = await run('update', [{ id: ada.id }], { ...userFromItem, password: typedPassword, updateFields: { email: 'taken@example.com' } });

		expect(result.error?.message).toContain('already exists');
		expect(leakedSecrets(result, [typedPassword])).toEqual([]);
	});

	test('a PATCH answered with 503 is sent once: Fungies does not document it as idempotent', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });
		sandbox.inject({ kind: 'respond', response: { status: 503, body: { status: 'error', error: { message: 'Service unavailable' } } } }, `/v0/users/${ada.id}/update`);

		const { items } = await run('update', [{ id: ada.id }], { ...userFromItem, updateFields: { username: 'ada' } }, { continueOnFail: true });

		expect(calls('PATCH /v0/users/{userId}/update')).toHaveLength(1);
		expect(items[0]).toMatchObject({ httpCode: 503, outcome: 'unknown' });
	});
});

describe('Fungies → User → Archive and Unarchive', () => {
	test('archives a user and restores them, with the secret key Fungies wants on writes', async () => {
		const ada = sandbox.addUser({ email: 'ada@example.com' });

		const archived = await run('archive', [{ id: ada.id }], userFromItem);

		expect(archived.error).toBeUndefined();
		expect(archived.items).toEqual([{ id: ada.id, success: true, archived: true }]);
		expect(ada.archived).toBe(true);
		expect(calls('PATCH /v0/users/{userId}/archive')[0].headers['x-fngs-secret-key']).toBe(FUNGIES_SECRET_KEY);

		const restored = await run('unarchive', [{ id: ada.id }], userFromItem);

		expect(restored.items).toEqual([{ id: ada.id, success: true, archived: false }]);
		expect(ada.archived).toBe(false);
	});
});

describe('Fungies → operations offered', () => {
	test('offers no Find by Email while the parameters of Fungies\' list are unsettled', async () => {
		const pack = await loadPack();
		const description = pack.nodeTypes.getByNameAndVersion(`${pack.packageName}.fungies`, 1).description;
		const operation = description.properties.find((property) => property.name === 'operation');

		expect(operation?.options?.map((option) => (option as { value: string }).value)).toEqual(['create', 'archive', 'get', 'unarchive', 'update']);
	});
});
