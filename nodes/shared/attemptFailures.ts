/**
 * What a failed attempt means: whether the user may have been created (the outcome), whether
 * sending the same request again is safe and worthwhile, how long the provider asked us to wait,
 * and the error the user reads. Decided here once, for every provider, from the status, the
 * provider's own error envelope and the connection error; the send loop only acts on it.
 */

import type { IN8nHttpFullResponse, INode } from 'n8n-workflow';

import { findInCauseChain } from './causeChain';
import { connectionCodeOf, isTimeout, neverReachedServer, wasCancelled } from './connectionFailure';
import { provisioningError, signInFailureOf, type CreateOutcome, type ProviderErrorDetails, type SignInFailure } from './errors';
import { fieldsOf, isPlainObject } from './plainObject';
import type { ApiRequest, ProviderDefinition } from './provider';
import { headerValue, retryAfterMs, type ResponseHeaders } from './rateLimitHeaders';
import { DEFAULT_RETRY_POLICY, describeWait, type FailedAttempt } from './retryWaits';

/** A status n8n threw rather than returned (see `ignoreHttpStatusErrors`), as the response it was. */
/** Whether sending the request again cannot do anything twice, and the words that say why. */
function safeToRepeat(request: ApiRequest): string | undefined {
	if (request.idempotencyKey !== undefined) return 'Running the item again is safe: it reuses the same idempotency key.';
	if (request.repeatable === true) return 'Running the item again is safe: the call is idempotent.';
	return undefined;
}

export function thrownResponse(thrown: unknown): IN8nHttpFullResponse | undefined {
	const response = findInCauseChain(thrown, (error) =>
		isPlainObject(error.response) && typeof error.response.status === 'number' ? error.response : undefined,
	);
	if (response !== undefined) {
		const headers = isPlainObject(response.headers) ? response.headers : {};
		return { statusCode: response.status as number, headers: { ...headers }, body: response.data };
	}
	// n8n 1.x drops the HTTP client's error; the NodeApiError it threw keeps the status and body.
	const { httpCode, context } = fieldsOf(thrown);
	if (typeof httpCode !== 'string' || !/^\d{3}$/.test(httpCode)) return undefined;
	return { statusCode: Number(httpCode), headers: {}, body: fieldsOf(context).data };
}

/** The provider answered, but not with a 2xx: a rate limit, a rejected credential, a redirect or an error. */
export function failedResponse(
	node: INode,
	provider: ProviderDefinition,
	request: ApiRequest,
	response: IN8nHttpFullResponse,
	itemIndex?: number,
): FailedAttempt {
	const { statusCode } = response;
	const headers = response.headers as ResponseHeaders;
	const details = provider.readError(response.body, request);
	const repeatSafely = safeToRepeat(request);
	const idempotent = repeatSafely !== undefined;
	const providerMessage = details.message ?? `HTTP ${statusCode}`;

	if (statusCode === 429) {
		return {
			retryable: details.isTransient !== false,
			refusedByRateLimit: true,
			waitMs: retryAfterMs(headers),
			error: provisioningError(node, {
				message: `${provider.name} rate limit reached: ${providerMessage}`,
				description: `The request was refused by the rate limit and sent again until the node had waited ${describeWait(DEFAULT_RETRY_POLICY.maxRetryAfterMs)} for it in all.`,
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

/** No answer: a failed sign-in, a cancelled execution, a connection that never opened, dropped or timed out. */
export function failedConnection(
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
