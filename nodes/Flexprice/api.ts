import type { IDataObject } from 'n8n-workflow';

import type { ProviderApi } from '../shared/transport';

export const flexpriceApi: ProviderApi = {
	name: 'Flexprice',
	credentialType: 'flexpriceApi',
	// As the credential's form names them, so messages point at the field to change.
	credentialFields: { url: 'Base URL', secret: 'API key', checkOnRejection: 'the "API Key" field of the Flexprice credential' },
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
	// Flexprice publishes no rate limit; 429s are still honoured through Retry-After.
};
