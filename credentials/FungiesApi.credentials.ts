import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { allowInsecureHttpProperty } from '../nodes/shared/baseUrl';
import { authenticateWithHeaders, type CredentialTestRequest } from '../nodes/shared/credentialTest';

// https://docs.fungies.io/api-reference/authentication
export class FungiesApi implements ICredentialType {
	name = 'fungiesApi';

	displayName = 'Fungies API';

	icon: Icon = { light: 'file:../nodes/Fungies/fungies.svg', dark: 'file:../nodes/Fungies/fungies.dark.svg' };

	documentationUrl = 'https://docs.fungies.io/api-reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'pub_...',
			description: 'Starts with pub_. Create and manage keys in the Fungies dashboard at app.fungies.io/devs/api-keys.',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'sec_...',
			description: 'Starts with sec_. Fungies requires it for write operations such as creating a user.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.fungies.io',
			required: true,
			description: 'Leave as is unless you reach Fungies through a proxy',
		},
		allowInsecureHttpProperty({ exposes: 'The keys then travel' }),
	];

	authenticate = authenticateWithHeaders((credentials) => ({
		'x-fngs-public-key': String(credentials.publicKey),
		'x-fngs-secret-key': String(credentials.secretKey),
	}));
}

/**
 * The credential's Test, run by the Fungies node (`testedBy`): list users (GET /v0/users/list,
 * https://docs.fungies.io/core-resources/user). Fungies checks the secret key on write requests
 * only, so the Test confirms the public key and the URL.
 */
export const fungiesCredentialTest: CredentialTestRequest = { path: '/v0/users/list' };
