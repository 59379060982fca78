import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { leakedSecrets } from '../harness/assertions';
import { runWorkflow, type WorkflowJson } from '../harness/engine';
import { credentialsByType, SANDBOX_PROVIDERS, startSandboxes, type RunningSandbox } from '../sandbox';

const example = JSON.parse(readFileSync(resolve(__dirname, '../../examples/onboarding.json'), 'utf8')) as WorkflowJson;

describe('examples/onboarding.json: one new employee in, one account per provider out', () => {
	let running: RunningSandbox[];
	beforeAll(async () => void (running = await startSandboxes()));
	afterAll(async () => await Promise.all(running.map(({ sandbox }) => sandbox.stop())));

	test('has a node for every provider of the pack, chained after the employee', () => {
		const providerNodes = example.nodes.filter((node) => node.type.startsWith('n8n-nodes-user-provisioning.'));
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
});
