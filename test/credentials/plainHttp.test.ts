import { testCredential } from '../harness/engine';
import { PROVIDERS, PULSE_CRM, runningSandbox, runProvider, type ProviderUnderTest } from '../harness/providers';
import { PULSE_CRM_ACCESS_TOKEN, PULSE_CRM_PRIMARY_ACCOUNT_ID } from '../sandbox/pulseCrm';
import { ProviderSandbox } from '../sandbox/server';

/** Every credential, and Pulse CRM's static token too: it sends its token without signing in. */
const CREDENTIALS: ProviderUnderTest[] = [
	...PROVIDERS,
	{
		...PULSE_CRM,
		name: 'Pulse CRM (access token)',
		credentials: (url) => ({
			baseUrl: url,
			authentication: 'accessToken',
			accessToken: PULSE_CRM_ACCESS_TOKEN,
			accountId: PULSE_CRM_PRIMARY_ACCOUNT_ID,
		}),
	},
];

/** The read each credential's Test sends, where a test can make the stand-in redirect. */
const TEST_PATHS: Record<string, string> = {
	flexpriceApi: '/users/me',
	pulseCrmApi: '/auth/session',
	augnoApi: '/v1/identity/account-users',
	netBirdApi: '/api/users/current',
	fungiesApi: '/v0/users/list',
};

/**
 * The stand-in's URL under another name. 0.0.0.0 is not a loopback address, so the pack must
 * refuse it over plain http, yet Linux delivers a connection to it to the stand-in on
 * 127.0.0.1: if anything is sent, the stand-in records it.
 */
const asUnspecifiedAddress = (url: string) => url.replace('127.0.0.1', '0.0.0.0');
/** The stand-in's URL as an IPv4-mapped IPv6 address: this machine, written another way. */
const asIpv4Mapped = (url: string) => url.replace('127.0.0.1', '[::ffff:127.0.0.1]');

describe.each(CREDENTIALS)('$name credential Test', (provider) => {
	const sandbox = runningSandbox(provider);
	const elsewhere = new ProviderSandbox({ name: 'elsewhere', routes: {}, authenticate: () => undefined });
	const credentialsAt = (url: string) => provider.credentials(url);

	beforeAll(async () => void (await elsewhere.start()));
	afterAll(async () => await elsewhere.stop());
	beforeEach(() => elsewhere.reset());

	test('passes against the stand-in', async () => {
		const result = await testCredential(provider.credentialType, credentialsAt(sandbox.url));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests.length).toBeGreaterThan(0);
	});

	test('refuses a plain http URL on another host without sending anything', async () => {
		const result = await testCredential(provider.credentialType, credentialsAt(asUnspecifiedAddress(sandbox.url)));

		expect(result.status).toBe('Error');
		expect(result.message).toContain('uses plain http');
		expect(result.message).toContain('Nothing was sent');
		expect(sandbox.requests).toEqual([]);
	});

	test('sends to a plain http URL on another host once Allow Insecure HTTP is on', async () => {
		const result = await testCredential(provider.credentialType, {
			...credentialsAt(asUnspecifiedAddress(sandbox.url)),
			allowInsecureHttp: true,
		});

		expect(result.status).toBe('OK');
		expect(sandbox.requests.length).toBeGreaterThan(0);
	});

	test('treats an IPv4-mapped loopback address as this machine, in the Test as in a run', async () => {
		const credentials = credentialsAt(asIpv4Mapped(sandbox.url));

		const result = await testCredential(provider.credentialType, credentials);
		const run = await runProvider({ ...provider, credentials: () => credentials }, sandbox, [provider.validItem(1)]);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(run.items[0].error).toBeUndefined();
		expect(sandbox.createCalls()).toHaveLength(1);
	});

	test('does not follow a redirect to another origin, so no key reaches it', async () => {
		sandbox.inject(
			{ kind: 'respond', response: { status: 302, headers: { Location: `${elsewhere.url}/collect` }, body: {} } },
			TEST_PATHS[provider.credentialType],
		);

		const result = await testCredential(provider.credentialType, credentialsAt(sandbox.url));

		expect(result.status).toBe('Error');
		expect(result.message).toContain(`redirect (302) to ${elsewhere.url}`);
		expect(elsewhere.requests).toEqual([]);
	});
});
