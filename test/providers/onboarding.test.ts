import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { leakedSecrets } from '../harness/assertions';
import { runWorkflow, type WorkflowJson } from '../harness/engine';
import { PACK } from '../harness/workflow';
import { credentialsByType, SANDBOX_PROVIDERS, startSandboxes, type RunningSandbox } from '../sandbox';
import type { ProviderSandbox } from '../sandbox/server';

/** What a stand-in holds: its people. */
const holdings = (sandbox: ProviderSandbox) => sandbox as ProviderSandbox & { users: unknown[] };

const example = JSON.parse(readFileSync(resolve(__dirname, '../../examples/onboarding.json'), 'utf8')) as WorkflowJson;

describe('examples/onboarding.json: one new employee in, one account per provider out', () => {
	let running: RunningSandbox[];
	beforeAll(async () => void (running = await startSandboxes()));
	afterAll(async () => await Promise.all(running.map(({ sandbox }) => sandbox.stop())));

	test('has a node for every provider of the pack, chained after the employee', () => {
		const providerNodes = example.nodes.filter((node) => node.type.startsWith(`${PACK}.`));
		expect(providerNodes.map((node) => Object.keys(node.credentials ?? {})[0]).sort()).toEqual(
			SANDBOX_PROVIDERS.map((provider) => provider.credentialType).sort(),
		);
	});

	test('creates the employee once in every provider and outputs each account paired with the employee', async () => {
		const result = await runWorkflow(example, credentialsByType(running));

		expect(result.error).toBeUndefined();
		for (const { provider, sandbox } of running) {
			const node = example.nodes.find((n) => n.credentials?.[provider.credentialType])!;
			const output = result.output(node.name);
			expect({ provider: provider.name, items: output.length, error: output[0]?.json.error }).toEqual({
				provider: provider.name,
				items: 1,
				error: undefined,
			});
			expect(output[0].pairedItem).toEqual({ item: 0 });
			const creates = sandbox.createCalls();
			expect(creates).toHaveLength(1);
			expect(JSON.stringify(creates[0].body)).toContain('ada.lovelace@example.com');
		}
		expect(leakedSecrets(result)).toEqual([]);
	});

	test('run again for the same employee, it passes: each provider answers that the account exists, and still holds one', async () => {
		for (const { sandbox } of running) {
			sandbox.reset();
		}
		await runWorkflow(example, credentialsByType(running));

		const again = await runWorkflow(example, credentialsByType(running));

		expect(again.error).toBeUndefined();
		const outcomes = Object.fromEntries(
			running.map(({ provider }) => {
				const node = example.nodes.find((n) => n.credentials?.[provider.credentialType])!;
				const output = again.output(node.name);
				return [provider.name, output.map((item) => [item.pairedItem, item.json.outcome ?? 'created', item.json.error])];
			}),
		);
		// Augno's idempotency key replays the first answer; the others answer "already exists".
		expect(outcomes).toEqual({
			Flexprice: [[{ item: 0 }, 'exists', undefined]],
			'Pulse CRM': [[{ item: 0 }, 'exists', undefined]],
			Augno: [[{ item: 0 }, 'created', undefined]],
			NetBird: [[{ item: 0 }, 'exists', undefined]],
			Fungies: [[{ item: 0 }, 'exists', undefined]],
		});
		for (const { provider, sandbox } of running) {
			expect({ provider: provider.name, accounts: holdings(sandbox).users.length }).toEqual({ provider: provider.name, accounts: 1 });
		}
	});
});
