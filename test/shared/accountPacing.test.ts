import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { createUsersWorkflow } from '../harness/workflow';
import { augnoSandbox, augnoSandboxCredentials } from '../sandbox/augno';
import { flexpriceSandbox, flexpriceSandboxCredentials } from '../sandbox/flexprice';
import { netBirdSandbox, netBirdSandboxCredentials } from '../sandbox/netBird';
import { busiestWindow, type ReceivedRequest } from '../sandbox/server';

/**
 * Pacing per provider account, across executions, judged by the stand-in's own clock: when each
 * create call arrived and what it answered. Nothing here depends on how fast the machine is.
 */
const arrivals = (requests: ReceivedRequest[]) => requests.map((request) => request.receivedAt);
const emails = (count: number, prefix = 'user'): IDataObject[] =>
	Array.from({ length: count }, (_, n) => ({ email: `${prefix}${n}@example.com` }));

describe('one pace per provider account, shared by every execution in the process', () => {
	test('two executions at once on one Augno account (20 per second): no 429, and the combined arrivals keep to 20 in any second', async () => {
		const sandbox = augnoSandbox();
		sandbox.options.latencyMs = 20;
		await sandbox.start();
		try {
			const run = (prefix: string) =>
				runWorkflow(
					createUsersWorkflow(emails(40, prefix), {
						type: 'augno',
						credentialType: 'augnoApi',
						parameters: { email: '={{ $json.email }}', options: { concurrency: 10 } },
					}),
					{ augnoApi: augnoSandboxCredentials(sandbox.url) },
				);
			const [first, second] = await Promise.all([run('first'), run('second')]);

			expect(first.error).toBeUndefined();
			expect(second.error).toBeUndefined();
			expect(sandbox.accountUsers).toHaveLength(80);
			expect(sandbox.stats.rateLimited).toBe(0);
			expect(busiestWindow(arrivals(sandbox.received('POST /v1/identity/account-users')), 1000)).toBeLessThanOrEqual(20);
		} finally {
			await sandbox.stop();
		}
	});

	test('a self-hosted NetBird whose limit is below the cloud one (burst 5, 60 per minute) and that says nothing about it: 20 executions at once, 0 failed', async () => {
		const sandbox = netBirdSandbox();
		// As a self-hosted management server: a token bucket, no rate-limit headers, no Retry-After.
		sandbox.options.rateLimit = { limit: 60, windowMs: 60_000, burst: 5, headers: false, retryAfter: false };
		await sandbox.start();
		try {
			const runs = await Promise.all(
				emails(20, 'hire').map((item) =>
					runWorkflow(
						createUsersWorkflow([item], {
							type: 'netBird',
							credentialType: 'netBirdApi',
							parameters: { isServiceUser: false, email: '={{ $json.email }}', name: 'New Hire', role: 'user' },
							continueOnFail: true,
						}),
						{ netBirdApi: netBirdSandboxCredentials(sandbox.url) },
					),
				),
			);

			const failed = runs.flatMap((run) => run.output('Create User').filter((item) => item.json.error !== undefined));
			expect(failed.map((item) => item.json.error)).toEqual([]);
			expect(sandbox.users.map((user) => user.email).sort()).toEqual(emails(20, 'hire').map((item) => item.email).sort());
			// It was refused at first: the limit was learned, not known.
			expect(sandbox.stats.rateLimited).toBeGreaterThan(0);
		} finally {
			await sandbox.stop();
		}
	}, 120_000);
});

describe('waits that never stall a run', () => {
	const flexpriceRun = (sandboxUrl: string, items: IDataObject[], concurrency: number) =>
		runWorkflow(
			createUsersWorkflow(items, {
				type: 'flexprice',
				credentialType: 'flexpriceApi',
				parameters: { type: 'user', email: '={{ $json.email }}', roles: ['all_reader'], options: { concurrency } },
				continueOnFail: true,
			}),
			{ flexpriceApi: flexpriceSandboxCredentials(sandboxUrl) },
		);

	test('Retry-After: 3600 on one item fails that item at once, naming the wait, and the other items are created', async () => {
		const sandbox = flexpriceSandbox();
		sandbox.inject({ kind: 'respond', response: { status: 429, headers: { 'Retry-After': '3600' }, body: { code: 'rate_limited', message: 'Too many requests' } } });
		await sandbox.start();
		try {
			const items = emails(12);
			const run = await flexpriceRun(sandbox.url, items, 3);

			expect(run.error).toBeUndefined();
			const output = run.output('Create User');
			expect(output).toHaveLength(12);
			expect(output[0].json).toMatchObject({ outcome: 'not_created', httpCode: 429 });
			expect(output[0].json.error).toContain('asks to wait 60 min');
			expect(output.slice(1).map((item) => item.json.email)).toEqual(items.slice(1).map((item) => item.email));
			expect(sandbox.users).toHaveLength(11);
			// Refused once, not retried.
			expect(sandbox.createCalls()).toHaveLength(12);
		} finally {
			await sandbox.stop();
		}
	});

	test('a spent quota that resets in an hour (RateLimit-Remaining: 0, RateLimit-Reset: 3600) does not hold the other items for the hour', async () => {
		const sandbox = flexpriceSandbox();
		const createUser = sandbox.options.routes['POST /users'];
		let answered = 0;
		sandbox.options.routes['POST /users'] = async (request) => {
			const response = await createUser(request);
			if (answered++ > 0) return response;
			return { ...response, headers: { ...response.headers, 'RateLimit-Remaining': '0', 'RateLimit-Reset': '3600' } };
		};
		await sandbox.start();
		try {
			const run = await flexpriceRun(sandbox.url, emails(6), 1);

			expect(run.error).toBeUndefined();
			expect(run.output('Create User').map((item) => item.json.error)).toEqual(Array(6).fill(undefined));
			expect(sandbox.users).toHaveLength(6);
		} finally {
			await sandbox.stop();
		}
	});

	test('items refused together with the same Retry-After come back spread out, not in the same instant', async () => {
		const sandbox = flexpriceSandbox();
		const refusedAtOnce = 10;
		sandbox.inject({ kind: 'respond', response: { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too many requests' } } }, undefined, refusedAtOnce);
		await sandbox.start();
		try {
			const run = await flexpriceRun(sandbox.url, emails(refusedAtOnce), refusedAtOnce);

			expect(run.output('Create User').map((item) => item.json.error)).toEqual(Array(refusedAtOnce).fill(undefined));
			const retries = sandbox.createCalls().slice(refusedAtOnce);
			expect(retries).toHaveLength(refusedAtOnce);
			// Without jitter all ten leave the moment the pause ends, within a few milliseconds.
			expect(busiestWindow(arrivals(retries), 100)).toBeLessThan(refusedAtOnce);
		} finally {
			await sandbox.stop();
		}
	});
});
