import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { requireSafeBaseUrlForNode } from './baseUrl';
import { findInCauseChain } from './causeChain';
import { connectionCodeOf, isTimeout, neverReachedServer, wasCancelled } from './connectionFailure';
import { provisioningError, signInFailureOf, type CreateOutcome, type ProviderErrorDetails, type SignInFailure } from './errors';
import { markIfAlreadyExists } from './existing';
import { accountLimiter } from './limiterRegistry';
import { isPlainObject } from './plainObject';
import type { ApiRequest, ApiResponse, ProviderDefinition } from './provider';
import { PacingWaitTooLongError, type AdvertisedQuota, type RateLimiter, type SentRequest } from './rateLimiter';
import { withSignInTimeout } from './signInSettings';
import { nextAttempt, pacingTooLongError, waitTooLongError, type FailedAttempt, type RetryPolicy } from './retryWaits';

export { backoffMs, type RetryPolicy } from './retryWaits';

/** Whether sending the request again cannot do anything twice, and the words that say why. */
function safeToRepeat(request: ApiRequest): string | undefined {
	if (request.idempotencyKey !== undefined) return 'Running the item again is safe: it reuses the same idempotency key.';
	if (request.repeatable === true) return 'Running the item again is safe: the call is idempotent.';
	return undefined;
}

export interface RequestSettings {
	/** Default: the one limiter of the credential's account in this process. */
	limiter?: RateLimiter;
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	itemIndex?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 60_000,
};

export const DEFAULT_TIMEOUT_MS = 30_000;

type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * Sends one API call through n8n's request helper (so credentials, proxies and the UI's
 * credential test behave as in any n8n node) and retries only what is safe to repeat:
 * a 429 always (the provider refused it), a 5xx or a dropped connection only when the call
 * carries an idempotency key or never left this machine.
 */
export async function sendRequest(
	context: RequestContext,
	provider: ProviderDefinition,
	request: ApiRequest,
	settings: RequestSettings = {},
): Promise<ApiResponse> {
	const node = context.getNode();
	const { itemIndex } = settings;
	const policy = { ...DEFAULT_RETRY_POLICY, ...settings.retry };
	const maxWaitMs = policy.maxRetryAfterMs;

	for (let attempt = 1; ; attempt++) {
		// Read for every attempt, as n8n would: another item may have renewed a session meanwhile.
		const credentials = await context.getCredentials(provider.credentialType);
		const { options, baseUrl } = httpOptions(node, provider, request, credentials, settings.timeoutMs);
		const limiter = settings.limiter ?? accountLimiter(context, provider, credentials, baseUrl);
		let sent: SentRequest;
		try {
			sent = await limiter.acquire(maxWaitMs);
		} catch (error) {
			// The limiter refuses only a wait longer than the item may wait.
			const waitMs = error instanceof PacingWaitTooLongError ? error.waitMs : maxWaitMs;
			throw pacingTooLongError(node, provider.name, { waitMs, maxWaitMs, itemIndex });
		}
		const result = await attemptOnce(context, provider, request, { options, credentials }, { limiter, sent }, itemIndex);
		if (!('retryable' in result)) return result;

		const decision = nextAttempt(result, attempt, policy, (waitMs) =>
			waitTooLongError(node, provider.name, result.error, { waitMs, maxWaitMs, itemIndex }),
		);
		if (decision.pauseMs !== undefined) limiter.pauseFor(decision.pauseMs);
		if (!decision.retry) throw decision.error;
		await sleep(decision.waitMs);
	}
}

function httpOptions(
	node: INode,
	provider: ProviderDefinition,
	request: ApiRequest,
	credentials: IDataObject,
	timeoutMs = DEFAULT_TIMEOUT_MS,
): { options: IHttpRequestOptions; baseUrl: string } {
	const baseUrl = requireSafeBaseUrlForNode(node, provider.baseUrl(credentials), credentials.allowInsecureHttp === true, provider.credentialFields);
	const renewsSession =
		typeof provider.renewsSessionOn401 === 'function' ? provider.renewsSessionOn401(credentials) : provider.renewsSessionOn401 === true;
	const headers: IDataObject = {};
	if (request.idempotencyKey !== undefined) {
		headers[provider.idempotencyHeader ?? 'Idempotency-Key'] = request.idempotencyKey;
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		body: request.body,
		qs: request.qs,
		arrayFormat: request.arrayFormat,
		headers,
		json: true,
		timeout: timeoutMs,
		returnFullResponse: true,
		// Statuses are read here, not thrown, except for a credential with a session token: n8n
		// renews the token and sends the request again only when a 401 is thrown. n8n 1.x takes
		// this option as a plain boolean, so such requests have every status thrown, and the
		// status is read back from the error (`thrownResponse`).
		ignoreHttpStatusErrors: !renewsSession,
		// A redirect would carry the auth headers to wherever it points.
		disableFollowRedirect: true,
	};
	return { options, baseUrl };
}

async function attemptOnce(
	context: RequestContext,
	provider: ProviderDefinition,
	request: ApiRequest,
	{ options, credentials }: { options: IHttpRequestOptions; credentials: ICredentialDataDecryptedObject },
	{ limiter, sent }: { limiter: RateLimiter; sent: SentRequest },
	itemIndex?: number,
): Promise<ApiResponse | FailedAttempt> {
	const node = context.getNode();
	let response: IN8nHttpFullResponse;
	try {
		// The credentials read for this attempt are the ones n8n authenticates with, so a sign-in
		// (preAuthentication) can be told this request's timeout (see signInSettings).
		response = (await context.helpers.httpRequestWithAuthentication.call(context, provider.credentialType, options, {
			credentialsDecrypted: withSignInTimeout(credentials, options.timeout),
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const thrown = signInFailureOf(error) ? undefined : thrownResponse(error);
		if (!thrown) {
			limiter.lost(sent);
			return failedConnection(node, provider, request, error, itemIndex);
		}
		response = thrown;
	}

	const { statusCode } = response;
	// The round trip and what the provider says about its quota (a lower limit, a spent quota)
	// pace the next requests; a refusal that names no wait teaches the limiter a slower pace.
	const headers = response.headers as ApiResponse['headers'];
	if (statusCode === 429) limiter.refused(sent, advertisedQuota(headers), { guided: retryAfterMs(headers) !== undefined });
	else limiter.answered(sent, advertisedQuota(headers));
	if (statusCode >= 200 && statusCode < 300) {
		return { statusCode, headers: response.headers as ApiResponse['headers'], body: response.body };
	}
	const failed = failedResponse(node, provider, request, response, itemIndex);
	markIfAlreadyExists(failed.error, provider, request, response);
	return failed;
}

/** A status n8n threw rather than returned (see `ignoreHttpStatusErrors`), as the response it was. */
function thrownResponse(thrown: unknown): IN8nHttpFullResponse | undefined {
	const response = findInCauseChain(thrown, (error) =>
		isPlainObject(error.response) && typeof error.response.status === 'number' ? error.response : undefined,
	);
	if (response !== undefined) {
		const headers = isPlainObject(response.headers) ? response.headers : {};
		return { statusCode: response.status as number, headers: { ...headers }, body: response.data };
	}
	// n8n 1.x drops the HTTP client's error; the NodeApiError it threw keeps the status and body.
	const { httpCode, context } = (thrown ?? {}) as { httpCode?: unknown; context?: IDataObject };
	if (typeof httpCode !== 'string' || !/^\d{3}$/.test(httpCode)) return undefined;
	return { statusCode: Number(httpCode), headers: {}, body: context?.data };
}

function failedResponse(
	node: INode,
	provider: ProviderDefinition,
	request: ApiRequest,
	response: IN8nHttpFullResponse,
	itemIndex?: number,
): FailedAttempt {
	const { statusCode } = response;
	const headers = response.headers as ApiResponse['headers'];
	const details = provider.readError(response.body, request);
	const repeatSafely = safeToRepeat(request);
	const idempotent = repeatSafely !== undefined;
	const providerMessage = details.message ?? `HTTP ${statusCode}`;

	if (statusCode === 429) {
		return {
			retryable: details.isTransient !== false,
			waitMs: retryAfterMs(headers),
			error: provisioningError(node, {
				message: `${provider.name} rate limit reached: ${providerMessage}`,
				description: 'The request was refused by the rate limit and retried as often as allowed.',
				outcome: 'not_created',
				httpCode: statusCode,
				providerCode: details.code,
				itemIndex,
			}),
		};
	}

	if (statusCode === 401) {
		return { retryable: false, error: credentialRejected(node, provider, details, itemIndex) };
	}

	if (statusCode >= 300 && statusCode < 400) {
		return {
			retryable: false,
			error: provisioningError(node, {
				message: `${provider.name} answered with a redirect (${statusCode}) instead of handling the request`,
				description: `Check the base URL in the credential; it points elsewhere (${headerValue(headers, 'location') ?? 'no location given'}).`,
				outcome: 'not_created',
				httpCode: statusCode,
				itemIndex,
			}),
		};
	}

	const serverFailed = statusCode >= 500 || statusCode === 408;
	const outcome: CreateOutcome = serverFailed ? 'unknown' : 'not_created';
	// The provider's own word on whether the same request can succeed later (e.g. Augno's
	// is_transient) beats guessing from the status, for a 4xx as for a 5xx.
	const transient = details.isTransient ?? serverFailed;
	return {
		retryable: transient && idempotent,
		waitMs: transient ? retryAfterMs(headers) : undefined,
		error: provisioningError(node, {
			message: `${provider.name} returned an error (${statusCode}${details.code ? ` ${details.code}` : ''}): ${providerMessage}`,
			description: [
				details.field ? `The provider points at the field "${details.field}".` : '',
				transient && idempotent ? repeatSafely : '',
			]
				.filter(Boolean)
				.join(' ') || undefined,
			outcome,
			httpCode: statusCode,
			providerCode: details.code,
			itemIndex,
		}),
	};
}

function failedConnection(
	node: INode,
	provider: ProviderDefinition,
	request: ApiRequest,
	thrown: unknown,
	itemIndex?: number,
): FailedAttempt {
	const signIn = signInFailureOf(thrown);
	if (signIn) return signInFailed(node, provider, signIn, itemIndex);

	const code = connectionCodeOf(thrown);
	if (wasCancelled(code)) {
		return {
			retryable: false,
			error: provisioningError(node, {
				message: 'The execution was cancelled while a request was in flight',
				outcome: 'unknown',
				itemIndex,
			}),
		};
	}

	const neverSent = neverReachedServer(code);
	const repeatSafely = safeToRepeat(request);
	const idempotent = repeatSafely !== undefined;
	const what = isTimeout(thrown) ? 'did not answer in time' : 'connection failed';
	// The code goes in the description: n8n replaces a message that contains one.
	return {
		retryable: neverSent || idempotent,
		error: provisioningError(node, {
			message: `${provider.name} ${neverSent ? 'could not be reached' : what}`,
			description: [
				code ? `Connection error ${code}.` : '',
				neverSent ? 'The request never reached the provider.' : '',
				!neverSent && idempotent ? repeatSafely : '',
			]
				.filter(Boolean)
				.join(' '),
			outcome: neverSent ? 'not_created' : 'unknown',
			itemIndex,
		}),
	};
}

function credentialRejected(node: INode, provider: ProviderDefinition, details: ProviderErrorDetails, itemIndex?: number) {
	return provisioningError(node, {
		message: `${provider.name} did not accept the credential (401)${details.message ? `: ${details.message}` : ''}`,
		description: `Check ${provider.credentialFields?.checkOnRejection ?? 'the key in the credential'}, and that it may create users.`,
		outcome: 'not_created',
		httpCode: 401,
		providerCode: details.code,
		itemIndex,
	});
}

/** The credential could not get a session, so the create call was never sent. */
function signInFailed(node: INode, provider: ProviderDefinition, signIn: SignInFailure, itemIndex?: number): FailedAttempt {
	const { httpCode, isTransient, retryAfterMs: waitMs, description } = signIn;
	return {
		retryable: isTransient === true,
		waitMs,
		error: provisioningError(node, {
			message: `${provider.name} sign-in failed${httpCode ? ` (${httpCode})` : ''}: ${signIn.message}`,
			description: description ?? 'Check the credential.',
			outcome: 'not_created',
			httpCode,
			itemIndex,
		}),
	};
}

/** Reads `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset` when the quota is spent. */
export function retryAfterMs(
	headers: Record<string, string | string[] | undefined>,
	now = Date.now(),
): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return rateLimitResetMs(headers, now);
}

/** When the advertised quota is used up, how long until it resets. */
export function rateLimitResetMs(
	headers: Record<string, string | string[] | undefined>,
	now = Date.now(),
): number | undefined {
	const remaining = Number(headerValue(headers, 'ratelimit-remaining'));
	const reset = Number(headerValue(headers, 'ratelimit-reset'));
	if (headerValue(headers, 'ratelimit-remaining') === undefined || remaining > 0 || !Number.isFinite(reset)) {
		return undefined;
	}
	// Some servers send an epoch time rather than seconds to wait.
	return reset > 1e9 ? Math.max(0, reset * 1000 - now) : reset * 1000;
}

/**
 * Reads a response's quota headers: `RateLimit-Limit/-Remaining/-Reset` (or their `X-` forms),
 * with the window from `RateLimit-Policy: 20;w=1` (or `RateLimit-Limit: 20, 20;w=1`), and the
 * structured form of the IETF draft (`RateLimit-Policy: "p";q=20;w=1`, `RateLimit: "p";r=5;t=1`).
 */
export function advertisedQuota(
	headers: Record<string, string | string[] | undefined>,
	now = Date.now(),
): AdvertisedQuota {
	const limitHeader = headerValue(headers, 'ratelimit-limit') ?? headerValue(headers, 'x-ratelimit-limit');
	const structured = headerValue(headers, 'ratelimit');
	const policy =
		headerValue(headers, 'ratelimit-policy')?.split(',')[0] ??
		limitHeader?.split(',').find((item) => parameterOf(item, 'w') !== undefined);
	const policyLimit = parameterOf(policy, 'q') ?? leadingNumber(policy);
	const limit = leadingNumber(limitHeader) ?? policyLimit;
	// The window belongs to the policy; it describes the limit only when both name the same quota.
	const windowSeconds = policyLimit === undefined || policyLimit === limit ? parameterOf(policy, 'w') : undefined;
	const resetSeconds =
		leadingNumber(headerValue(headers, 'ratelimit-reset') ?? headerValue(headers, 'x-ratelimit-reset')) ??
		parameterOf(structured, 't');
	const quota: AdvertisedQuota = {
		limit,
		remaining:
			leadingNumber(headerValue(headers, 'ratelimit-remaining') ?? headerValue(headers, 'x-ratelimit-remaining')) ??
			parameterOf(structured, 'r'),
		windowMs: windowSeconds !== undefined && windowSeconds > 0 ? windowSeconds * 1000 : undefined,
		// Some servers send an epoch time rather than seconds to wait.
		resetMs: resetSeconds === undefined ? undefined : resetSeconds > 1e9 ? Math.max(0, resetSeconds * 1000 - now) : resetSeconds * 1000,
	};
	return Object.fromEntries(Object.entries(quota).filter(([, value]) => value !== undefined)) as AdvertisedQuota;
}

/** The number a header value starts with ("20", "20, 20;w=1"), if it is one. */
function leadingNumber(value: string | undefined): number | undefined {
	const match = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(?:[,;]|$)/.exec(value);
	return match ? Number(match[1]) : undefined;
}

/** A `name=number` parameter of the first item of a header value (`w=1` in "20;w=1"). */
function parameterOf(value: string | undefined, name: string): number | undefined {
	const firstItem = value?.split(',')[0];
	const match = firstItem === undefined ? null : new RegExp(`;\\s*${name}=(\\d+(?:\\.\\d+)?)`).exec(firstItem);
	return match ? Number(match[1]) : undefined;
}

export function headerValue(
	headers: Record<string, string | string[] | undefined> | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? value[0] : value;
}
