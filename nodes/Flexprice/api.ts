import type { IDataObject } from 'n8n-workflow';

import type { ProviderApi } from '../shared/transport';

export const flexpriceApi: ProviderApi = {
	name: 'Flexprice',
	credentialType: 'flexpriceApi',
	// The credential's region option holds the region's base URL as its value.
	baseUrl: (credentials: IDataObject) =>
		String(credentials.region === 'custom' ? credentials.baseUrl : credentials.region),
	// Error envelope: { code, message, http_status_code, details }
	readError: (body) => {
		const error = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
		return {
			message: typeof error.message === 'string' ? error.message : undefined,
			code: typeof error.code === 'string' ? error.code : undefined,
		};
	},
	// Flexprice's server (InviteUser in flexprice/flexprice) refuses an email the tenant already
	// has with 409 already_exists; its API pages document no duplicate answer.
	alreadyExists: {
		answer: 'a 409 already_exists',
		matches: ({ statusCode, code }) => statusCode === 409 && code === 'already_exists',
	},
	// Flexprice publishes no rate limit; 429s are still honoured through Retry-After.
};
