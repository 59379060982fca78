import { PROVIDERS, resetProvider, runningSandbox, runProvider } from '../harness/providers';

describe.each(PROVIDERS)('$name stand-in: reset()', (provider) => {
	const sandbox = runningSandbox(provider);

	test('is a provider as at the start: the person created before can be created again, once', async () => {
		const first = await runProvider(provider, sandbox, [provider.validItem(1)]);
		expect(first.items[0].error).toBeUndefined();

		resetProvider(provider, sandbox);
		const again = await runProvider(provider, sandbox, [provider.validItem(1)]);

		expect(again.items[0].error).toBeUndefined();
		expect(sandbox.users).toHaveLength(1);
		expect(sandbox.createCalls()).toHaveLength(1);
	});

	test('forgetTraffic() forgets the calls but keeps the person they created', async () => {
		await runProvider(provider, sandbox, [provider.validItem(2)]);

		sandbox.forgetTraffic();

		expect(sandbox.requests).toEqual([]);
		expect(sandbox.users).toHaveLength(1);
	});
});
