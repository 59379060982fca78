import type { IDataObject, IRun } from 'n8n-workflow';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { credentialsForN8nImport, startSandboxes, type RunningSandbox } from '../sandbox';

/**
 * The scheduled roster sync (examples/roster-sync.json) in real n8n 2.41.1, run with its
 * "Run Now" trigger by `n8n execute`, twice against the same stand-ins: the first run creates
 * every employee in every provider, the second finds them all: nodes with Find by Email hand back
 * the existing account (If User Exists: Return Existing), the others skip it. The webhook
 * example runs in the browser test (test/ui), through n8n's test webhook; the offboarding one
 * in test/e2e/lifecycle.e2e.ts.
 */
const ROOT = resolve(__dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/roster-sync.json');
const PROVIDERS = ['Flexprice', 'Pulse CRM', 'Augno', 'NetBird', 'Fungies'];
/** The example's nodes with If User Exists: Return Existing (those that can find a user by email). */
const RETURNING_EXISTING = ['Flexprice', 'Pulse CRM', 'Augno', 'NetBird'];
const EMPLOYEES = ['ada.lovelace@example.com', 'alan.turing@example.com', 'grace.hopper@example.com'];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
	return new Promise((done, fail) => {
		// Jest sets NODE_ENV=test, which would put n8n in its own test mode.
		const { NODE_ENV: _jestNodeEnv, ...inherited } = process.env;
		const child = spawn(command, args, { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.on('error', fail);
		child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), stdout }));
	});
}

interface ProviderSummary {
	created: number;
	existed: number;
	failed: number;
	unknown: number;
	failures: IDataObject[];
	/** Each person's account id at the provider (null where Skip output the person without one). */
	accounts: Record<string, string | number | null>;
}

let running: RunningSandbox[];
let tarball: string;
let credentialsFile: string;

beforeAll(async () => {
	const folder = mkdtempSync(join(tmpdir(), 'examples-'));
	const packed = await run('npm', ['pack', '--pack-destination', folder, '--silent']);
	tarball = join(folder, packed.stdout.trim().split('\n').pop()!);
	running = await startSandboxes();
	credentialsFile = join(folder, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(credentialsForN8nImport(running)));
});
afterAll(async () => await Promise.all((running ?? []).map(({ sandbox }) => sandbox.stop())));

async function runRosterSync(): Promise<{ employees: number; summary: Record<string, ProviderSummary> }> {
	const out = mkdtempSync(join(tmpdir(), 'n8n-roster-'));
	const result = await run('bash', ['scripts/n8n/run.sh', tarball, credentialsFile, EXAMPLE], { N8N_E2E_OUT: out, N8N_LOG_LEVEL: 'info' });
	const execution = JSON.parse(readFileSync(join(out, 'output.json'), 'utf8')) as IRun;
	expect({ code: result.code, error: execution.data.resultData.error?.message }).toEqual({ code: 0, error: undefined });
	const summary = execution.data.resultData.runData.Summary[0].data!.main[0]![0].json;
	return summary as unknown as { employees: number; summary: Record<string, ProviderSummary> };
}

describe('examples/roster-sync.json in real n8n', () => {
	const firstAccounts: Record<string, ProviderSummary['accounts']> = {};

	test('the first run creates the three employees in all five providers', async () => {
		const { employees, summary } = await runRosterSync();

		expect(employees).toBe(3);
		for (const provider of PROVIDERS) {
			const { accounts, ...counts } = summary[provider];
			expect({ provider, ...counts }).toEqual({ provider, created: 3, existed: 0, failed: 0, unknown: 0, failures: [] });
			expect({ provider, emails: Object.keys(accounts).sort(), withoutId: Object.values(accounts).filter((id) => id === null) }).toEqual({ provider, emails: EMPLOYEES, withoutId: [] });
			firstAccounts[provider] = accounts;
		}
		for (const { provider, sandbox } of running) {
			expect({ provider: provider.name, creates: sandbox.createCalls().length }).toEqual({ provider: provider.name, creates: 3 });
		}
	});

	test('the next run finds them all (the existing account returned, skipped on Fungies, or replayed by Augno): nobody is created twice', async () => {
		const { summary } = await runRosterSync();

		const counts = (provider: string) => {
			const { accounts: _accounts, ...rest } = summary[provider];
			return rest;
		};
		for (const provider of PROVIDERS.filter((name) => name !== 'Augno')) {
			expect({ provider, ...counts(provider) }).toEqual({ provider, created: 0, existed: 3, failed: 0, unknown: 0, failures: [] });
		}
		// Augno never sees a second create: the same Idempotency-Key (derived from the workflow,
		// the node and the body) makes it replay its first answer, so the items read as created.
		expect(counts('Augno')).toEqual({ created: 3, existed: 0, failed: 0, unknown: 0, failures: [] });
		// Return Existing hands back the very accounts the first run created: one per person.
		for (const provider of RETURNING_EXISTING) {
			expect({ provider, accounts: summary[provider].accounts }).toEqual({ provider, accounts: firstAccounts[provider] });
		}
		for (const provider of PROVIDERS.filter((name) => !RETURNING_EXISTING.includes(name))) {
			expect({ provider, emails: Object.keys(summary[provider].accounts).sort() }).toEqual({ provider, emails: EMPLOYEES });
		}
		const augno = running.find(({ provider }) => provider.name === 'Augno')!.sandbox;
		const keys = augno.createCalls().map((request) => request.headers['idempotency-key']);
		expect(keys).toHaveLength(6);
		expect(new Set(keys).size).toBe(3);
		for (const { provider, sandbox } of running) {
			const { users } = sandbox as typeof sandbox & { users: unknown[] };
			expect({ provider: provider.name, users: users.length }).toEqual({ provider: provider.name, users: 3 });
		}
	});
});
