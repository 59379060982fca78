import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { allowInsecureHttpProperty } from '../nodes/shared/baseUrl';
import { authenticateWithHeaders, type CredentialTestRequest } from '../nodes/shared/credentialTest';
import { startPulseCrmSession } from '../nodes/PulseCrm/session';

// Pulse CRM's public auth docs: a session token from POST /auth/login (API key + secret), sent as
// "Authorization: Bearer <token>" with "X-Account-Id: <account id>". No single public host exists.
export class PulseCrmApi implements ICredentialType {
	name = 'pulseCrmApi';

	displayName = 'Pulse CRM API';

	icon: Icon = { light: 'file:../nodes/PulseCrm/pulseCrm.svg', dark: 'file:../nodes/PulseCrm/pulseCrm.dark.svg' };

	documentationUrl = 'https://github.com/user-provisioning/n8n-nodes-user-provisioning/blob/main/docs/pulse-crm.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://crm.example.com/api',
			required: true,
			description:
				'The API root of your Pulse CRM deployment, the address that /users and /auth/login follow. Each deployment has its own.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'A token you already have, sent as it is. It cannot be renewed when it expires.',
				},
				{
					name: 'API Key and Secret',
					value: 'apiKey',
					description: 'Recommended for automation. n8n signs in with them and renews the session when it expires.',
				},
			],
			default: 'apiKey',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['apiKey'] } },
			description: 'The API key of a Pulse CRM user allowed to create users',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['apiKey'] } },
			description: 'The secret that belongs to the API key',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessToken'] } },
			description: 'Sent as "Authorization: Bearer …". Requires the Account ID below.',
		},
		// One field, required only where nothing else names the account: n8n marks `required` per
		// displayOptions branch, so it is declared once for each way to sign in.
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: '2311',
			required: true,
			displayOptions: { show: { authentication: ['accessToken'] } },
			description:
				'The account the users are created in, sent as X-Account-Id. An access token does not tell which account it belongs to, so it is needed here.',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: '2311',
			displayOptions: { show: { authentication: ['apiKey'] } },
			description:
				'The account the users are created in, sent as X-Account-Id. Leave empty to use the primary account Pulse CRM returns at sign-in.',
		},
		allowInsecureHttpProperty({ exposes: 'The key, secret and tokens then travel' }),
		// Filled by preAuthentication: n8n signs in when it is empty and again after a 401.
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Primary Account ID',
			name: 'primaryAccountId',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await startPulseCrmSession(this, credentials);
	}

	authenticate = authenticateWithHeaders((credentials) => ({
		Authorization: `Bearer ${String(credentials.authentication === 'accessToken' ? credentials.accessToken : credentials.sessionToken)}`,
		'X-Account-Id': String(credentials.accountId || credentials.primaryAccountId || '').trim(),
	}));
}

/**
 * The credential's Test, run by the Pulse CRM node (`testedBy`): it signs in as a run does (with
 * an API key), then reads the session back with the headers every request carries.
 */
export const pulseCrmCredentialTest: CredentialTestRequest = { path: '/auth/session' };
