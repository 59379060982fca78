import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import { PACKAGE_NAME, ROOT, startN8nServer, waitFor, type N8nServer } from '../e2e/n8nServer';
import { credentialsForN8nImport, startSandboxes, type RunningSandbox } from '../sandbox';

export { PACKAGE_NAME, ROOT, waitFor };

/**
 * A real n8n 2.41.1 with the packed pack installed (test/e2e/n8nServer.ts, as every real-n8n
 * test starts it), the stand-ins running and their credentials imported, an owner set up
 * through n8n's REST API, and Debian's Chromium (playwright-core, never a downloaded browser)
 * logged in as that owner.
 */
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
	const sandboxes = await startSandboxes();
	let server: N8nServer;
	try {
		// /healthz answers before the REST routes exist: wait for the editor's first call.
		server = await startN8nServer({ label: 'ui', credentials: credentialsForN8nImport(sandboxes), readyPath: '/rest/settings' });
	} catch (error) {
		await Promise.all(sandboxes.map(({ sandbox }) => sandbox.stop()));
		throw error;
	}
	const { process: n8n, baseUrl, folder } = server;
	try {
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
			log: () => n8n.log(),
			stop: async () => {
				await context.close().catch(() => undefined);
				await n8n.stop();
				await Promise.all(sandboxes.map(({ sandbox }) => sandbox.stop()));
			},
		};
	} catch (error) {
		await n8n.stop();
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
