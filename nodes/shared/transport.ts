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
import { failedConnection, failedResponse, thrownResponse } from './attemptFailures';
import { signInFailureOf } from './errors';
import { markIfAlreadyExists } from './existing';
import { accountLimiter } from './limiterRegistry';
import type { ApiRequest, ApiResponse, ProviderDefinition } from './provider';
import { advertisedQuota, retryAfterMs, type ResponseHeaders } from './rateLimitHeaders';
import type { SentRequest } from './rateLimit';
import { PacingWaitTooLongError, type RateLimiter } from './rateLimiter';
import { withSignInTimeout } from './signInSettings';
import { DEFAULT_RETRY_POLICY, RetryBudget, pacingTooLongError, waitTooLongError, type FailedAttempt, type RetryPolicy } from './retryWaits';

export interface RequestSettings {
	/** Default: the one limiter of the credential's account in this process. */
	limiter?: RateLimiter;
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	itemIndex?: number;
}

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
	const retries = new RetryBudget(policy);

	for (;;) {
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

		const decision = retries.next(result, (waitMs) =>
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
	const headers = response.headers as ResponseHeaders;
	if (statusCode === 429) limiter.refused(sent, advertisedQuota(headers), { guided: retryAfterMs(headers) !== undefined });
	else limiter.answered(sent, advertisedQuota(headers));
	if (statusCode >= 200 && statusCode < 300) {
		return { statusCode, headers, body: response.body };
	}
	const failed = failedResponse(node, provider, request, response, itemIndex);
	markIfAlreadyExists(failed.error, provider, request, response);
	return failed;
}
