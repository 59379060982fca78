import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import { credentialsForN8nImport, startSandboxes, type RunningSandbox } from '../sandbox';

/**
 * A real n8n 2.41.1 with the packed pack installed (scripts/ui/serve.sh), the stand-ins
 * running and their credentials imported, an owner set up through n8n's REST API, and
 * Debian's Chromium (playwright-core, never a downloaded browser) logged in as that owner.
 */
export const ROOT = resolve(__dirname, '../..');
export const PACKAGE_NAME = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
export const SCREENSHOTS = join(ROOT, 'docs');
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Sandbox-Owner-1' };

export interface Editor {
	baseUrl: string;
	sandboxes: RunningSandbox[];
	context: BrowserContext;
	page: Page;
	/** n8n's own log so far (stdout and stderr of `n8n start`). */
	log(): string;
	stop(): Promise<void>;
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
		});
	});
}

/** Waits for a condition, polling; the limit is generous because two cores are shared. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await new Promise((next) => setTimeout(next, 500));
	}
	throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

function pack(folder: string): string {
	const packed = spawnSync('npm', ['pack', '--pack-destination', folder, '--silent'], { cwd: ROOT, encoding: 'utf8' });
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	return join(folder, packed.stdout.trim().split('\n').pop()!);
}

let failuresFolder: string | undefined;

/**
 * What the page showed when a test failed, saved outside the repository (docs/ holds only the
 * README's screenshots); the path is printed so a CI log leads to it.
 */
export async function saveFailureScreenshot(page: Page, testName: string): Promise<void> {
	failuresFolder ??= mkdtempSync(join(tmpdir(), 'n8n-ui-failures-'));
	const file = join(failuresFolder, `${testName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 120)}.png`);
	try {
		await page.screenshot({ path: file, fullPage: true });
		process.stderr.write(`\nScreenshot of the failed UI test "${testName}": ${file}\n`);
	} catch (error) {
		process.stderr.write(`\nNo screenshot of the failed UI test "${testName}": ${String(error)}\n`);
	}
}

export async function startEditor(): Promise<Editor> {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-ui-'));
	const tarball = pack(folder);
	const sandboxes = await startSandboxes();
	const credentialsFile = join(folder, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(credentialsForN8nImport(sandboxes)));

	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const logFile = join(folder, 'n8n.log');
	const logStream = createWriteStream(logFile);
	// Jest sets NODE_ENV=test, which would put n8n in its own test mode.
	const { NODE_ENV: _jestNodeEnv, ...inherited } = process.env;
	const n8n: ChildProcess = spawn('bash', ['scripts/ui/serve.sh', tarball, credentialsFile, join(folder, 'user')], {
		cwd: ROOT,
		env: { ...inherited, N8N_PORT: String(port), N8N_EDITOR_BASE_URL: baseUrl },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	n8n.stdout!.pipe(logStream, { end: false });
	n8n.stderr!.pipe(logStream, { end: false });
	let exited: number | null = null;
	n8n.on('exit', (code) => (exited = code ?? 1));

	const stopN8n = async () => {
		if (exited === null && n8n.pid) {
			process.kill(-n8n.pid, 'SIGTERM');
			await waitFor('n8n to stop', async () => (exited === null ? undefined : true), 30_000).catch(() => process.kill(-n8n.pid!, 'SIGKILL'));
		}
	};
	try {
		// /healthz answers before the REST routes exist: wait for the editor's first call.
		await waitFor('n8n to answer /rest/settings', async () => {
			if (exited !== null) throw new Error(`n8n exited (${exited}): ${readFileSync(logFile, 'utf8').slice(-2000)}`);
			const response = await fetch(`${baseUrl}/rest/settings`).catch(() => undefined);
			return response?.ok ? true : undefined;
		}, 600_000);
		// n8n registers its routes one after another: the owner route may still answer 404.
		await waitFor('the owner set-up', async () => {
			const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
			if (setup.status === 404) return undefined;
			if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
			return true;
		}, 120_000);

		const { context, page } = await openBrowser(baseUrl, join(folder, 'browser'));
		return {
			baseUrl,
			sandboxes,
			context,
			page,
			log: () => readFileSync(logFile, 'utf8'),
			stop: async () => {
				await context.close().catch(() => undefined);
				await stopN8n();
				await Promise.all(sandboxes.map(({ sandbox }) => sandbox.stop()));
			},
		};
	} catch (error) {
		await stopN8n();
		await Promise.all(sandboxes.map(({ sandbox }) => sandbox.stop()));
		throw error;
	}
}

/** Debian's Chromium, logged in as the owner: every request of the page carries the session. */
export async function openBrowser(baseUrl: string, profile: string): Promise<{ context: BrowserContext; page: Page }> {
	const executablePath = spawnSync('bash', [join(ROOT, 'scripts/ui/chromium.sh')], { encoding: 'utf8' }).stdout.trim();
	selectors.setTestIdAttribute('data-test-id');
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		baseURL: baseUrl,
		viewport: { width: 1600, height: 1000 },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync'],
	});
	// Like the owner route, the login route may still answer 404 while n8n registers its routes.
	await waitFor('the login', async () => {
		const login = await context.request.post('/rest/login', {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (login.status() === 404) return undefined;
		if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
		return true;
	}, 120_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return { context, page };
}
