import type { IDataObject } from 'n8n-workflow';

import type { ProviderErrorDetails } from '../shared/errors';
import { fieldsOf } from '../shared/plainObject';
import type { ProviderDefinition } from '../shared/provider';

/**
 * Pulse CRM's error envelope: `{ error, status, message }`, where `error` is the short error
 * (always there) and `message` the detailed one. The detail is the message; the short error
 * stands beside it as the code, or is the message itself when there is no detail.
 */
export function readPulseCrmError(body: unknown): ProviderErrorDetails {
	const envelope = fieldsOf(body);
	const error = typeof envelope.error === 'string' && envelope.error ? envelope.error : undefined;
	const message = typeof envelope.message === 'string' && envelope.message ? envelope.message : undefined;
	if (message === undefined || message === error) return { message: error };
	return { message, code: error };
}

export const pulseCrmProvider: ProviderDefinition = {
	name: 'Pulse CRM',
	credentialType: 'pulseCrmApi',
	// As the credential's form names them, so messages point at the field to change.
	credentialFields: { url: 'Base URL', secret: 'key, secret and token', checkOnRejection: 'the "Access Token" and "Account ID" fields of the Pulse CRM credential' },
	// Each Pulse CRM deployment has its own host; there is no public default.
	baseUrl: (credentials: IDataObject) => String(credentials.baseUrl ?? ''),
	readError: readPulseCrmError,
	// A session token from an API key and secret expires: n8n signs in again on a 401. A static
	// access token cannot be renewed, so its 401 is reported at once.
	renewsSessionOn401: (credentials) => credentials.authentication !== 'accessToken',
	// Pulse CRM addresses users by email (GET/PATCH/DELETE /users/{email}), so an email is unique;
	// its docs give no duplicate answer to create, and a 409 Conflict is the one that means it.
	alreadyExists: { answer: 'a 409 Conflict', matches: ({ statusCode }) => statusCode === 409 },
	// Pulse CRM publishes no rate limit and no idempotency key; 429s are still honoured through Retry-After.
};
