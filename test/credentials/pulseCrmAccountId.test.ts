import { NodeHelpers, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { loadPack } from '../harness/engine';

/** The Account ID field as the credential form shows it for these values, as n8n's editor decides. */
async function shownAccountIdFields(values: ICredentialDataDecryptedObject) {
	const { credentialTypes } = await loadPack();
	const { properties } = credentialTypes.get('pulseCrmApi')!;
	return properties.filter((property) => property.name === 'accountId' && NodeHelpers.displayParameter(values, property, null, null));
}

describe('Pulse CRM credential: Account ID', () => {
	test('is marked required with an access token, which names no account', async () => {
		const fields = await shownAccountIdFields({ authentication: 'accessToken' });

		expect(fields).toHaveLength(1);
		expect(fields[0].required).toBe(true);
	});

	test('is optional with an API key, whose sign-in returns the primary account', async () => {
		const fields = await shownAccountIdFields({ authentication: 'apiKey' });

		expect(fields).toHaveLength(1);
		expect(fields[0].required).toBeFalsy();
	});
});
