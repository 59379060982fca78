import type { INode, NodeApiError } from 'n8n-workflow';

import { outcomeOf, provisioningError } from './errors';

export interface RetryPolicy {
	/** Attempts of a request that failed for any reason but the rate limit. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A server asking us to wait longer than this is reported rather than waited for. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 60_000,
};

/** A failed attempt, and whether sending the same request again is safe and worthwhile. */
export interface FailedAttempt {
	retryable: boolean;
	/** How long the provider asked us to wait (Retry-After, a spent quota's reset). */
	waitMs?: number;
	/** A 429: the provider refused the request unseen, so it is always safe to send again. */
	refusedByRateLimit?: boolean;
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

/**
 * The retries one request may still make. A refusal by the rate limit spends waiting time, not
 * attempts: several executions or queue-mode workers sharing an account will meet 429s in turn,
 * and an item should not fail because it lost that race five times in a row while the provider
 * keeps asking for waits of a second. It fails once its 429 waits would pass `maxRetryAfterMs`
 * in all; any other failure gets `maxAttempts`.
 */
export class RetryBudget {
	private failures = 0;
	private refusals = 0;
	private refusedWaitMs = 0;

	constructor(
		private readonly policy: RetryPolicy,
		private readonly random = Math.random,
	) {}

	next(failed: FailedAttempt, waitTooLong: (waitMs: number) => Error): RetryDecision {
		const { policy } = this;
		const asked = failed.waitMs;
		const withinCap = asked === undefined || asked <= policy.maxRetryAfterMs;
		const pauseMs = asked !== undefined && withinCap ? asked : undefined;
		if (!failed.retryable) return { retry: false, error: failed.error, pauseMs };
		if (!withinCap) return { retry: false, error: waitTooLong(asked) };

		const tries = failed.refusedByRateLimit ? ++this.refusals : ++this.failures;
		const waitMs = asked === undefined ? backoffMs(tries, policy, this.random) : retryAfterWithJitterMs(asked, policy, this.random);
		if (failed.refusedByRateLimit) {
			if (this.refusedWaitMs + waitMs > policy.maxRetryAfterMs) return { retry: false, error: failed.error, pauseMs };
			this.refusedWaitMs += waitMs;
		} else if (tries >= policy.maxAttempts) {
			return { retry: false, error: failed.error, pauseMs };
		}
		return { retry: true, waitMs, pauseMs };
	}
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
