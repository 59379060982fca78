import type { IDataObject, IRun } from 'n8n-workflow';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { credentialsForN8nImport, startSandboxes, type RunningSandbox } from '../sandbox';

/**
 * The examples in real n8n 2.41.1, each run with its "Run Now" trigger by `n8n execute`, twice
 * against the same stand-ins:
 * - the scheduled roster sync (examples/roster-sync.json): the first run creates every employee
 *   in every provider, the second finds them all: nodes with Find by Email hand back the existing
 *   account (If User Exists: Return Existing), the others skip it;
 * - the users to check (examples/users-to-check.json): a dropped connection after NetBird
 *   created someone and a refusal by Fungies are sorted into "check first" and "safe to re-run",
 *   and the re-run converges.
 * The webhook example runs in the browser test (test/ui), through n8n's test webhook; the
 * offboarding one in test/e2e/lifecycle.e2e.ts.
 */
const ROOT = resolve(__dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/roster-sync.json');
const USERS_TO_CHECK = join(ROOT, 'examples/users-to-check.json');
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

/** Runs an example by its "Run Now" trigger and returns n8n's record of the execution. */
async function runExample(example: string): Promise<IRun> {
	const out = mkdtempSync(join(tmpdir(), 'n8n-example-'));
	const result = await run('bash', ['scripts/n8n/run.sh', tarball, credentialsFile, example], { N8N_E2E_OUT: out, N8N_LOG_LEVEL: 'info' });
	const execution = JSON.parse(readFileSync(join(out, 'output.json'), 'utf8')) as IRun;
	expect({ code: result.code, error: execution.data.resultData.error?.message }).toEqual({ code: 0, error: undefined });
	return execution;
}

/** What a node passed on (its first output, or `output`), empty when n8n did not run it. */
function itemsOf(execution: IRun, node: string, output = 0): IDataObject[] {
	return (execution.data.resultData.runData[node]?.[0]?.data?.main[output] ?? []).map(({ json }) => json);
}

async function runRosterSync(): Promise<{ employees: number; summary: Record<string, ProviderSummary> }> {
	const [summary] = itemsOf(await runExample(EXAMPLE), 'Summary');
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

describe('examples/users-to-check.json in real n8n', () => {
	const sandboxOf = (name: string) => running.find(({ provider }) => provider.name === name)!.sandbox;
	const ROSTER = ['katherine.johnson@example.com', 'dorothy.vaughan@example.com', 'mary.jackson@example.com'];
	/** The accounts a stand-in holds for this example's roster (the roster sync's people are there too). */
	const emailsIn = (name: string) =>
		(sandboxOf(name) as unknown as { users: Array<{ email: string }> }).users.map(({ email }) => email).filter((email) => ROSTER.includes(email));

	test('a user NetBird created before the connection dropped is to check; one Fungies refused is safe to re-run', async () => {
		// NetBird has no idempotency key: after a dropped connection the pack cannot know, and never re-sends.
		sandboxOf('NetBird').inject({ kind: 'processThenDrop' });
		sandboxOf('Fungies').inject({ kind: 'respond', response: { status: 400, body: { status: 'error', error: { message: 'Billing details rejected' } } } });

		const execution = await runExample(USERS_TO_CHECK);

		const toCheck = itemsOf(execution, 'Check Before Re-running');
		expect(toCheck).toEqual([{ provider: 'NetBird', email: expect.any(String), outcome: 'unknown', error: expect.any(String), execution: expect.any(String) }]);
		// The reason it is to check, not to send again: NetBird did create that person.
		expect(ROSTER).toContain(toCheck[0].email);
		expect(emailsIn('NetBird').sort()).toEqual([...ROSTER].sort());

		const safe = itemsOf(execution, 'Safe to Re-run');
		expect(safe).toEqual([{ provider: 'Fungies', email: expect.any(String), outcome: 'not_created', error: expect.stringContaining('Billing details rejected'), execution: expect.any(String) }]);
		expect(emailsIn('Fungies')).not.toContain(safe[0].email);
		expect(emailsIn('Fungies')).toHaveLength(2);
		// Nobody else is listed: the other providers created all three.
		expect(itemsOf(execution, 'Not Created')).toHaveLength(2);
	});

	test('re-run after the check, it lists nobody: NetBird skips the person it had, Fungies creates the one it refused', async () => {
		const execution = await runExample(USERS_TO_CHECK);

		expect(itemsOf(execution, 'Not Created')).toEqual([]);
		expect(execution.data.resultData.runData['Check Before Re-running']).toBeUndefined();
		expect(itemsOf(execution, 'NetBird').map(({ outcome }) => outcome)).toEqual(['exists', 'exists', 'exists']);
		expect(itemsOf(execution, 'Fungies').map(({ outcome }) => outcome ?? 'created').sort()).toEqual(['created', 'exists', 'exists']);
		for (const provider of ['NetBird', 'Fungies']) {
			expect({ provider, emails: emailsIn(provider).sort() }).toEqual({ provider, emails: [...ROSTER].sort() });
		}
	});
});
