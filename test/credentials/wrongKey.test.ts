import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { testCredential } from '../harness/engine';
import { AUGNO, FLEXPRICE, FUNGIES, NETBIRD, PULSE_CRM, runningSandbox, runProvider, type ProviderUnderTest } from '../harness/providers';
import { PULSE_CRM_PRIMARY_ACCOUNT_ID } from '../sandbox/pulseCrm';

interface WrongKeyCase {
	name: string;
	provider: ProviderUnderTest;
	/** The credential with one secret wrong, given the stand-in's URL. */
	credentials(url: string): ICredentialDataDecryptedObject;
	/** What the stand-in answers, as the provider's docs or source word it. */
	providerMessage: string;
	/** The field the message must send the user to, as the credential's form names it. */
	field: string;
}

const wrong = (provider: ProviderUnderTest, values: ICredentialDataDecryptedObject) => (url: string) => ({
	...provider.credentials(url),
	...values,
});

const CASES: WrongKeyCase[] = [
	{
		name: 'Flexprice',
		provider: FLEXPRICE,
		credentials: wrong(FLEXPRICE, { apiKey: 'wrong-flexprice-key-0123456789' }),
		providerMessage: 'invalid or missing API key',
		field: '"API Key"',
	},
	{
		name: 'Augno',
		provider: AUGNO,
		credentials: wrong(AUGNO, { apiKey: 'aug_sk_test_wrong0123456789' }),
		providerMessage: 'The API key provided is not valid.',
		field: '"Secret Key"',
	},
	{
		name: 'NetBird',
		provider: NETBIRD,
		credentials: wrong(NETBIRD, { accessToken: 'nbp_wrong0123456789abcdef' }),
		providerMessage: 'token invalid',
		field: '"Personal Access Token"',
	},
	{
		name: 'Fungies',
		provider: FUNGIES,
		credentials: wrong(FUNGIES, { publicKey: 'pub_wrong0123456789' }),
		providerMessage: 'Invalid public key',
		field: '"Public Key"',
	},
	{
		name: 'Pulse CRM (access token)',
		provider: PULSE_CRM,
		credentials: (url) => ({
			baseUrl: url,
			authentication: 'accessToken',
			accessToken: 'pulse_static_wrong_0123456789',
			accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID,
		}),
		providerMessage: 'Invalid or missing token',
		field: '"Access Token"',
	},
];

describe.each(CASES)('$name with a wrong key', ({ provider, credentials, providerMessage, field }) => {
	const sandbox = runningSandbox(provider);

	test("the credential Test shows the provider's message and the field to check", async () => {
		const result = await testCredential(provider.credentialType, credentials(sandbox.url));

		expect(result.status).toBe('Error');
		expect(result.message).toContain(`${provider.name} did not accept the credential (401): ${providerMessage}`);
		expect(result.message).toContain(`Check the ${field}`);
	});

	test("a node run's error shows the provider's message and the field to check", async () => {
		const run = await runProvider({ ...provider, credentials }, sandbox, [provider.validItem(1)], { continueOnFail: false });

		expect(run.error?.message).toBe(`${provider.name} did not accept the credential (401): ${providerMessage}`);
		expect(run.error?.description).toContain(`Check the ${field}`);
		expect(sandbox.createCalls().every((call) => call.status === 401)).toBe(true);
	});
});

describe('Pulse CRM with a wrong API secret', () => {
	const sandbox = runningSandbox(PULSE_CRM);

	test("the credential Test shows the sign-in's message and says what to check", async () => {
		const result = await testCredential('pulseCrmApi', { ...PULSE_CRM.credentials(sandbox.url), apiSecret: 'pulse_secret_wrong_0123456789' });

		expect(result).toEqual({
			status: 'Error',
			message: 'Pulse CRM sign-in failed (401): Invalid API key or secret. Check the API key and secret in the credential.',
		});
	});
});
