import type { IDataObject } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import { duplicatesIn, PROVIDERS, returnedSecrets, runningSandbox, runProvider } from '../harness/providers';
import { record } from './summary';

const ITEMS = 5_000;
const FAULT_RATE = 0.2;

describe.each(PROVIDERS)('$name under load', (provider) => {
	const sandbox = runningSandbox(provider);

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
		// An item fails only as what it is: a 503 the node could not safely retry (outcome
		// unknown), or a call refused on every attempt (not created). With one call in ten
		// answered 429, an item refused five times in a row happens about once in 100,000.
		const accountedFailure = (item: IDataObject) =>
			(item.httpCode === 503 && item.outcome === 'unknown') || (item.httpCode === 429 && item.outcome === 'not_created');
		expect(failed.filter((item) => !accountedFailure(item))).toEqual([]);
		// With an idempotency key a 503 is retried, so it fails only after every attempt did.
		if (provider.idempotent) expect(failed.length).toBeLessThanOrEqual(Math.ceil(itemCount * FAULT_RATE ** 5 * 10));
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
