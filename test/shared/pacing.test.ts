import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { createUsersWorkflow } from '../harness/workflow';
import { augnoSandbox, augnoSandboxCredentials } from '../sandbox/augno';
import { flexpriceSandbox, flexpriceSandboxCredentials } from '../sandbox/flexprice';
import { busiestWindow, ProviderSandbox, type ReceivedRequest } from '../sandbox/server';

const arrivals = (requests: ReceivedRequest[]) => requests.map((request) => request.receivedAt);

/**
 * The limiter in a real node run, judged by the provider's own clock: when each create call
 * arrived at the sandbox. Counts per window get one request of tolerance, for a machine busy
 * enough to hold a request up past the limiter's margin; nothing here depends on how fast.
 */
const TOLERANCE = 1;

const emails = (count: number): IDataObject[] => Array.from({ length: count }, (_, n) => ({ email: `user${n}@example.com` }));

describe('pacing a bulk run to the provider limit', () => {
	test('Augno (20 requests per second, sliding window): no second holds more than 20 create calls, and every item comes out once, in order', async () => {
		const sandbox = augnoSandbox();
		sandbox.options.latencyMs = 20;
		await sandbox.start();
		try {
			const items = emails(100);
			const run = await runWorkflow(
				createUsersWorkflow(items, {
					type: 'augno',
					credentialType: 'augnoApi',
					parameters: { email: '={{ $json.email }}', options: { concurrency: 5 } },
				}),
				{ augnoApi: augnoSandboxCredentials(sandbox.url) },
			);

			expect(run.error).toBeUndefined();
			const output = run.output('Create User');
			expect(output.map((item) => (item.json.user as IDataObject).email)).toEqual(items.map((item) => item.email));
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(sandbox.accountUsers).toHaveLength(100);
			expect(busiestWindow(arrivals(sandbox.received('POST /v1/identity/account-users')), 1000)).toBeLessThanOrEqual(20 + TOLERANCE);
		} finally {
			await sandbox.stop();
		}
	});

	test('a provider with no documented limit that names its window (RateLimit-Policy: 10;w=1) is paced by it once it has answered', async () => {
		const base = flexpriceSandbox();
		const createUser = base.options.routes['POST /users'];
		const sandbox = new ProviderSandbox({
			...base.options,
			rateLimit: { limit: 10, windowMs: 1000, headers: true },
			routes: {
				...base.options.routes,
				'POST /users': async (request) => {
					const response = await createUser(request);
					return { ...response, headers: { ...response.headers, 'RateLimit-Policy': '10;w=1' } };
				},
			},
			latencyMs: 20,
		});
		await sandbox.start();
		try {
			const items = emails(40);
			const run = await runWorkflow(
				createUsersWorkflow(items, {
					type: 'flexprice',
					credentialType: 'flexpriceApi',
					parameters: { type: 'user', email: '={{ $json.email }}', roles: ['all_reader'], options: { concurrency: 5 } },
				}),
				{ flexpriceApi: flexpriceSandboxCredentials(sandbox.url) },
			);

			expect(run.error).toBeUndefined();
			const output = run.output('Create User');
			expect(output.map((item) => item.json.email)).toEqual(items.map((item) => item.email));
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(base.users).toHaveLength(40);
			// The first five left before any answer named the window.
			const creates = sandbox.received('POST /users');
			expect(busiestWindow(arrivals(creates.slice(5)), 1000)).toBeLessThanOrEqual(10 + TOLERANCE);
		} finally {
			await sandbox.stop();
		}
	});
});
