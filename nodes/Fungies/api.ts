import type { IDataObject } from 'n8n-workflow';

import type { ProviderErrorDetails } from '../shared/errors';
import { fieldsOf } from '../shared/plainObject';
import type { ApiRequest, ProviderDefinition } from '../shared/provider';

/**
 * Fungies answers a taken email with a plain 400 and a message, no error code. The message is
 * recognised by its words and restated with the email, so a batch run says which row collided.
 */
const EMAIL_TAKEN = /e-?mail/i;
const ALREADY_EXISTS = /already|exists|taken|in use|unique|duplicate/i;

const isEmailTaken = (message: string) => EMAIL_TAKEN.test(message) && ALREADY_EXISTS.test(message);

function describeError(message: string, request: ApiRequest): string {
	const email = request.body?.email;
	if (typeof email !== 'string' || !isEmailTaken(message)) return message;
	return `A user with the email ${email} already exists (Fungies: "${message}")`;
}

export const fungiesProvider: ProviderDefinition = {
	name: 'Fungies',
	credentialType: 'fungiesApi',
	// As the credential's form names them, so messages point at the field to change.
	credentialFields: { url: 'Base URL', secret: 'keys', checkOnRejection: 'the "Public Key" and "Secret Key" fields of the Fungies credential' },
	baseUrl: (credentials: IDataObject) => String(credentials.baseUrl),
	// Error envelope: { status: "error", error: { message } }
	// https://docs.fungies.io/api-reference/users/create-a-new-user-account
	readError: (body, request): ProviderErrorDetails => {
		const envelope = fieldsOf(body);
		const message = fieldsOf(envelope.error).message ?? envelope.message;
		return { message: typeof message === 'string' ? describeError(message, request) : undefined };
	},
	// "The email must be unique across all Users": a taken email is a 400 whose words say so.
	alreadyExists: {
		answer: 'a 400 saying the email already exists',
		matches: ({ statusCode, message }) => statusCode === 400 && message !== undefined && isEmailTaken(message),
	},
	// Fungies publishes no rate limit and no idempotency key; 429s are still honoured through Retry-After.
};
