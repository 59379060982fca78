import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { allowInsecureHttpProperty } from '../nodes/shared/baseUrl';
import { authenticateWithHeaders, type CredentialTestRequest } from '../nodes/shared/credentialTest';
import { statedRateLimitProperties } from '../nodes/shared/statedRateLimit';

// https://docs.netbird.io/api/guides/authentication
export class NetBirdApi implements ICredentialType {
	name = 'netBirdApi';

	displayName = 'NetBird API';

	icon: Icon = { light: 'file:../nodes/NetBird/netbird.svg', dark: 'file:../nodes/NetBird/netbird.dark.svg' };

	documentationUrl = 'https://docs.netbird.io/api/guides/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Management URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.netbird.io',
			placeholder: 'https://netbird.example.com',
			required: true,
			description:
				'https://api.netbird.io for NetBird Cloud. Self-hosted: the URL of your management server, with its port if it has one (e.g. https://netbird.example.com:33073). A trailing /api is ignored.',
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Personal Access Token',
					value: 'token',
					description: 'Recommended. Sent as "Authorization: Token …".',
				},
				{
					name: 'OAuth2 Bearer Token (JWT)',
					value: 'bearer',
					description: 'An access token from your identity provider. Sent as "Authorization: Bearer …".',
				},
			],
			default: 'token',
		},
		{
			displayName: 'Personal Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'nbp_…',
			required: true,
			displayOptions: { show: { authType: ['token'] } },
			description:
				'Create a service user with the Admin role under Team → Service Users in the NetBird dashboard, then create a token for it. The token starts with nbp_ and is shown once.',
		},
		{
			displayName: 'Bearer Token (JWT)',
			name: 'bearerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['bearer'] } },
			description:
				'An OAuth2 access token issued by the identity provider your NetBird account uses. It expires, so a personal access token suits workflows better.',
		},
		allowInsecureHttpProperty({ exposes: 'The token then travels', urlName: 'management URL' }),
		...statedRateLimitProperties({ whenEmpty: "NetBird Cloud's published limit, 120 per minute with bursts of 1,200. Self-hosted NetBird publishes none: when its admin turns limiting on, the server's default is 6 per minute with bursts of 500" }),
	];

	authenticate = authenticateWithHeaders((credentials) => ({
		Authorization:
			credentials.authType === 'bearer' ? `Bearer ${String(credentials.bearerToken)}` : `Token ${String(credentials.accessToken)}`,
	}));
}

/** The credential's Test, run by the NetBird node (`testedBy`): the token's own user. */
export const netBirdCredentialTest: CredentialTestRequest = { path: '/api/users/current' };
