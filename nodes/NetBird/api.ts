import type { IDataObject } from 'n8n-workflow';

import { fieldsOf } from '../shared/plainObject';
import type { ProviderDefinition } from '../shared/provider';

export const netBirdProvider: ProviderDefinition = {
	name: 'NetBird',
	credentialType: 'netBirdApi',
	// As the credential's form names them, so messages point at the field to change.
	credentialFields: { url: 'Management URL', secret: 'token', checkOnRejection: 'the "Personal Access Token" (or "Bearer Token (JWT)") field of the NetBird credential' },
	// Self-hosted docs often show the management URL with /api; the request paths carry it already.
	baseUrl: (credentials: IDataObject) =>
		String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api$/, ''),
	// Error envelope: { message, code }, where code repeats the HTTP status, so only the message is kept.
	readError: (body) => {
		const error = fieldsOf(body);
		return { message: typeof error.message === 'string' ? error.message : undefined };
	},
	// NetBird's management server (management/server/user.go) refuses to invite an email that has an
	// account with 409 "can't invite a user with an existing netbird account"; on POST /api/users
	// no other refusal is a 409.
	alreadyExists: { answer: "a 409 \"can't invite a user with an existing netbird account\"", matches: ({ statusCode }) => statusCode === 409 },
	// https://docs.netbird.io/api/guides/authentication: NetBird Cloud allows 120 requests per minute
	// per token, with a burst of 1200; a token bucket, so after a 429 the next request waits one
	// refill (0.5 s), not a whole minute.
	rateLimit: { limit: 120, windowMs: 60_000, burst: 1200 },
};
