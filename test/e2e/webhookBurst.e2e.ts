/**
 * Issue 11's proof in real n8n: `n8n start` with the packed pack, published workflows
 * Webhook → node, and one-item webhook executions arriving all at once, as an HR system
 * posts one webhook per hire. Asserts correctness only (0 failed, 0 duplicates); the 429
 * count and the wall time are printed beside n8n's own no-op time of the same run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AUGNO_API_KEY, augnoSandbox, augnoSandboxCredentials } from '../sandbox/augno';
import { netBirdSandbox, netBirdSandboxCredentials } from '../sandbox/netBird';
import { describeBurst, failedSamples, measureBurst, type BurstResult } from './burst';
import {
	freePort,
	noOpNode,
	packNode,
	packThePack,
	startN8nProcess,
	waitForWebhooks,
	waitUntilServing,
	webhookWorkflow,
	type N8nProcess,
} from './n8nServer';

const AUGNO_BURST = 200;
const NETBIRD_BURST = 30;
/** Round trip of the Augno stand-in, as a provider across the internet answers. */
const AUGNO_LATENCY_MS = 100;
/** A self-hosted NetBird allowing less than NetBird Cloud's 120/min with a burst of 1200. */
const SELF_HOSTED_NETBIRD_LIMIT = { limit: 120, windowMs: 60_000, burst: 10, headers: false, retryAfter: false };

const workflows = {
	noOp: webhookWorkflow('burstNoOp0000001', 'burst-noop', [noOpNode]),
	augno: webhookWorkflow('burstAugno000001', 'burst-augno', [
		packNode('Augno', 'augno', 'augnoApi', 'burstAugno', { email: '={{ $json.body.email }}', name: '={{ $json.body.name }}', options: {} }),
	]),
	netBird: webhookWorkflow('burstNetBird0001', 'burst-netbird', [
		packNode('NetBird', 'netBird', 'netBirdApi', 'burstNetBird', { email: '={{ $json.body.email }}', name: '={{ $json.body.name }}', role: 'user', options: {} }),
	]),
};

describe('webhook bursts in real n8n 2.41.1 (n8n start, production webhooks)', () => {
	const augno = augnoSandbox();
	const netBird = netBirdSandbox();
	let n8n: N8nProcess | undefined;
	let baseUrl: string;
	const figures: string[] = [];
	let noOp: BurstResult;

	beforeAll(async () => {
		augno.options.latencyMs = AUGNO_LATENCY_MS;
		netBird.options.rateLimit = SELF_HOSTED_NETBIRD_LIMIT;
		await Promise.all([augno.start(), netBird.start()]);
		const folder = mkdtempSync(join(tmpdir(), 'n8n-burst-'));
		const credentialsFile = join(folder, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{ id: 'burstAugno', name: 'augnoApi burstAugno', type: 'augnoApi', data: augnoSandboxCredentials(augno.url) },
				{ id: 'burstNetBird', name: 'netBirdApi burstNetBird', type: 'netBirdApi', data: netBirdSandboxCredentials(netBird.url) },
			]),
		);
		const port = await freePort();
		baseUrl = `http://127.0.0.1:${port}`;
		n8n = startN8nProcess({
			name: 'n8n start',
			userFolder: join(folder, 'user-folder'),
			tarball: await packThePack(),
			credentialsFile,
			workflows: Object.values(workflows),
			args: ['start'],
			env: { N8N_PORT: String(port) },
		});
		await waitUntilServing(n8n, `${baseUrl}/healthz`);
		await waitForWebhooks(baseUrl, ['burst-noop', 'burst-augno', 'burst-netbird']);
		// n8n's floor: the same number of webhook executions, with a node that does nothing.
		noOp = await measureBurst({ label: 'noop', url: `${baseUrl}/webhook/burst-noop`, count: AUGNO_BURST, body: (email) => ({ email }) });
		figures.push(describeBurst(noOp));
	});

	afterAll(async () => {
		await n8n?.stop();
		await Promise.all([augno.stop(), netBird.stop()]);
		console.log(`Webhook bursts in real n8n (figures of this run, this machine):\n  ${figures.join('\n  ')}`);
	});

	test("n8n's no-op floor: every webhook execution answers", () => {
		expect(failedSamples(noOp)).toEqual([]);
	});

	test(`${AUGNO_BURST} simultaneous one-item executions against Augno at 20 req/s: every user created once, none failed`, async () => {
		const result = await measureBurst({
			label: 'augno',
			url: `${baseUrl}/webhook/burst-augno`,
			count: AUGNO_BURST,
			body: (email, n) => ({ email, name: `Burst Hire ${n}` }),
			sandbox: augno,
			heldEmails: () => augno.accountUsers.map((member) => augno.users.find((user) => user.id === member.userId)?.email ?? ''),
		});
		figures.push(describeBurst(result, noOp.wallMs));
		expect(failedSamples(result)).toEqual([]);
		expect({ failed: result.failed, duplicates: result.duplicates, missing: result.missing }).toEqual({ failed: 0, duplicates: 0, missing: 0 });
		expect(augno.accountUsers).toHaveLength(AUGNO_BURST);
		// Every create went out with the stand-in's key, proving the credential reached each execution.
		expect(result.creates.every((request) => request.headers.authorization === `Bearer ${AUGNO_API_KEY}`)).toBe(true);
	});

	test(`${NETBIRD_BURST} simultaneous executions against a self-hosted NetBird (burst 10, 120/min, no rate-limit headers): none failed`, async () => {
		const result = await measureBurst({
			label: 'netbird',
			url: `${baseUrl}/webhook/burst-netbird`,
			count: NETBIRD_BURST,
			body: (email, n) => ({ email, name: `Burst Hire ${n}` }),
			sandbox: netBird,
			heldEmails: () => netBird.users.map((user) => user.email),
		});
		figures.push(describeBurst(result));
		expect(failedSamples(result)).toEqual([]);
		expect({ failed: result.failed, duplicates: result.duplicates, missing: result.missing }).toEqual({ failed: 0, duplicates: 0, missing: 0 });
		expect(netBird.users).toHaveLength(NETBIRD_BURST);
	});
});
