import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import corpus from './bad-inputs.json';
import { PROVIDERS, runningSandbox, runProvider } from '../harness/providers';
import { record } from './summary';

interface BadInput {
	provider: string;
	case: string;
	item: IDataObject;
	/** Node parameters this case needs on top of the provider's (it then runs in its own workflow). */
	parameters?: INodeParameters;
	/** The field (as the user sees its name) the error must point at. */
	field: string;
}

const cases = corpus as BadInput[];

describe.each(PROVIDERS.filter((provider) => cases.some((c) => c.provider === provider.name)))(
	'$name bad-input corpus',
	(provider) => {
		// Not reset between tests: they read what the runs of beforeAll left.
		const sandbox = runningSandbox(provider, { resetBeforeEach: false });
		const providerCases = cases.filter((c) => c.provider === provider.name);
		/** Each case's output item, and all runs' logs and leaks. */
		const outputs: IDataObject[] = [];
		const runs: Array<Awaited<ReturnType<typeof runProvider>>> = [];

		beforeAll(async () => {
			// One workflow per set of node parameters, each item in its own position.
			const groups = new Map<string, number[]>();
			providerCases.forEach((c, index) => {
				const key = JSON.stringify(c.parameters ?? {});
				groups.set(key, [...(groups.get(key) ?? []), index]);
			});
			for (const [key, indexes] of groups) {
				const parameters = { ...provider.parameters, ...(JSON.parse(key) as INodeParameters) };
				const run = await runProvider(provider, sandbox, indexes.map((index) => providerCases[index].item), { parameters });
				runs.push(run);
				indexes.forEach((caseIndex, itemIndex) => (outputs[caseIndex] = { ...run.items[itemIndex], expectedItemIndex: itemIndex }));
			}
		});

		test('no bad input reaches the network', () => {
			expect(sandbox.requests).toEqual([]);
			expect(outputs.filter(Boolean)).toHaveLength(providerCases.length);
			record(`bad input: ${provider.name}`, {
				casesTried: providerCases.length,
				badInputCases: providerCases.length,
				badInputsRejectedBeforeNetwork: outputs.filter((output) => output?.outcome === 'not_created').length,
				itemsIn: providerCases.length,
				itemsOut: outputs.filter(Boolean).length,
				leaks: runs.reduce((sum, run) => sum + leakedSecrets(run).length, 0),
				logLinesScanned: runs.reduce((sum, run) => sum + run.logs.split('\n').length, 0),
			});
		});

		test.each(providerCases.map((c, caseIndex) => ({ ...c, caseIndex })))(
			'rejects $case, naming the item and $field',
			({ caseIndex, field }) => {
				const { expectedItemIndex: itemIndex, ...output } = outputs[caseIndex];
				expect(output.itemIndex).toBe(itemIndex);
				expect(output.outcome).toBe('not_created');
				expect(output.error).toMatch(new RegExp(`^Item ${itemIndex} is invalid: .*${field}`));
			},
		);
	},
);
