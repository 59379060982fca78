import type { INode, NodeApiError } from 'n8n-workflow';

import { outcomeOf, provisioningError } from './errors';

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A server asking us to wait longer than this is reported rather than waited for. */
	maxRetryAfterMs: number;
}

/** A failed attempt, and whether sending the same request again is safe and worthwhile. */
export interface FailedAttempt {
	retryable: boolean;
	/** How long the provider asked us to wait (Retry-After, a spent quota's reset). */
	waitMs?: number;
	error: Error;
}

/**
 * What to do after a failed attempt, decided before anything pauses: retry after `waitMs`, or
 * give up with `error`. `pauseMs` is the provider's wait for every request on the account,
 * only ever within the policy's cap.
 */
export type RetryDecision = { retry: true; waitMs: number; pauseMs?: number } | { retry: false; error: Error; pauseMs?: number };

/** Exponential backoff with "equal jitter": half fixed, half random, so parallel retries spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The provider's wait plus up to a quarter of it more (at least the base delay): items refused
 * together with the same Retry-After come back spread out instead of in the same second.
 */
export function retryAfterWithJitterMs(waitMs: number, policy: RetryPolicy, random = Math.random): number {
	return Math.round(waitMs + random() * Math.max(policy.baseDelayMs, waitMs / 4));
}

export function nextAttempt(
	failed: FailedAttempt,
	attempt: number,
	policy: RetryPolicy,
	waitTooLong: (waitMs: number) => Error,
	random = Math.random,
): RetryDecision {
	const asked = failed.waitMs;
	const withinCap = asked === undefined || asked <= policy.maxRetryAfterMs;
	const pauseMs = asked !== undefined && withinCap ? asked : undefined;
	if (!failed.retryable || attempt >= policy.maxAttempts) return { retry: false, error: failed.error, pauseMs };
	if (!withinCap) return { retry: false, error: waitTooLong(asked) };
	return {
		retry: true,
		waitMs: asked === undefined ? backoffMs(attempt, policy, random) : retryAfterWithJitterMs(asked, policy, random),
		pauseMs,
	};
}

/** "45 s", "12 min", "1 h 30 min": a wait as people read it. */
export function describeWait(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 120) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

/**
 * The item fails now, naming the provider's wait, rather than holding up the run (and every
 * other run on the account) for it. What the failed attempt knew (outcome, status) is kept.
 */
export function waitTooLongError(
	node: INode,
	providerName: string,
	cause: Error,
	{ waitMs, maxWaitMs, itemIndex }: { waitMs: number; maxWaitMs: number; itemIndex?: number },
): Error {
	const { httpCode, context } = cause as { httpCode?: unknown; context?: { providerCode?: unknown } };
	return provisioningError(node, {
		message: `${cause.message} (${providerName} asks to wait ${describeWait(waitMs)} before the next request)`,
		description: `The node waits at most ${describeWait(maxWaitMs)} for a provider, so this item stopped here and the other items went on. Run it again after the wait.`,
		outcome: outcomeOf(cause) ?? 'not_created',
		httpCode: typeof httpCode === 'string' && /^\d{3}$/.test(httpCode) ? Number(httpCode) : undefined,
		providerCode: typeof context?.providerCode === 'string' ? context.providerCode : undefined,
		itemIndex,
	});
}

/** The account's pace (a long window whose quota is spent) would hold the item longer than the node waits. */
export function pacingTooLongError(
	node: INode,
	providerName: string,
	{ waitMs, maxWaitMs, itemIndex }: { waitMs: number; maxWaitMs: number; itemIndex?: number },
): NodeApiError {
	return provisioningError(node, {
		message: `${providerName}'s rate limit allows the next request in ${describeWait(waitMs)}, so the request was not sent`,
		description: `The node waits at most ${describeWait(maxWaitMs)} for a provider, so this item stopped here. Run it again after the wait.`,
		outcome: 'not_created',
		itemIndex,
	});
}
