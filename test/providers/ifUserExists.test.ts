import type { IDataObject, INodeExecutionData, INodeParameters, NodeExecutionHint } from 'n8n-workflow';

import { duplicatesIn, PROVIDERS, runningSandbox, runProvider, type ProviderUnderTest } from '../harness/providers';
import type { HoldingSandbox } from '../sandbox';

interface RosterRun {
	error?: Error;
	output: INodeExecutionData[];
	hints: NodeExecutionHint[];
}

/**
 * Runs a roster through the provider's node as a workflow of its own: the id matters, because
 * Augno's derived idempotency key includes it, and a second workflow (or a key that has expired)
 * reaches Augno's "already a member" answer instead of a replay.
 */
async function runRoster(
	provider: ProviderUnderTest,
	sandbox: HoldingSandbox,
	items: IDataObject[],
	{ workflowId, options = {}, continueOnFail = false }: { workflowId: string; options?: INodeParameters; continueOnFail?: boolean },
): Promise<RosterRun> {
	const result = await runProvider(provider, sandbox, items, { workflowId, options, continueOnFail });
	return {
		error: result.error,
		output: result.output('Create User'),
		hints: result.run.data.resultData.runData['Create User']?.[0]?.hints ?? [],
	};
}

const roster = (provider: ProviderUnderTest, numbers: number[]) => numbers.map((n) => provider.validItem(n));

describe.each(PROVIDERS)('$name: Options → If User Exists', (provider: ProviderUnderTest) => {
	const sandbox = runningSandbox(provider);
	const people = () => sandbox.users.map((user) => provider.identityOf(user)).sort();

	test('with Skip, the same roster sent again ends with no error, one account per person, each item marked exists', async () => {
		const first = await runRoster(provider, sandbox, roster(provider, [1, 2, 3]), { workflowId: 'nightly-sync' });
		expect(first.error).toBeUndefined();

		const again = await runRoster(provider, sandbox, roster(provider, [1, 2, 3, 4]), {
			workflowId: 'another-workflow',
			options: { ifUserExists: 'skip' },
		});

		expect(again.error).toBeUndefined();
		expect(again.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(again.output.slice(0, 3).map((item) => item.json)).toEqual(
			[1, 2, 3].map((n) => ({ outcome: 'exists', email: `user${n}@example.com`, message: expect.stringMatching(/\S/) })),
		);
		expect(again.output[3].json.outcome).toBeUndefined();
		expect(people()).toEqual(['user1@example.com', 'user2@example.com', 'user3@example.com', 'user4@example.com']);
		expect(duplicatesIn(provider, sandbox.users)).toBe(0);
		expect(again.hints).toEqual([
			expect.objectContaining({ type: 'info', message: `Skipped, already in ${provider.name} (outcome "exists"): 3 of 4 items.` }),
		]);
	});
});

describe.each(PROVIDERS.filter((provider) => !provider.idempotent))(
	'$name: items that ended "unknown", run again with Skip',
	(provider: ProviderUnderTest) => {
		const sandbox = runningSandbox(provider);

		test('a user created before the connection dropped comes back as existing: one account per person', async () => {
			const items = roster(provider, [1, 2, 3]);
			sandbox.inject({ kind: 'processThenDrop' });

			const first = await runRoster(provider, sandbox, items, {
				workflowId: 'onboarding',
				options: { concurrency: 1, ifUserExists: 'skip' },
				continueOnFail: true,
			});
			const unknown = first.output.filter((item) => item.json.outcome === 'unknown');
			expect(unknown.map((item) => item.json.itemIndex)).toEqual([0]);
			expect(first.hints).toEqual([
				expect.objectContaining({ type: 'warning', message: expect.stringMatching(/^Outcome "unknown" \(.+ may have created the user\): 1 of 3 items\./) }),
			]);

			const rerun = await runRoster(
				provider,
				sandbox,
				unknown.map((item) => items[item.json.itemIndex as number]),
				{ workflowId: 'onboarding', options: { ifUserExists: 'skip' } },
			);

			expect(rerun.error).toBeUndefined();
			expect(rerun.output.map((item) => item.json)).toEqual([expect.objectContaining({ outcome: 'exists', email: 'user1@example.com' })]);
			expect(sandbox.users).toHaveLength(3);
			expect(duplicatesIn(provider, sandbox.users)).toBe(0);
		});
	},
);
