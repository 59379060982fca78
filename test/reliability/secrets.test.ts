import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import { PROVIDERS, returnedSecrets, runningSandbox, runProvider } from '../harness/providers';
import { record } from './summary';

describe.each(PROVIDERS)('$name keeps its keys', (provider) => {
	const sandbox = runningSandbox(provider);
	const elsewhere = runningSandbox(provider);

	test('does not follow a redirect, so the auth headers never reach another host', async () => {
		sandbox.inject({
			kind: 'respond',
			response: { status: 307, headers: { Location: `${elsewhere.url}/collect` }, body: {} },
		});

		const run = await runProvider(provider, sandbox, [provider.validItem(1)]);

		expect(run.items[0]).toMatchObject({ outcome: 'not_created', error: expect.stringContaining('redirect') });
		expect(elsewhere.requests).toEqual([]);
		record(`secrets: ${provider.name}`, { casesTried: 1, faultsInjected: 1, itemsIn: 1, itemsOut: run.items.length, leaks: leakedSecrets(run).length });
	});

	test('refuses a plain http base URL on another host before sending anything', async () => {
		const run = await runProvider(
			{ ...provider, credentials: () => provider.credentials('http://provider.example.com') },
			sandbox,
			[provider.validItem(1)],
		);

		expect(run.items[0].error).toContain('plain http');
		expect(sandbox.requests).toEqual([]);
		record(`secrets: ${provider.name}`, { casesTried: 1, itemsIn: 1, itemsOut: run.items.length, leaks: leakedSecrets(run).length });
	});

	test('no credential value or hidden returned secret appears in output, errors or logs', async () => {
		const runs = [
			await runProvider(provider, sandbox, [provider.validItem(1), provider.validItem(1), provider.validItem(2)]),
			await runProvider(provider, sandbox, [provider.validItem(3)], { continueOnFail: false }),
			await runProvider({ ...provider, credentials: (url) => ({ ...provider.credentials(url), ...wrongSecrets(provider.credentials(url)) }) }, sandbox, [
				provider.validItem(4),
			]),
		];
		const secrets = returnedSecrets(provider, sandbox.users);
		for (const run of runs) {
			expect(run.logs.length).toBeGreaterThan(0);
			expect(leakedSecrets(run, secrets)).toEqual([]);
		}
		record(`secrets: ${provider.name}`, {
			casesTried: runs.length,
			itemsIn: 5,
			itemsOut: runs.reduce((sum, run) => sum + run.items.length, 0),
			leaks: runs.reduce((sum, run) => sum + leakedSecrets(run, secrets).length, 0),
			logLinesScanned: runs.reduce((sum, run) => sum + run.logs.split('\n').length, 0),
		});
	});
});

/** The same credential with every secret-looking value replaced by a wrong one (a failed-auth run). */
function wrongSecrets(credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return Object.fromEntries(
		Object.entries(credentials)
			.filter(([key, value]) => typeof value === 'string' && /key|secret|token|password/i.test(key))
			.map(([key]) => [key, `wrong-${key}-0123456789abcdef`]),
	);
}
