import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { FLEXPRICE_CUSTOM_REGION, FLEXPRICE_INDIA_BASE_URL, FLEXPRICE_US_BASE_URL } from '../nodes/Flexprice/api';
import { allowInsecureHttpProperty } from '../nodes/shared/baseUrl';
import { authenticateWithHeaders, type CredentialTestRequest } from '../nodes/shared/credentialTest';
import { statedRateLimitProperties } from '../nodes/shared/statedRateLimit';

export class FlexpriceApi implements ICredentialType {
	name = 'flexpriceApi';

	displayName = 'Flexprice API';

	icon: Icon = { light: 'file:../nodes/Flexprice/flexprice.svg', dark: 'file:../nodes/Flexprice/flexprice.dark.svg' };

	documentationUrl = 'https://docs.flexprice.io/api-reference/introduction';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create one in Flexprice under Developers → API Keys',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			// Each option's value is that region's API base URL (nodes/Flexprice/api.ts).
			options: [
				{ name: 'US', value: FLEXPRICE_US_BASE_URL },
				{ name: 'India', value: FLEXPRICE_INDIA_BASE_URL },
				{ name: 'Custom (Self-Hosted)', value: FLEXPRICE_CUSTOM_REGION },
			],
			default: FLEXPRICE_US_BASE_URL,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://flexprice.example.com/v1',
			required: true,
			displayOptions: { show: { region: [FLEXPRICE_CUSTOM_REGION] } },
			description: 'The API root of your Flexprice deployment, including /v1',
		},
		allowInsecureHttpProperty({ exposes: 'The API key then travels', displayOptions: { show: { region: [FLEXPRICE_CUSTOM_REGION] } } }),
		...statedRateLimitProperties({ whenEmpty: 'Flexprice publishes no limit, so requests are paced only by what the server answers' }),
	];

	authenticate = authenticateWithHeaders((credentials) => ({ 'x-api-key': String(credentials.apiKey) }));
}

/** The credential's Test, run by the Flexprice node (`testedBy`): the key's own user. */
export const flexpriceCredentialTest: CredentialTestRequest = { path: '/users/me' };
