import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { AUGNO_BASE_URL } from '../nodes/Augno/api';
import { allowInsecureHttpProperty } from '../nodes/shared/baseUrl';
import { authenticateWithHeaders, type CredentialTestRequest } from '../nodes/shared/credentialTest';
import { statedRateLimitProperties } from '../nodes/shared/statedRateLimit';

// https://docs.augno.com/api/api-keys: the key's prefix decides the environment.
const SANDBOX_PREFIX = 'aug_sk_test_';
const PRODUCTION_PREFIX = 'aug_sk_prod_';

export class AugnoApi implements ICredentialType {
	name = 'augnoApi';

	displayName = 'Augno API';

	icon: Icon = { light: 'file:../nodes/Augno/augno.svg', dark: 'file:../nodes/Augno/augno.dark.svg' };

	documentationUrl = 'https://docs.augno.com/api/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: `${SANDBOX_PREFIX}…`,
			required: true,
			description: `A sandbox (${SANDBOX_PREFIX}…) or production (${PRODUCTION_PREFIX}…) secret key, from the API Keys tab in Augno's account settings. The key decides whether users are added to your sandbox or your live account.`,
		},
		// The editor evaluates these conditions on the key as it is typed. Once the credential is
		// saved, n8n no longer sends the key back to the browser, so the notices show while a key
		// is entered, not when a saved credential is reopened.
		{
			displayName: 'Sandbox key: users are added to your Augno sandbox, not to your live account',
			name: 'sandboxKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { apiKey: [{ _cnd: { startsWith: SANDBOX_PREFIX } }] } },
		},
		{
			displayName: 'Production key: users are added to your live Augno account and receive welcome emails',
			name: 'productionKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { apiKey: [{ _cnd: { startsWith: PRODUCTION_PREFIX } }] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: AUGNO_BASE_URL,
			required: true,
			description: `Augno's documented API host is ${AUGNO_BASE_URL}. Augno's own SDK now uses https://api.openmrp.ai (Augno is being renamed OpenMRP): use that if Augno tells you to, or a test server.`,
		},
		// Shown for any URL the check reads as plain http, whatever its case or leading spaces.
		allowInsecureHttpProperty({
			exposes: 'The secret key then travels',
			displayOptions: { show: { baseUrl: [{ _cnd: { regex: '^\\s*[Hh][Tt][Tt][Pp]:' } }] } },
		}),
		...statedRateLimitProperties({ whenEmpty: "Augno's published 20 per second per IP" }),
	];

	authenticate = authenticateWithHeaders((credentials) => ({ Authorization: `Bearer ${String(credentials.apiKey)}` }));
}

/**
 * The credential's Test, run by the Augno node (`testedBy`, see nodes/shared/credentialTest.ts):
 * List Account Users, a documented read in the same domain as the create call.
 * https://docs.augno.com/api-reference/account-users-management/list-account-users
 */
export const augnoCredentialTest: CredentialTestRequest = { path: '/v1/identity/account-users', qs: { limit: 1 } };
