import { leakedSecrets } from '../harness/assertions';
import { duplicatesIn, PROVIDERS, returnedSecrets, runProvider } from './providers';
import { record } from './summary';

const ITEMS = 5_000;
const FAULT_RATE = 0.2;

describe.each(PROVIDERS)('$name under load', (provider) => {
	const sandbox = provider.sandbox();
	beforeAll(async () => void (await sandbox.start()));
	afterAll(async () => await sandbox.stop());

	const itemCount = provider.loadItems ?? ITEMS;

	test(`${itemCount} items with ${FAULT_RATE * 100}% of calls answered 429 or 503: every item accounted for, no duplicates`, async () => {
		sandbox.randomFaultRate = FAULT_RATE;
		const items = Array.from({ length: itemCount }, (_, n) => provider.validItem(n));

		const run = await runProvider(provider, sandbox, items, { options: { concurrency: 20 } });

		const created = run.items.filter((item) => item.error === undefined);
		const failed = run.items.filter((item) => item.error !== undefined);
		expect(run.items).toHaveLength(itemCount);
		expect(duplicatesIn(provider, sandbox.users)).toBe(0);
		// Every reported creation exists at the provider, and nothing exists that was not reported.
		expect(sandbox.users).toHaveLength(created.length);
		// 429s are always retried; only a 503 on a call without an idempotency key is left to the user.
		for (const item of failed) expect(item).toMatchObject({ outcome: 'unknown', httpCode: 503 });
		if (provider.idempotent) expect(failed).toHaveLength(0);
		const leaks = leakedSecrets(run, returnedSecrets(provider, sandbox.users));
		expect(leaks).toEqual([]);

		record(`load: ${provider.name}`, {
			casesTried: 1,
			faultsInjected: sandbox.stats.faultsInjected,
			itemsIn: itemCount,
			itemsOut: run.items.length,
			usersCreated: sandbox.users.length,
			duplicates: duplicatesIn(provider, sandbox.users),
			leaks: leaks.length,
			logLinesScanned: run.logs.split('\n').length,
		});
	}, 600_000);
});
