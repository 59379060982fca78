/**
 * Scenario 1: 1,000 Augno creates in the real n8n (scripts/n8n/run.sh), against a local Augno
 * that enforces 20 requests per second (sliding window) and answers after 100 ms: this pack's
 * Augno node, and n8n's own HTTP Request node on the same workflow (default settings, and
 * batching tuned to the limit). Timed by the sandbox's own clock, so n8n's boot is left out.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { PACK } from '../../test/harness/workflow';
import { AUGNO_API_KEY, augnoSandbox, augnoSandboxCredentials, type AugnoSandbox } from '../../test/sandbox/augno';
import { busiestWindow, type ReceivedRequest } from '../../test/sandbox/server';

const ROOT = resolve(__dirname, '../..');
const CREATE_PATH = '/v1/identity/account-users';
export const AUGNO_LIMIT = { limit: 20, windowMs: 1000 };
export const LATENCY_MS = 100;

export interface Variant {
	/** Short name, used in tables and the chart. */
	name: string;
	description: string;
	/** The node that creates the users, as it sits in the workflow. */
	node: Record<string, unknown>;
}

export interface VariantResult {
	name: string;
	description: string;
	items: number;
	/** First create request received → last create response sent, by the sandbox's clock (ms). */
	wallMs: number;
	createdPerSecond: number;
	percentOfLimit: number;
	requests: number;
	rateLimited: number;
	failedItems: number;
	duplicates: number;
	/** n8n's own figures from the stored execution. */
	n8n: { status: string; executionMs?: number; nodeExecutionMs?: number; error?: string };
	/** Successful creates per second since the first request, for the chart. */
	perSecond: number[];
	/** The most requests (any status) that arrived within one second. */
	busiestSecond: number;
}

const n8nNode = (name: string, type: string, typeVersion: number, position: number, parameters: object, extra: object = {}) => ({
	id: `bench-${name.toLowerCase().replace(/\W+/g, '-')}`,
	name,
	type,
	typeVersion,
	position: [position * 220, 0],
	parameters,
	...extra,
});

const CREATE_NODE = 'Create User';

/**
 * n8n's HTTP Request node 4.5 set up for Augno's create call as a user would without this pack:
 * the key in an Authorization header credential, the email from `emailExpression`.
 */
export function augnoHttpRequestParameters(sandboxUrl: string, emailExpression: string, options: object = {}) {
	return {
		method: 'POST',
		url: `${sandboxUrl}${CREATE_PATH}`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'include[]', value: 'user' }] },
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: { parameters: [{ name: 'email', value: emailExpression }] },
		options,
	};
}

export function variants(sandboxUrl: string): Variant[] {
	const httpRequest = (options: object) =>
		n8nNode(CREATE_NODE, 'n8n-nodes-base.httpRequest', 4.5, 3, augnoHttpRequestParameters(sandboxUrl, '={{ $json.email }}', options), {
			credentials: { httpHeaderAuth: { id: 'benchAugnoHeader', name: 'Augno (Authorization header)' } },
		});
	return [
		{
			name: 'pack',
			description: 'this pack: Augno node, default options (5 requests at once, paced to 20/s)',
			node: n8nNode(
				CREATE_NODE,
				`${PACK}.augno`,
				1,
				3,
				{ resource: 'user', operation: 'create', email: '={{ $json.email }}', options: {} },
				{ credentials: { augnoApi: { id: 'benchAugno', name: 'Augno (local sandbox)' } } },
			),
		},
		{
			name: 'http-default',
			description: 'HTTP Request node 4.5, default settings (every item at once)',
			node: httpRequest({}),
		},
		{
			name: 'http-batch-20-1000',
			description: 'HTTP Request node 4.5, batching: 20 items per batch, 1000 ms interval (the limit exactly)',
			node: httpRequest({ batching: { batch: { batchSize: 20, batchInterval: 1000 } } }),
		},
		{
			name: 'http-batch-20-1050',
			description: 'HTTP Request node 4.5, batching: 20 items per batch, 1050 ms interval (5% margin)',
			node: httpRequest({ batching: { batch: { batchSize: 20, batchInterval: 1050 } } }),
		},
	];
}

/** Manual Trigger → Edit Fields (a JSON array of users) → Split Out → the create node. */
export function workflow(variant: Variant, items: number) {
	const users = Array.from({ length: items }, (_, n) => ({ email: `bench.user${n}@example.com` }));
	const nodes = [
		n8nNode('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		n8nNode('Users', 'n8n-nodes-base.set', 3.4, 1, { mode: 'raw', jsonOutput: JSON.stringify({ users }), options: {} }),
		n8nNode('Split Out', 'n8n-nodes-base.splitOut', 1, 2, { fieldToSplitOut: 'users', include: 'noOtherFields', options: {} }),
		variant.node,
	];
	const next = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return {
		id: `bench${variant.name.replace(/\W/g, '')}`.slice(0, 16),
		name: `Bench: ${variant.description}`,
		nodes,
		connections: { Start: next('Users'), Users: next('Split Out'), 'Split Out': next(CREATE_NODE) },
		settings: { executionOrder: 'v1' },
	};
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<number> {
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		const log: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => log.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => log.push(chunk));
		child.on('error', fail);
		child.on('close', (code, signal) => {
			writeFileSync(logFile, Buffer.concat(log));
			done(code ?? (signal ? 128 : 1));
		});
	});
}

interface StoredExecution {
	status?: string;
	startedAt?: string;
	stoppedAt?: string;
	data: { resultData: { error?: { message?: string }; runData: Record<string, Array<{ executionTime?: number }>> } };
}

function measure(variant: Variant, items: number, sandbox: AugnoSandbox, execution: StoredExecution | undefined): VariantResult {
	const creates: ReceivedRequest[] = sandbox.received(`POST ${CREATE_PATH}`);
	const accepted = creates.filter((request) => request.status !== undefined && request.status < 300);
	const firstAt = Math.min(...creates.map((request) => request.receivedAt));
	const lastAt = Math.max(...creates.map((request) => request.respondedAt ?? request.receivedAt));
	const wallMs = lastAt - firstAt;
	const distinct = new Set(accepted.map((request) => String((request.body as { email?: unknown } | undefined)?.email ?? '')));
	// A replay of an idempotent request returns the first answer and adds nothing.
	const added = accepted.length - sandbox.stats.replayed;
	const perSecond = Array.from({ length: Math.ceil(wallMs / 1000) }, () => 0);
	for (const request of accepted) perSecond[Math.min(perSecond.length - 1, Math.floor((request.receivedAt - firstAt) / 1000))]++;
	const createdPerSecond = (sandbox.accountUsers.length / wallMs) * 1000;
	const runData = execution?.data.resultData.runData ?? {};
	const startedAt = execution?.startedAt ? Date.parse(execution.startedAt) : undefined;
	const stoppedAt = execution?.stoppedAt ? Date.parse(execution.stoppedAt) : undefined;
	return {
		name: variant.name,
		description: variant.description,
		items,
		wallMs,
		createdPerSecond,
		percentOfLimit: (createdPerSecond / AUGNO_LIMIT.limit) * 100,
		requests: creates.length,
		rateLimited: creates.filter((request) => request.status === 429).length,
		failedItems: items - distinct.size,
		// Users added by more than one successful request.
		duplicates: added - distinct.size,
		n8n: {
			status: execution?.status ?? 'no result',
			executionMs: startedAt !== undefined && stoppedAt !== undefined ? stoppedAt - startedAt : undefined,
			nodeExecutionMs: runData[CREATE_NODE]?.[0]?.executionTime,
			error: execution?.data.resultData.error?.message,
		},
		perSecond,
		busiestSecond: busiestWindow(
			creates.map((request) => request.receivedAt),
			1000,
		),
	};
}

/** Packs the pack, then runs every variant in the real n8n, one after the other, against one sandbox. */
export async function runScenario1(options: { items: number; tarball: string; outDir: string; only?: string[] }): Promise<VariantResult[]> {
	const sandbox = augnoSandbox();
	sandbox.options.latencyMs = LATENCY_MS;
	await sandbox.start();
	const results: VariantResult[] = [];
	try {
		mkdirSync(options.outDir, { recursive: true });
		const credentialsFile = join(options.outDir, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{ id: 'benchAugno', name: 'Augno (local sandbox)', type: 'augnoApi', data: augnoSandboxCredentials(sandbox.url) },
				{
					id: 'benchAugnoHeader',
					name: 'Augno (Authorization header)',
					type: 'httpHeaderAuth',
					data: { name: 'Authorization', value: `Bearer ${AUGNO_API_KEY}` },
				},
			]),
		);
		for (const variant of variants(sandbox.url).filter((v) => !options.only || options.only.includes(v.name))) {
			sandbox.reset();
			const out = join(options.outDir, variant.name);
			mkdirSync(out, { recursive: true });
			const workflowFile = join(out, 'bench-workflow.json');
			writeFileSync(workflowFile, JSON.stringify(workflow(variant, options.items)));
			process.stdout.write(`  ${variant.name}: running in n8n ... `);
			const started = Date.now();
			const code = await run('bash', ['scripts/n8n/run.sh', options.tarball, credentialsFile, workflowFile], {
				N8N_E2E_OUT: out,
				// What a production instance logs; debug would add a log line per node per item.
				N8N_LOG_LEVEL: 'info',
			}, join(out, 'run.log'));
			let execution: StoredExecution | undefined;
			try {
				execution = JSON.parse(readFileSync(join(out, 'output.json'), 'utf8')) as StoredExecution;
			} catch {
				execution = undefined;
			}
			// Requests still on their way when n8n stopped (a failed run) are given a moment to land.
			await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 2));
			const result = measure(variant, options.items, sandbox, execution);
			results.push(result);
			console.log(
				`${(result.wallMs / 1000).toFixed(1)} s at the provider, ${result.createdPerSecond.toFixed(2)} created/s, ` +
					`${result.rateLimited} x 429, ${result.failedItems} failed (run.sh exit ${code}, ${((Date.now() - started) / 1000).toFixed(0)} s with n8n's boot)`,
			);
		}
	} finally {
		await sandbox.stop();
	}
	return results;
}
