/**
 * A provider's rate limit, as documented. Two shapes:
 * - `{ limit, windowMs }`: a sliding window, at most `limit` requests in any `windowMs`
 *   (Augno: 20 per second per IP);
 * - `{ limit, windowMs, burst }`: a token bucket holding up to `burst` requests, refilled at
 *   `limit` per `windowMs` (NetBird cloud: 120 per minute, burst 1200).
 */
export interface RateLimit {
	limit: number;
	windowMs: number;
	burst?: number;
}

/** One request let through by `acquire`; hand it back to `answered` or `refused` when its response comes. */
export interface SentRequest {
	readonly sentAt: number;
	/** Its round trip, once answered. */
	roundTripMs?: number;
	/** It went on tokens saved up while idle (a burst), not on the steady rate. */
	fromBurst?: boolean;
	/** The fastest round trip known when it left (0 before any answer): what "late" is measured from. */
	baselineMs?: number;
	/** Which pace it was sent at: only a refusal at the current pace says something about it. */
	pace?: number;
}
