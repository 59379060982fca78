/**
 * The two shapes a documented rate limit takes, each kept as a pacer the limiter asks when the
 * next request may go: a sliding window (Augno) and a token bucket (NetBird). Each also knows how
 * to slow down after a refusal and creep back up, since what goes wrong differs between them.
 */

import type { RateLimit, SentRequest } from './rateLimit';

/** A 429 despite pacing widens the margin, up to this share of the window (of the refill interval for a bucket). */
const MAX_JITTER_MARGIN_SHARE = 0.1;
/** Learning a lower limit: each refusal episode halves the pace, never below this share of the ceiling... */
const SLOWEST_SHARE = 1 / 64;
/** ...and every window's worth of accepted requests gives back this share of it. */
const RECOVERY_SHARE = 1 / 20;

/** What every pacing shape needs to know about the run so far. */
export interface PacingState {
	marginMs: number;
	/**
	 * The fastest recent round trip: a request slower than that by more than the margin may have
	 * arrived late. 0 until an answer came: the first requests all open connections at once, so
	 * none of them shows how fast a request normally is.
	 */
	fastestRoundTripMs: number;
	/**
	 * How much recent round trips differ (the 90th percentile less the 10th). When n8n is busy,
	 * requests are held up between leaving the limiter and leaving the machine, by anything from
	 * nothing to the whole fastest round trip: the fastest then says little about being on time.
	 */
	roundTripSpreadMs: number;
}

export interface Pacer {
	/** The limit kept to now: the ceiling, or less after refusals. */
	readonly limit: RateLimit;
	/** ms until a request may go (0: now). */
	waitMs(now: number, state: PacingState): number;
	/** A request goes now. */
	countSent(sent: SentRequest, now: number, state: PacingState): void;
	/** Requests that could go right now. */
	requestsAllowedNow(now: number, state: PacingState): number;
	/** The provider says its quota is spent: count it as spent from now. */
	countQuotaAsSpent(now: number, state: PacingState): void;
	/** The largest margin worth keeping: a share of the time between requests. */
	readonly maxMarginMs: number;
	/** Refused though paced: go slower (the part of the limit that was wrong). */
	slowDown(refused: SentRequest, ceiling: RateLimit, now: number): void;
	/** Accepted for a while: creep back towards the ceiling. Returns false when already there. */
	speedUp(ceiling: RateLimit, now: number): boolean;
}

const halvedDownTo = (value: number, floor: number) => Math.max(floor, value / 2);
const raisedUpTo = (value: number, ceiling: number, step: number) => Math.min(ceiling, value + step);

/**
 * At most `limit` requests in any `windowMs`, by the provider's clock: it counts a request when
 * it arrives. A request stays counted for the window plus the margin after it left, and a
 * request whose answer took longer than the fastest round trip by more than the margin stays
 * counted that much longer, since it may have arrived that late (a new connection, a busy
 * event loop).
 */
class SlidingWindow implements Pacer {
	private sent: SentRequest[] = [];

	constructor(readonly limit: RateLimit) {}

	get maxMarginMs(): number {
		return this.limit.windowMs * MAX_JITTER_MARGIN_SHARE;
	}

	waitMs(now: number, state: PacingState): number {
		const expiries = this.expiries(now, state);
		const allowed = Math.floor(this.limit.limit);
		if (expiries.length < allowed) return 0;
		return expiries[expiries.length - allowed] - now;
	}

	countSent(sent: SentRequest, _now: number, state: PacingState): void {
		sent.baselineMs = state.fastestRoundTripMs;
		this.sent.push(sent);
	}

	requestsAllowedNow(now: number, state: PacingState): number {
		return Math.max(0, Math.floor(this.limit.limit) - this.expiries(now, state).length);
	}

	/**
	 * Requests this run does not know about fill the provider's window (another workflow on the
	 * same key or IP, or requests that arrived late): counted as sent now, the latest they can be.
	 */
	countQuotaAsSpent(now: number, state: PacingState): void {
		for (let missing = this.requestsAllowedNow(now, state); missing > 0; missing--) this.sent.push({ sentAt: now, roundTripMs: 0 });
	}

	slowDown(_refused: SentRequest, ceiling: RateLimit): void {
		this.limit.limit = Math.floor(halvedDownTo(this.limit.limit, Math.max(1, ceiling.limit * SLOWEST_SHARE)));
	}

	speedUp(ceiling: RateLimit): boolean {
		if (this.limit.limit >= ceiling.limit) return false;
		this.limit.limit = Math.floor(raisedUpTo(this.limit.limit, ceiling.limit, Math.max(1, ceiling.limit * RECOVERY_SHARE)));
		return true;
	}

	/**
	 * When each request still counted stops counting, earliest first; forgets the rest. One still
	 * in flight may not have arrived yet: it counts at least until a window after now, less the
	 * fastest round trip, as it will once answered.
	 */
	private expiries(now: number, state: PacingState): number[] {
		const { windowMs } = this.limit;
		const { marginMs } = state;
		const expiryOf = ({ sentAt, roundTripMs = now - sentAt, baselineMs = 0 }: SentRequest) => {
			// What of a round trip is surely not lateness: the fastest one, less how much they vary.
			const onTimeMs = Math.max(0, Math.min(baselineMs, state.fastestRoundTripMs) - state.roundTripSpreadMs);
			const lateBy = roundTripMs - onTimeMs - marginMs;
			return sentAt + Math.max(0, lateBy) + windowMs + marginMs;
		};
		this.sent = this.sent.filter((sent) => expiryOf(sent) > now);
		return this.sent.map(expiryOf).sort((a, b) => a - b);
	}
}

/**
 * A token bucket, kept as a theoretical arrival time (GCRA): one request per `interval` on
 * average, `burst` at once after a quiet spell. A request that finds the bucket empty waits
 * for its token and the margin: the provider refills from when requests arrive, which can be
 * later than when they left.
 */
class TokenBucket implements Pacer {
	private theoreticalArrival = -Infinity;

	constructor(readonly limit: RateLimit & { burst: number }) {}

	private get interval(): number {
		return this.limit.windowMs / this.limit.limit;
	}

	private get tolerance(): number {
		return (Math.floor(this.limit.burst) - 1) * this.interval;
	}

	get maxMarginMs(): number {
		return this.interval * MAX_JITTER_MARGIN_SHARE;
	}

	waitMs(now: number, { marginMs }: PacingState): number {
		const untilToken = this.theoreticalArrival - this.tolerance - now;
		return untilToken > 0 ? untilToken + marginMs : 0;
	}

	countSent(sent: SentRequest, now: number): void {
		// More than this one token in the bucket: it spends what a quiet spell saved up.
		sent.fromBurst = this.requestsAllowedNow(now) > 1;
		this.theoreticalArrival = Math.max(this.theoreticalArrival, sent.sentAt) + this.interval;
	}

	requestsAllowedNow(now: number): number {
		const tokens = Math.floor((now - this.theoreticalArrival + this.tolerance) / this.interval) + 1;
		return Math.min(Math.floor(this.limit.burst), Math.max(0, tokens));
	}

	countQuotaAsSpent(now: number): void {
		this.theoreticalArrival = Math.max(this.theoreticalArrival, now + this.tolerance + this.interval);
	}

	/**
	 * A request sent on saved-up tokens was refused: the provider's bucket is smaller than ours
	 * (self-hosted NetBird: 500, or whatever its admin set, against the cloud's 1200). One sent
	 * at the steady rate was refused: its refill is slower.
	 */
	slowDown(refused: SentRequest, ceiling: RateLimit, now: number): void {
		this.retune(now, () => {
			if (refused.fromBurst) this.limit.burst = Math.floor(halvedDownTo(this.limit.burst, 1));
			else this.limit.limit = halvedDownTo(this.limit.limit, ceiling.limit * SLOWEST_SHARE);
		});
	}

	speedUp(ceiling: RateLimit, now: number): boolean {
		const ceilingBurst = ceiling.burst ?? 1;
		if (this.limit.limit >= ceiling.limit && this.limit.burst >= ceilingBurst) return false;
		this.retune(now, () => {
			if (this.limit.limit < ceiling.limit) {
				this.limit.limit = raisedUpTo(this.limit.limit, ceiling.limit, ceiling.limit * RECOVERY_SHARE);
			} else {
				this.limit.burst = Math.floor(raisedUpTo(this.limit.burst, ceilingBurst, Math.max(1, ceilingBurst * RECOVERY_SHARE)));
			}
		});
		return true;
	}

	/**
	 * The theoretical arrival time means something only for one rate and burst: a change keeps
	 * the tokens saved up (as many as the new bucket holds), or the wait for the next one.
	 */
	private retune(now: number, change: () => void): void {
		const untilToken = this.theoreticalArrival - this.tolerance - now;
		const saved = untilToken > 0 ? 0 : Math.min(Math.floor(this.limit.burst), Math.floor(-untilToken / this.interval) + 1);
		change();
		this.theoreticalArrival =
			untilToken > 0
				? now + this.tolerance + Math.min(untilToken, this.interval)
				: now + this.tolerance - (Math.min(saved, Math.floor(this.limit.burst)) - 1) * this.interval;
	}
}

export function pacerFor(rateLimit: RateLimit): Pacer {
	const limit = { ...rateLimit };
	return limit.burst !== undefined && limit.burst > 0
		? new TokenBucket(limit as RateLimit & { burst: number })
		: new SlidingWindow(limit);
}
