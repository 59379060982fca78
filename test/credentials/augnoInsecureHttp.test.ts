import { NodeHelpers, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { loadPack } from '../harness/engine';

/** Whether the Augno credential form shows Allow Insecure HTTP for these values, as n8n's editor decides. */
async function showsAllowInsecureHttp(values: ICredentialDataDecryptedObject) {
	const { credentialTypes } = await loadPack();
	const { properties } = credentialTypes.get('augnoApi')!;
	const field = properties.find((property) => property.name === 'allowInsecureHttp')!;
	return NodeHelpers.displayParameter(values, field, null, null);
}

describe('Augno credential: Allow Insecure HTTP', () => {
	// The URL check reads the scheme case-insensitively, so the switch it obeys must be reachable
	// however the URL is typed.
	test.each(['http://augno.internal', 'HTTP://augno.internal', 'Http://augno.internal', ' http://augno.internal'])(
		'is offered for %s',
		async (baseUrl) => {
			expect(await showsAllowInsecureHttp({ baseUrl })).toBe(true);
		},
	);
});
