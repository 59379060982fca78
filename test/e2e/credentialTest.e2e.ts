import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { credentialsForN8nImport, startSandboxes, type RunningSandbox } from '../sandbox';
import { ProviderSandbox } from '../sandbox/server';

/**
 * Each credential's Test through n8n itself: `n8n start` (2.41.1) with the packed pack installed
 * as a self-hoster does, the owner set up through the REST API, then `POST /rest/credentials/test`
 * with the session, as the credential modal calls it. The stand-ins record whether a key arrived.
 */
const ROOT = resolve(__dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Credential-test-1' };
const BROWSER_ID = 'credential-test-browser';

function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
		server.on('error', reject);
	});
}

function run(command: string, args: string[], cwd = ROOT): Promise<string> {
	return new Promise((resolveRun, reject) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('close', (code) => (code === 0 ? resolveRun(output) : reject(new Error(`${command} ${args.join(' ')}: ${output}`))));
	});
}

let n8n: ChildProcess | undefined;
let n8nLog = '';
let baseUrl = '';
let cookie = '';
let running: RunningSandbox[] = [];
const elsewhere = new ProviderSandbox({ name: 'elsewhere', routes: {}, authenticate: () => undefined });

async function rest(path: string, body: unknown): Promise<{ status: number; json: { data?: unknown } }> {
	const response = await fetch(`${baseUrl}/rest${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(body),
	});
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
	return { status: response.status, json: (await response.json()) as { data?: unknown } };
}

/** What the credential modal shows for these values: `POST /rest/credentials/test`, unsaved. */
async function credentialTest(type: string, data: Record<string, unknown>) {
	const { status, json } = await rest('/credentials/test', { credentials: { id: '', name: 'Under test', type, data } });
	expect(status).toBe(200);
	return json.data as { status: 'OK' | 'Error'; message: string };
}

function sandboxOf(credentialType: string): RunningSandbox {
	return running.find(({ provider }) => provider.credentialType === credentialType)!;
}

beforeAll(async () => {
	running = await startSandboxes();
	await elsewhere.start();
	const work = mkdtempSync(join(tmpdir(), 'credential-test-e2e-'));
	const packed = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', work])) as Array<{ filename: string }>;
	const credentialsFile = join(work, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(credentialsForN8nImport(running)));
	const port = await freePort();
	baseUrl = `http://127.0.0.1:${port}`;
	// Jest sets NODE_ENV=test, which puts n8n in its own test mode (it exits after start-up).
	const { NODE_ENV: _jestNodeEnv, ...inherited } = process.env;
	n8n = spawn('bash', [join(ROOT, 'scripts/n8n/dev.sh'), join(work, packed[0].filename), credentialsFile], {
		cwd: ROOT,
		env: { ...inherited, N8N_PORT: String(port), N8N_E2E_DEV_DIR: join(work, 'user-folder'), N8N_LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	n8n.stdout?.on('data', (chunk: Buffer) => (n8nLog += chunk.toString()));
	n8n.stderr?.on('data', (chunk: Buffer) => (n8nLog += chunk.toString()));
	for (let attempt = 0; ; attempt++) {
		const healthy = await fetch(`${baseUrl}/healthz/readiness`).then((response) => response.ok, () => false);
		if (healthy) break;
		if (attempt > 600 || n8n.exitCode !== null) throw new Error(`n8n did not start:\n${n8nLog}`);
		await new Promise((wait) => setTimeout(wait, 500));
	}
	expect((await rest('/owner/setup', OWNER)).status).toBe(200);
	expect((await rest('/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password })).status).toBe(200);
}, 15 * 60_000);

afterAll(async () => {
	if (n8n?.pid && n8n.exitCode === null) process.kill(-n8n.pid, 'SIGTERM');
	await Promise.all([...running.map(({ sandbox }) => sandbox.stop()), elsewhere.stop()]);
});

beforeEach(() => {
	for (const { sandbox } of running) sandbox.reset();
	elsewhere.reset();
});

describe(`${PACKAGE.name} credential Tests in n8n 2.41.1`, () => {
	const TYPES = ['flexpriceApi', 'pulseCrmApi', 'augnoApi', 'netBirdApi', 'fungiesApi'];

	test.each(TYPES)('%s passes against its stand-in', async (type) => {
		const { sandbox, credentials } = sandboxOf(type);

		expect(await credentialTest(type, credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests.length).toBeGreaterThan(0);
	});

	// 0.0.0.0 is not loopback, so it must be refused; Linux would deliver it to the stand-in.
	test.each(TYPES)('%s refuses a plain http URL on another host without sending anything', async (type) => {
		const { sandbox, credentials } = sandboxOf(type);
		const url = sandbox.url.replace('127.0.0.1', '0.0.0.0');

		const result = await credentialTest(type, { ...credentials, baseUrl: url });

		expect(result.status).toBe('Error');
		expect(result.message).toContain('uses plain http');
		expect(sandbox.requests).toEqual([]);
	});

	test('NetBird passes at an IPv4-mapped loopback address and names its own fields when refusing', async () => {
		const { sandbox, credentials } = sandboxOf('netBirdApi');

		const mapped = await credentialTest('netBirdApi', { ...credentials, baseUrl: sandbox.url.replace('127.0.0.1', '[::ffff:127.0.0.1]') });
		const refused = await credentialTest('netBirdApi', { ...credentials, baseUrl: 'http://netbird.example.invalid' });

		expect(mapped.status).toBe('OK');
		expect(refused.message).toContain('The Management URL uses plain http, which would send your token unencrypted');
	});

	test('Flexprice does not follow a redirect to another origin', async () => {
		const { sandbox, credentials } = sandboxOf('flexpriceApi');
		sandbox.inject({ kind: 'respond', response: { status: 302, headers: { Location: `${elsewhere.url}/collect` } } }, '/users/me');

		const result = await credentialTest('flexpriceApi', credentials);

		expect(result.message).toContain('redirect (302)');
		expect(elsewhere.requests).toEqual([]);
	});

	test("a wrong NetBird token shows NetBird's message and the field to check", async () => {
		const { credentials } = sandboxOf('netBirdApi');

		const result = await credentialTest('netBirdApi', { ...credentials, accessToken: 'nbp_wrong0123456789abcdef' });

		expect(result).toEqual({
			status: 'Error',
			message:
				'NetBird did not accept the credential (401): token invalid. Check the "Personal Access Token" (or "Bearer Token (JWT)") field of the NetBird credential.',
		});
	});
});
