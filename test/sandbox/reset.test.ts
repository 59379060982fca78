import { PROVIDERS, runProvider } from '../reliability/providers';

describe.each(PROVIDERS)('$name stand-in: reset()', (provider) => {
	const sandbox = provider.create();
	beforeAll(async () => void (await sandbox.start()));
	afterAll(async () => await sandbox.stop());

	test('is a provider as at the start: the person created before can be created again, once', async () => {
		const first = await runProvider(provider, sandbox, [provider.validItem(1)]);
		expect(first.items[0].error).toBeUndefined();

		sandbox.reset();
		const again = await runProvider(provider, sandbox, [provider.validItem(1)]);

		expect(again.items[0].error).toBeUndefined();
		expect(sandbox.users).toHaveLength(1);
		// Pulse CRM's first call may be refused: the stand-in forgot the session the pack still holds.
		expect(sandbox.createCalls().filter((call) => call.status! < 300)).toHaveLength(1);
	});

	test('forgetTraffic() forgets the calls but keeps the person they created', async () => {
		sandbox.reset();
		await runProvider(provider, sandbox, [provider.validItem(2)]);

		sandbox.forgetTraffic();

		expect(sandbox.requests).toEqual([]);
		expect(sandbox.users).toHaveLength(1);
	});
});
