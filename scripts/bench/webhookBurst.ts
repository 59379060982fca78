/**
 * Scenario 5: 200 simultaneous one-item webhook executions in real n8n (`n8n start`, production
 * webhooks), each creating one Augno user against a local Augno enforcing 20 req/s with 100 ms
 * latency: this pack's node, n8n's HTTP Request node with Retry On Fail (its best setting for
 * a burst: every execution is alone, so batching cannot pace them), and n8n's no-op floor, all
 * in the same n8n and the same run. Timed by the caller: first webhook sent → last answer.
 */
import { describeBurst, measureBurst } from '../../test/e2e/burst';
import {
	noOpNode,
	packNode,
	startN8nServer,
	webhookWorkflow,
	type N8nProcess,
	type WorkflowNode,
} from '../../test/e2e/n8nServer';
import { AUGNO_API_KEY, augnoSandbox, augnoSandboxCredentials } from '../../test/sandbox/augno';
import { augnoHttpRequestParameters, LATENCY_MS } from './realN8n';

export const BURST_SIZE = 200;

export interface BurstVariantResult {
	name: string;
	description: string;
	executions: number;
	wallMs: number;
	failed: number;
	duplicates: number;
	missing: number;
	requests: number;
	rateLimited: number;
	createdPerSecond: number;
}

const httpRequestNode = (url: string, waitBetweenTries: number): WorkflowNode => ({
	name: 'Create User',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.5,
	parameters: augnoHttpRequestParameters(url, '={{ $json.body.email }}'),
	credentials: { httpHeaderAuth: { id: 'benchBurstHeader', name: 'Augno (Authorization header)' } },
	// n8n's node settings: at most 5 tries, at most 5000 ms apart.
	retryOnFail: true,
	maxTries: 5,
	waitBetweenTries,
});

export async function runScenario5(options: { tarball: string }): Promise<BurstVariantResult[]> {
	const augno = augnoSandbox();
	augno.options.latencyMs = LATENCY_MS;
	await augno.start();
	const variants = [
		{ name: 'noop', description: "n8n's floor: Webhook → No Operation", path: 'bench-noop', nodes: [noOpNode], creates: false },
		{
			name: 'pack',
			description: 'this pack: Webhook → Augno node (default options)',
			path: 'bench-pack',
			nodes: [packNode('Augno', 'augno', 'augnoApi', 'benchBurstAugno', { email: '={{ $json.body.email }}', options: {} })],
			creates: true,
		},
		{
			name: 'http-retry-1000',
			description: 'HTTP Request node 4.5, Retry On Fail: 5 tries, 1000 ms apart',
			path: 'bench-http-1000',
			nodes: [httpRequestNode(augno.url, 1000)],
			creates: true,
		},
		{
			name: 'http-retry-5000',
			description: 'HTTP Request node 4.5, Retry On Fail: 5 tries, 5000 ms apart (the most n8n allows)',
			path: 'bench-http-5000',
			nodes: [httpRequestNode(augno.url, 5000)],
			creates: true,
		},
	];
	const results: BurstVariantResult[] = [];
	let n8n: N8nProcess | undefined;
	try {
		const server = await startN8nServer({
			label: 'bench-burst',
			tarball: options.tarball,
			credentials: [
				{ id: 'benchBurstAugno', name: 'augnoApi benchBurstAugno', type: 'augnoApi', data: augnoSandboxCredentials(augno.url) },
				{ id: 'benchBurstHeader', name: 'Augno (Authorization header)', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${AUGNO_API_KEY}` } },
			],
			workflows: variants.map((variant, index) => webhookWorkflow(`benchBurst${String(index).padStart(6, '0')}`, variant.path, variant.nodes)),
			env: { N8N_LOG_LEVEL: 'warn' },
			webhooks: variants.map((variant) => variant.path),
		});
		n8n = server.process;
		const { baseUrl } = server;
		for (const variant of variants) {
			augno.reset();
			process.stdout.write(`  ${variant.name}: ${BURST_SIZE} webhooks at once ... `);
			const result = await measureBurst({
				label: `bench-${variant.name}`,
				url: `${baseUrl}/webhook/${variant.path}`,
				count: BURST_SIZE,
				body: (email) => ({ email }),
				n8nLog: () => server.process.log(),
				...(variant.creates
					? { sandbox: augno, heldEmails: () => augno.accountUsers.map((member) => augno.users.find((user) => user.id === member.userId)?.email ?? '') }
					: {}),
			});
			console.log(describeBurst(result, results[0]?.wallMs));
			results.push({
				name: variant.name,
				description: variant.description,
				executions: result.executions,
				wallMs: result.wallMs,
				failed: result.failed,
				duplicates: result.duplicates,
				missing: result.missingEmails.length,
				requests: result.requests,
				rateLimited: result.rateLimited,
				createdPerSecond: result.createdPerSecond,
			});
		}
	} finally {
		await n8n?.stop();
		await augno.stop();
	}
	return results;
}
