import type { INodeParameters } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import type { Fault } from '../sandbox/server';
import { duplicatesIn, PROVIDERS, returnedSecrets, runningSandbox, runProvider, type ProviderUnderTest } from '../harness/providers';
import { record } from './summary';

/**
 * Each fault hits the first create request of a one-item run. What must come out:
 * exactly one output item; the user created at most once; and when the call could not be
 * retried safely, an error item that says whether the user may exist.
 */
interface FaultCase {
	name: string;
	faults: Fault[];
	timeoutSeconds?: number;
	/** Whether the first request reached the provider's logic (so the user may exist). */
	processed?: boolean;
	/** Outcome for a provider without idempotency keys; `created` means it recovers by retrying. */
	withoutIdempotency: 'created' | 'not_created' | 'unknown';
}

const respond = (status: number, headers: Record<string, string> = {}): Fault => ({
	kind: 'respond',
	response: { status, headers, body: { message: `injected ${status}` } },
});

const CASES: FaultCase[] = [
	{ name: 'a 429 storm with Retry-After', faults: [respond(429, { 'Retry-After': '0' }), respond(429, { 'Retry-After': '0' }), respond(429, { 'Retry-After': '0' })], withoutIdempotency: 'created' },
	{ name: 'a 429 storm without Retry-After', faults: [respond(429), respond(429)], withoutIdempotency: 'created' },
	// More refusals than the five attempts other failures get: the account is shared and busy.
	{ name: 'eight 429s in a row, each asking for no wait', faults: Array.from({ length: 8 }, () => respond(429, { 'Retry-After': '0' })), withoutIdempotency: 'created' },
	{ name: 'a 500', faults: [respond(500)], withoutIdempotency: 'unknown' },
	{ name: 'a 502', faults: [respond(502)], withoutIdempotency: 'unknown' },
	{ name: 'a 503', faults: [respond(503)], withoutIdempotency: 'unknown' },
	{ name: 'a connection reset before the response', faults: [{ kind: 'reset' }], withoutIdempotency: 'unknown' },
	{ name: 'a response that never comes', faults: [{ kind: 'hang' }], timeoutSeconds: 1, withoutIdempotency: 'unknown' },
	{ name: 'a slow response within the timeout', faults: [{ kind: 'delay', ms: 1500 }], timeoutSeconds: 5, withoutIdempotency: 'created' },
	{
		name: 'the user created, then the connection dropped',
		faults: [{ kind: 'processThenDrop' }],
		processed: true,
		withoutIdempotency: 'unknown',
	},
];

describe.each(PROVIDERS)('$name under faults', (provider: ProviderUnderTest) => {
	const sandbox = runningSandbox(provider);

	test.each(CASES)('$name', async (faultCase) => {
		for (const fault of faultCase.faults) sandbox.inject(fault);
		const options: INodeParameters = faultCase.timeoutSeconds ? { timeout: faultCase.timeoutSeconds } : {};

		const run = await runProvider(provider, sandbox, [provider.validItem(1)], { options });

		const expected = provider.idempotent ? 'created' : faultCase.withoutIdempotency;
		const [item] = run.items;
		expect(run.items).toHaveLength(1);
		expect(duplicatesIn(provider, sandbox.users)).toBe(0);
		if (expected === 'created') {
			expect(item.error).toBeUndefined();
			expect(sandbox.users).toHaveLength(1);
		} else {
			expect(item).toMatchObject({ itemIndex: 0, outcome: expected });
			// No automatic retry of a request the provider may have processed.
			expect(sandbox.createCalls()).toHaveLength(1);
			expect(sandbox.users).toHaveLength(faultCase.processed ? 1 : 0);
			if (expected === 'unknown') expect(item.description).toContain('Check before retrying');
		}
		const leaks = leakedSecrets(run, returnedSecrets(provider, sandbox.users));
		expect(leaks).toEqual([]);

		record(`faults: ${provider.name}`, {
			casesTried: 1,
			faultsInjected: sandbox.stats.faultsInjected,
			itemsIn: 1,
			itemsOut: run.items.length,
			usersCreated: sandbox.users.length,
			duplicates: duplicatesIn(provider, sandbox.users),
			leaks: leaks.length,
			logLinesScanned: run.logs.split('\n').length,
		});
	});

	test('an unreachable provider is retried (the request never left) and reported as not created', async () => {
		const closed = provider.create();
		await closed.start();
		const url = closed.url;
		await closed.stop();

		const run = await runProvider({ ...provider, credentials: () => provider.credentials(url) }, sandbox, [
			provider.validItem(1),
		]);

		expect(run.items).toEqual([expect.objectContaining({ outcome: 'not_created', error: expect.stringContaining('could not be reached') })]);
		record(`faults: ${provider.name}`, { casesTried: 1, faultsInjected: 1, itemsIn: 1, itemsOut: run.items.length });
	});
});
