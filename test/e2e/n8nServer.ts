/**
 * Long-lived real n8n processes for tests and benchmarks: `n8n start` (regular or queue-mode main)
 * and `n8n worker`, each started by scripts/n8n/serve.sh with the packed pack installed in its own
 * user folder, and the helpers to drive them: published webhook workflows and simultaneous calls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const PACKAGE_NAME = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;

/** The environment of a child n8n: this process's, without jest's NODE_ENV=test (n8n's own test mode). */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const { NODE_ENV: _jestNodeEnv, ...inherited } = process.env;
	return { ...inherited, ...extra };
}

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Polls `check` until it returns a value (not undefined), or fails after `timeoutMs` naming `what`;
 * the default limit is generous because two cores are shared.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 180_000, everyMs = 500): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(everyMs);
	}
	throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`);
}

/** Runs a command to its end; fails with its output when it exits non-zero. */
export function runCommand(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<string> {
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', fail);
		child.on('close', (code) => (code === 0 ? done(output) : fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`))));
	});
}

/** `npm pack` of this repository (dist/ must be built): the tarball a self-hoster installs. */
export async function packThePack(): Promise<string> {
	const folder = mkdtempSync(join(tmpdir(), 'pack-'));
	const output = await runCommand('npm', ['pack', '--pack-destination', folder, '--silent']);
	return join(folder, output.trim().split('\n').pop()!);
}

export interface N8nProcess {
	name: string;
	child: ChildProcess;
	logFile: string;
	/** Everything the process printed so far. */
	log(): string;
	/** Sends a signal and waits for the process to end (SIGKILL after `graceMs`). */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
	exited: Promise<number | null>;
}

export interface N8nProcessOptions {
	name: string;
	userFolder: string;
	tarball: string;
	/** Credentials file for `n8n import:credentials`, or none (a worker that shares the main's database). */
	credentialsFile?: string;
	/** Workflows to import and publish before start. */
	workflows?: Array<{ id: string }>;
	/** `['start']` or `['worker', '--concurrency=10']`. */
	args: string[];
	env: NodeJS.ProcessEnv;
}

const liveGroups = new Set<number>();
// Interrupted, the run still ends through 'exit', where every module stops what it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
// A run that ends early (a failed hook, a timeout) takes its n8n processes with it.
process.once('exit', () => {
	for (const group of liveGroups) {
		try {
			process.kill(-group, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
});

/** Starts one n8n process through scripts/n8n/serve.sh; its output goes to `<userFolder>.log`. */
export function startN8nProcess(options: N8nProcessOptions): N8nProcess {
	mkdirSync(options.userFolder, { recursive: true });
	let workflowsDir = '-';
	if (options.workflows?.length) {
		workflowsDir = `${options.userFolder}-workflows`;
		mkdirSync(workflowsDir, { recursive: true });
		for (const workflow of options.workflows) writeFileSync(join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow));
	}
	const logFile = `${options.userFolder}.log`;
	const logStream = createWriteStream(logFile);
	const child = spawn(
		'bash',
		['scripts/n8n/serve.sh', options.userFolder, options.tarball, options.credentialsFile ?? '-', workflowsDir, ...options.args],
		// Its own process group: stopping it reaches whatever serve.sh is running (an import, n8n, its task runner).
		{ cwd: ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	const chunks: string[] = [];
	const collect = (chunk: Buffer) => {
		chunks.push(chunk.toString());
		logStream.write(chunk);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	liveGroups.add(child.pid!);
	const exited = new Promise<number | null>((done) => child.on('close', (code) => {
		liveGroups.delete(child.pid!);
		logStream.end();
		done(code);
	}));
	return {
		name: options.name,
		child,
		logFile,
		exited,
		log: () => chunks.join(''),
		async stop(signal = 'SIGTERM', graceMs = 20_000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const signalGroup = (name: NodeJS.Signals) => {
				try {
					process.kill(-child.pid!, name);
				} catch {
					// The group is gone already.
				}
			};
			signalGroup(signal);
			const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Waits until the process answers 200 at `url`, or fails early when it exits. */
export async function waitUntilServing(process: N8nProcess, url: string, timeoutMs = 600_000): Promise<void> {
	let exitCode: number | null | undefined;
	void process.exited.then((code) => (exitCode = code));
	await waitFor(
		`${process.name} to answer ${url}`,
		async () => {
			if (exitCode !== undefined) throw new Error(`${process.name} exited (${exitCode}):\n${process.log().slice(-3000)}`);
			const response = await fetch(url);
			return response.ok ? true : undefined;
		},
		timeoutMs,
	);
}

export interface N8nServer {
	process: N8nProcess;
	baseUrl: string;
	/** The temporary folder of this server: its user folder, log and imported files. */
	folder: string;
}

export interface N8nServerOptions {
	/** Names the temporary folder (`n8n-<label>-…`). */
	label: string;
	/** Default: this repository packed now. */
	tarball?: string;
	/** Imported with `n8n import:credentials` before start. */
	credentials?: object[];
	/** Imported and published before start. */
	workflows?: Array<{ id: string }>;
	env?: NodeJS.ProcessEnv;
	/** What answers 200 once n8n serves what the caller needs (default `/healthz`). */
	readyPath?: string;
	/** Published webhook paths to wait for. */
	webhooks?: string[];
}

/**
 * `n8n start` as every real-n8n test and benchmark runs it: on a free loopback port, the packed
 * pack installed as a self-hoster installs it, credentials and workflows imported, and returned
 * once it serves (and its webhooks are registered). A start that never serves is stopped.
 */
export async function startN8nServer(options: N8nServerOptions): Promise<N8nServer> {
	const folder = mkdtempSync(join(tmpdir(), `n8n-${options.label}-`));
	let credentialsFile: string | undefined;
	if (options.credentials) {
		credentialsFile = join(folder, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(options.credentials));
	}
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const n8n = startN8nProcess({
		name: 'n8n start',
		userFolder: join(folder, 'user-folder'),
		tarball: options.tarball ?? (await packThePack()),
		credentialsFile,
		workflows: options.workflows,
		args: ['start'],
		env: { N8N_PORT: String(port), N8N_EDITOR_BASE_URL: baseUrl, ...options.env },
	});
	try {
		await waitUntilServing(n8n, `${baseUrl}${options.readyPath ?? '/healthz'}`);
		if (options.webhooks?.length) await waitForWebhooks(baseUrl, options.webhooks);
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	return { process: n8n, baseUrl, folder };
}

/**
 * n8n registers the published webhooks some seconds after /healthz answers. A GET to a POST
 * webhook tells both apart without starting an execution: a registered path answers "Did you
 * mean to make a POST request?", an unknown one "is not registered".
 */
export async function waitForWebhooks(baseUrl: string, paths: string[], timeoutMs = 120_000): Promise<void> {
	for (const path of paths) {
		await waitFor(
			`webhook ${path} to be registered`,
			async () => {
				const text = await (await fetch(`${baseUrl}/webhook/${path}`)).text();
				return text.includes('Did you mean') ? true : undefined;
			},
			timeoutMs,
		);
	}
}

const node = (name: string, type: string, typeVersion: number, position: number, parameters: object, extra: object = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [position * 240, 0],
	parameters,
	...extra,
});

export const WEBHOOK_NODE = 'Webhook';

/** A node as a workflow holds it; other keys (credentials, retryOnFail, maxTries...) are node settings. */
export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: object;
	[setting: string]: unknown;
}

/**
 * Webhook (POST /webhook/<path>, answering with every item of the last node) → `nodes` in a row.
 * Each call is its own execution, as an HR system's one webhook per hire.
 */
export function webhookWorkflow(id: string, path: string, nodes: WorkflowNode[]) {
	const all = [
		node(WEBHOOK_NODE, 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, { webhookId: randomUUID() }),
		...nodes.map(({ name, type, typeVersion, parameters, ...settings }, index) => node(name, type, typeVersion, index + 1, parameters, settings)),
	];
	const connections = Object.fromEntries(all.slice(0, -1).map((from, index) => [from.name, { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] }]));
	return { id, name: `Test: ${path}`, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

/** A node that does nothing: n8n's own floor for the same executions. */
export const noOpNode = { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };

/** A node of this pack, creating the user the webhook body describes. */
export function packNode(name: string, nodeType: string, credentialType: string, credentialId: string, parameters: object) {
	return {
		name,
		type: `${PACKAGE_NAME}.${nodeType}`,
		typeVersion: 1,
		parameters: { resource: 'user', operation: 'create', ...parameters },
		credentials: { [credentialType]: { id: credentialId, name: `${credentialType} ${credentialId}` } },
	};
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
	/** The request failed before any answer (connection refused or dropped). */
	transportError?: string;
}

/** Sends every body at once, each its own POST; returns the answers in order and the wall time. */
/** How often a call n8n refused before running anything is sent again, as a webhook sender retries a 503. */
const N8N_REFUSAL_RESENDS = 5;

/** n8n's main answers 503 "Database is not ready!" while its database ping lags: nothing ran. */
function refusedByN8n(answer: WebhookAnswer): boolean {
	const message = (answer.body as { message?: unknown } | undefined)?.message;
	return answer.status === 503 && message === 'Database is not ready!';
}

async function postWebhook(url: string, body: object): Promise<WebhookAnswer> {
	try {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// n8n answered with text (an HTML or plain error page): kept as it is.
		}
		return { status: response.status, body: parsed };
	} catch (error) {
		return { status: 0, body: undefined, transportError: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error) };
	}
}

/**
 * Sends every body at once, each its own POST; returns the answers in order and the wall time.
 * A call n8n refused before running any node (`refusedByN8n`) is sent again after a pause, as
 * an HR system re-sends a webhook answered 503; those refusals are counted, never hidden.
 */
export async function webhookBurst(
	url: string,
	bodies: object[],
): Promise<{ answers: WebhookAnswer[]; wallMs: number; refusedByN8n: number }> {
	const started = Date.now();
	let refusals = 0;
	const answers = await Promise.all(
		bodies.map(async (body): Promise<WebhookAnswer> => {
			let answer = await postWebhook(url, body);
			for (let resend = 1; resend <= N8N_REFUSAL_RESENDS && refusedByN8n(answer); resend++) {
				refusals++;
				await sleep(1000 * resend + Math.random() * 1000);
				answer = await postWebhook(url, body);
			}
			return answer;
		}),
	);
	return { answers, wallMs: Date.now() - started, refusedByN8n: refusals };
}

/** An answer is a success when n8n returned 200 and every item the node put out is free of an error. */
export function isCreated(answer: WebhookAnswer): boolean {
	if (answer.status !== 200) return false;
	const items = Array.isArray(answer.body) ? (answer.body as unknown[]) : [answer.body];
	return items.length > 0 && items.every((item) => typeof item === 'object' && item !== null && !('error' in item));
}
