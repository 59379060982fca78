/** Response headers as n8n's request helper returns them: names in any case, a value or a list. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** What one response's `RateLimit-*` headers said (read by `advertisedQuota`, kept to by the limiter). */
export interface AdvertisedQuota {
	/** `RateLimit-Limit`: requests allowed per window. */
	limit?: number;
	/** `RateLimit-Remaining`: requests left in the current window. */
	remaining?: number;
	/** `RateLimit-Reset`, in ms: when the quota is available again. */
	resetMs?: number;
	/** The window, when the server names it (`RateLimit-Policy: 20;w=1`). */
	windowMs?: number;
}

/**
 * A `RateLimit-Reset` value as a wait in ms. The drafts say seconds to wait; some servers send
 * an epoch time instead (GitHub's `X-RateLimit-Reset`), and no wait is a billion seconds long.
 */
function resetDelayMs(reset: number, now: number): number {
	return reset > 1e9 ? Math.max(0, reset * 1000 - now) : reset * 1000;
}

/** Reads `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset` when the quota is spent. */
export function retryAfterMs(
	headers: ResponseHeaders,
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
	headers: ResponseHeaders,
	now = Date.now(),
): number | undefined {
	const remaining = Number(headerValue(headers, 'ratelimit-remaining'));
	const reset = Number(headerValue(headers, 'ratelimit-reset'));
	if (headerValue(headers, 'ratelimit-remaining') === undefined || remaining > 0 || !Number.isFinite(reset)) {
		return undefined;
	}
	return resetDelayMs(reset, now);
}

/**
 * Reads a response's quota headers: `RateLimit-Limit/-Remaining/-Reset` (or their `X-` forms),
 * with the window from `RateLimit-Policy: 20;w=1` (or `RateLimit-Limit: 20, 20;w=1`), and the
 * structured form of the IETF draft (`RateLimit-Policy: "p";q=20;w=1`, `RateLimit: "p";r=5;t=1`).
 */
export function advertisedQuota(
	headers: ResponseHeaders,
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
		resetMs: resetSeconds === undefined ? undefined : resetDelayMs(resetSeconds, now),
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

/** A header's first value, whatever the case of its name; `name` is given in lower case. */
export function headerValue(
	headers: ResponseHeaders | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? value[0] : value;
}
