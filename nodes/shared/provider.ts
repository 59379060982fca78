import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { CredentialFieldNames } from './baseUrl';
import type { ProviderErrorDetails } from './errors';
import type { AlreadyExistsSignal } from './existing';
import type { RateLimit } from './rateLimit';
import type { ResponseHeaders } from './rateLimitHeaders';

/**
 * A provider as the core sees it: its name, credential, error envelope, limits and the answer
 * that means "already exists". Data, not a client: the core talks to the provider with it. One per
 * provider folder, in its `provider.ts`.
 */
export interface ProviderDefinition {
	/** The provider's name as users know it, used in messages. */
	name: string;
	credentialType: string;
	/** The base URL the credential points at (validated by the core before use). */
	baseUrl(credentials: IDataObject): string;
	/** Reads the provider's error envelope; the request is there to name what failed (e.g. the email). */
	readError(body: unknown, request: ApiRequest): ProviderErrorDetails;
	/** How the credential's form names its URL, secret and key fields, for messages users act on. */
	credentialFields?: CredentialFieldNames;
	/** The provider's answer when the person already has an account (for Options → If User Exists). */
	alreadyExists?: AlreadyExistsSignal;
	rateLimit?: RateLimit;
	/** Header that makes a POST safe to repeat, for providers that support one. */
	idempotencyHeader?: string;
	/**
	 * The credential holds an expiring session token (an `expirable` field with
	 * `preAuthentication`): on a 401, n8n renews it and sends the request once more. A function
	 * decides per credential, for credentials that offer both a session and a static token.
	 */
	renewsSessionOn401?: boolean | ((credentials: IDataObject) => boolean);
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Appended to the credential's base URL. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** How list values in `qs` are written, e.g. 'repeat' for `include[]=a&include[]=b` (default: indices). */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	/** When set, the request is sent with the provider's idempotency header and becomes safe to retry. */
	idempotencyKey?: string;
	/**
	 * The call is safe to send again after a 5xx or a lost connection without a key: a GET, or a
	 * call the provider documents as idempotent (say where, beside the request).
	 */
	repeatable?: boolean;
}

export interface ApiResponse {
	statusCode: number;
	headers: ResponseHeaders;
	body: unknown;
}
