import type { IDataObject } from 'n8n-workflow';

import { fieldsOf } from '../shared/plainObject';
import type { ProviderDefinition } from '../shared/provider';

/** A detail value as text: strings as they are, anything else as compact JSON, cut short. */
function describeDetail(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// https://docs.flexprice.io/api-reference/introduction: one API host per cloud region.
export const FLEXPRICE_US_BASE_URL = 'https://us.api.flexprice.io/v1';
export const FLEXPRICE_INDIA_BASE_URL = 'https://api.cloud.flexprice.io/v1';
/** The Region choice for a self-hosted server, whose URL the credential's Base URL holds. */
export const FLEXPRICE_CUSTOM_REGION = 'custom';

export const flexpriceProvider: ProviderDefinition = {
	name: 'Flexprice',
	credentialType: 'flexpriceApi',
	// As the credential's form names them, so messages point at the field to change.
	credentialFields: { url: 'Base URL', secret: 'API key', checkOnRejection: 'the "API Key" field of the Flexprice credential' },
	// The credential's region option holds the region's base URL as its value.
	baseUrl: (credentials: IDataObject) =>
		String(credentials.region === FLEXPRICE_CUSTOM_REGION ? credentials.baseUrl : credentials.region),
	// Error envelope: { code, message, http_status_code, details }, where details name the fields
	// at fault (e.g. { email: "ada@example.com" } for already_exists): kept, so a batch run says
	// which value of which row was refused.
	readError: (body) => {
		const error = fieldsOf(body);
		const message = typeof error.message === 'string' ? error.message : undefined;
		const details = fieldsOf(error.details);
		const fields = Object.keys(details);
		const detailText = fields.map((field) => `${field}: ${describeDetail(details[field])}`).join('; ');
		return {
			message: message !== undefined && detailText ? `${message} (${detailText})` : message,
			code: typeof error.code === 'string' ? error.code : undefined,
			field: fields.length === 1 ? fields[0] : undefined,
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
