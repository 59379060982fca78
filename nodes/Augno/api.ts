import type { IDataObject } from 'n8n-workflow';

import { fieldsOf } from '../shared/plainObject';
import type { ProviderDefinition } from '../shared/provider';

/** Augno's documented API host (https://docs.augno.com/api/uris): the credential's default. */
export const AUGNO_BASE_URL = 'https://api.augno.com';

/** What a user does about each documented error type, where the message alone does not say it. */
const TYPE_ADVICE: Record<string, string> = {
	// A deterministic idempotency_error (not the transient "still in progress" one) means the key
	// already stands for another request.
	idempotency_error:
		' (idempotency_error: this key already stands for another request; use a new Idempotency Key for a new request)',
};

export const augnoProvider: ProviderDefinition = {
	name: 'Augno',
	credentialType: 'augnoApi',
	// As the credential's form names them, so messages point at the field to change.
	credentialFields: { url: 'Base URL', secret: 'secret key', checkOnRejection: 'the "Secret Key" field of the Augno credential' },
	baseUrl: (credentials: IDataObject) => String(credentials.baseUrl || AUGNO_BASE_URL),
	// https://docs.augno.com/api/errors
	// { error: { code, type, message, param, doc_url, is_transient, quota, request_log_url } }
	readError: (body) => {
		const error = fieldsOf(fieldsOf(body).error);
		const message = typeof error.message === 'string' ? error.message : undefined;
		const type = typeof error.type === 'string' ? error.type : undefined;
		const advice = type !== undefined && error.is_transient !== true ? (TYPE_ADVICE[type] ?? '') : '';
		return {
			message: message === undefined ? undefined : `${message}${advice}`,
			// The type says what kind of failure it is when Augno gives no code.
			code: typeof error.code === 'string' ? error.code : type,
			isTransient: typeof error.is_transient === 'boolean' ? error.is_transient : undefined,
			field: typeof error.param === 'string' ? error.param : undefined,
		};
	},
	// An existing email or username is added to the account by design; only someone already an active
	// member is refused, "with a conflict" whose code the docs do not give. Only a 409 carrying one of
	// Augno's documented codes for it counts; any other refusal stays an error.
	alreadyExists: {
		answer: 'a 409 resource_exists or resource_conflict for an active member',
		matches: ({ statusCode, code }) => statusCode === 409 && (code === 'resource_exists' || code === 'resource_conflict'),
	},
	// https://docs.augno.com/api/rate-limiting: 20 requests per second per IP, sliding window.
	rateLimit: { limit: 20, windowMs: 1000 },
	// https://docs.augno.com/api/idempotency: a repeated key replays the first answer
	// (header Idempotent-Replayed: true) instead of adding the user again.
	idempotencyHeader: 'Idempotency-Key',
};
