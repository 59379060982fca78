import type { IExecuteFunctions } from 'n8n-workflow';

import { executionIdempotencyKey } from './idempotency';
import type { ApiRequest, ApiResponse, ProviderDefinition } from './provider';
import { sendRequest } from './transport';

/** A request an operation sends; the client decides whether it is safe to repeat. */
export type UserApiRequest = Omit<ApiRequest, 'idempotencyKey' | 'repeatable'>;

/**
 * Why a change may be sent again after a 5xx or a lost connection. `documentedIdempotent`: the
 * provider's docs say the call is idempotent (name the page beside the request).
 * `idempotencyKey`: the provider takes an idempotency key for it, and one is sent. Without
 * either, a change is sent once (a 429 is still retried: the provider refused it unread).
 */
export type RepeatSafety = 'documentedIdempotent' | 'idempotencyKey';

/**
 * What an operation's `run` talks to the provider with: one item's calls, through the
 * transport, so every call is paced on the account's limiter, authenticated, checked for a safe
 * base URL and retried only where that is safe.
 */
export interface UserApiClient {
	readonly itemIndex: number;
	/** A read: repeated after a 5xx or a lost connection too, since it changes nothing. */
	read(request: UserApiRequest): Promise<ApiResponse>;
	/** A read whose 404 means "no such user": undefined then, any other failure thrown. */
	readIfFound(request: UserApiRequest): Promise<ApiResponse | undefined>;
	/** A change, repeated only as `safety` allows. */
	change(request: UserApiRequest, safety?: RepeatSafety): Promise<ApiResponse>;
	/** A change whose 404 means the user is already gone: undefined then. */
	changeIfFound(request: UserApiRequest, safety?: RepeatSafety): Promise<ApiResponse | undefined>;
}

export interface UserApiClientSettings {
	itemIndex: number;
	timeoutMs: number;
}

/** Whether a failure is the provider's 404: the user (or the membership) does not exist. */
export function isNotFound(error: unknown): boolean {
	return (error as { httpCode?: unknown } | null)?.httpCode === '404';
}

/** A 404 becomes "not there" (undefined); any other failure stays the item's error. */
function absentIfNotFound(error: unknown): undefined {
	if (isNotFound(error)) return undefined;
	throw error;
}

async function unlessNotFound(sending: Promise<ApiResponse>): Promise<ApiResponse | undefined> {
	return await sending.catch(absentIfNotFound);
}

export function userApiClient(context: IExecuteFunctions, api: ProviderDefinition, settings: UserApiClientSettings): UserApiClient {
	const { itemIndex, timeoutMs } = settings;
	const send = async (request: ApiRequest) => await sendRequest(context, api, request, { itemIndex, timeoutMs });

	const read = async (request: UserApiRequest) => await send({ ...request, repeatable: true });
	const change = async (request: UserApiRequest, safety?: RepeatSafety) => {
		if (safety === 'idempotencyKey') {
			if (!api.idempotencyHeader) throw new Error(`${api.name} takes no idempotency key`);
			return await send({ ...request, idempotencyKey: executionIdempotencyKey(context, request, itemIndex) });
		}
		return await send({ ...request, repeatable: safety === 'documentedIdempotent' });
	};

	return {
		itemIndex,
		read,
		readIfFound: async (request) => await unlessNotFound(read(request)),
		change,
		changeIfFound: async (request, safety) => await unlessNotFound(change(request, safety)),
	};
}
