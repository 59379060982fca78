import type { IDataObject } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import corpus from './bad-inputs.json';
import { PROVIDERS, runProvider } from './providers';
import { record } from './summary';

interface BadInput {
	provider: string;
	case: string;
	item: IDataObject;
	/** The field (as the user sees its name) the error must point at. */
	field: string;
}

const cases = corpus as BadInput[];

describe.each(PROVIDERS.filter((provider) => cases.some((c) => c.provider === provider.name)))(
	'$name bad-input corpus',
	(provider) => {
		const sandbox = provider.sandbox();
		const providerCases = cases.filter((c) => c.provider === provider.name);
		let run: Awaited<ReturnType<typeof runProvider>>;

		beforeAll(async () => {
			await sandbox.start();
			run = await runProvider(provider, sandbox, providerCases.map((c) => c.item));
		});
		afterAll(async () => await sandbox.stop());

		test('no bad input reaches the network', () => {
			expect(sandbox.requests).toEqual([]);
			expect(run.items).toHaveLength(providerCases.length);
			record(`bad input: ${provider.name}`, {
				badInputCases: providerCases.length,
				badInputsRejectedBeforeNetwork: sandbox.requests.length === 0 ? providerCases.length : 0,
				itemsIn: providerCases.length,
				itemsOut: run.items.length,
				leaks: leakedSecrets(run).length,
				logLinesScanned: run.logs.split('\n').length,
			});
		});

		test.each(providerCases.map((c, itemIndex) => ({ ...c, itemIndex })))(
			'rejects $case, naming the item and $field',
			({ itemIndex, field }) => {
				const output = run.items[itemIndex];
				expect(output.itemIndex).toBe(itemIndex);
				expect(output.outcome).toBe('not_created');
				expect(output.error).toMatch(new RegExp(`^Item ${itemIndex} is invalid: .*${field}`));
			},
		);
	},
);
