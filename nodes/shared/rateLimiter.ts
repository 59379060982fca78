import { sleep } from 'n8n-workflow';

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

/** What one response's `RateLimit-*` headers said (read by `advertisedQuota` in transport). */
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

/** Time as the limiter sees it; tests pass a logical clock. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface RateLimiterOptions {
	/**
	 * How much later than the limit strictly allows each request is sent. The provider counts a
	 * request when it arrives, not when it left, so two requests sent a window apart can arrive
	 * less than a window apart when the first one was held up on the way.
	 */
	jitterMarginMs?: number;
	clock?: Clock;
}

/** One request let through by `acquire`; hand it back to `answered` when its response comes. */
export interface SentRequest {
	readonly sentAt: number;
	/** Its round trip, once answered. */
	roundTripMs?: number;
}

export const DEFAULT_JITTER_MARGIN_MS = 25;
/** A 429 despite pacing widens the margin, up to this share of the window. */
const MAX_JITTER_MARGIN_SHARE = 0.1;
/** Round trips remembered to know the fastest one. */
const ROUND_TRIP_SAMPLES = 64;

const systemClock: Clock = { now: () => Date.now(), sleep };

/** What every pacing shape needs to know about the run so far. */
interface PacingState {
	marginMs: number;
	/** The fastest recent round trip: a request slower than that by more than the margin may have arrived late. */
	fastestRoundTripMs: number;
}

interface Pacer {
	readonly limit: RateLimit;
	/** ms until a request may go (0: now). */
	waitMs(now: number, state: PacingState): number;
	/** A request goes now. */
	take(sent: SentRequest): void;
	/** Requests that could go right now. */
	room(now: number, state: PacingState): number;
	/** The provider says its quota is spent: count it as spent from now. */
	spend(now: number, state: PacingState): void;
	/** The provider advertises a lower limit than this pacer's: keep to it. */
	lower(limit: number): void;
}

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

	waitMs(now: number, state: PacingState): number {
		const expiries = this.expiries(now, state);
		if (expiries.length < this.limit.limit) return 0;
		return expiries[expiries.length - this.limit.limit] - now;
	}

	take(sent: SentRequest): void {
		this.sent.push(sent);
	}

	room(now: number, state: PacingState): number {
		return Math.max(0, this.limit.limit - this.expiries(now, state).length);
	}

	/**
	 * Requests this run does not know about fill the provider's window (another workflow on the
	 * same key or IP, or requests that arrived late): counted as sent now, the latest they can be.
	 */
	spend(now: number, state: PacingState): void {
		for (let missing = this.room(now, state); missing > 0; missing--) this.sent.push({ sentAt: now });
	}

	lower(limit: number): void {
		this.limit.limit = limit;
	}

	/** When each request still counted stops counting, earliest first; forgets the rest. */
	private expiries(now: number, state: PacingState): number[] {
		const { windowMs } = this.limit;
		const expiryOf = ({ sentAt, roundTripMs }: SentRequest) => {
			const lateBy = roundTripMs === undefined ? 0 : roundTripMs - state.fastestRoundTripMs - state.marginMs;
			return sentAt + Math.max(0, lateBy) + windowMs + state.marginMs;
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
		return (this.limit.burst - 1) * this.interval;
	}

	waitMs(now: number, { marginMs }: PacingState): number {
		const untilToken = this.theoreticalArrival - this.tolerance - now;
		return untilToken > 0 ? untilToken + marginMs : 0;
	}

	take({ sentAt }: SentRequest): void {
		this.theoreticalArrival = Math.max(this.theoreticalArrival, sentAt) + this.interval;
	}

	room(now: number): number {
		const tokens = Math.floor((now - this.theoreticalArrival + this.tolerance) / this.interval) + 1;
		return Math.min(this.limit.burst, Math.max(0, tokens));
	}

	spend(now: number): void {
		this.theoreticalArrival = Math.max(this.theoreticalArrival, now + this.tolerance + this.interval);
	}

	/** An advertised quota is the most the bucket holds. */
	lower(limit: number): void {
		this.limit.burst = Math.min(this.limit.burst, limit);
	}
}

function pacerFor(rateLimit: RateLimit): Pacer {
	const limit = { ...rateLimit };
	return limit.burst !== undefined && limit.burst > 0
		? new TokenBucket(limit as RateLimit & { burst: number })
		: new SlidingWindow(limit);
}

/**
 * Client-side pacing shared by every request of one node run, so a bulk run stays just under
 * the provider's limit instead of bouncing off 429s. It starts from the documented limit and
 * keeps to what the provider says: a 429's Retry-After or a spent quota pauses it, a lower
 * advertised `RateLimit-Limit` replaces the documented one, and a provider that documents
 * nothing but names its window (`RateLimit-Policy`) is paced by that.
 */
export class RateLimiter {
	private pacer?: Pacer;
	private pausedUntil = 0;
	private readonly state: PacingState;
	private readonly roundTrips: number[] = [];
	private widenedAt = -Infinity;
	private readonly clock: Clock;

	constructor(rateLimit?: RateLimit, options: RateLimiterOptions = {}) {
		this.pacer = rateLimit ? pacerFor(rateLimit) : undefined;
		this.state = { marginMs: options.jitterMarginMs ?? DEFAULT_JITTER_MARGIN_MS, fastestRoundTripMs: 0 };
		this.clock = options.clock ?? systemClock;
	}

	/** The limit being kept to, if any: the documented one, or what the provider advertised. */
	get rateLimit(): RateLimit | undefined {
		return this.pacer ? { ...this.pacer.limit } : undefined;
	}

	get jitterMarginMs(): number {
		return this.state.marginMs;
	}

	/** Resolves when one more request may be sent, and counts it. */
	async acquire(): Promise<SentRequest> {
		for (;;) {
			const now = this.clock.now();
			const waitMs = Math.max(this.pausedUntil - now, this.pacer?.waitMs(now, this.state) ?? 0);
			if (waitMs <= 0) {
				const sent: SentRequest = { sentAt: now };
				this.pacer?.take(sent);
				return sent;
			}
			await this.clock.sleep(waitMs);
		}
	}

	/** Sends nothing for `ms` (a Retry-After, a quota reset). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	/** A response came back: its round trip, and what its `RateLimit-*` headers said. */
	answered(sent: SentRequest, quota: AdvertisedQuota = {}): void {
		const now = this.clock.now();
		sent.roundTripMs = now - sent.sentAt;
		this.roundTrips.push(sent.roundTripMs);
		if (this.roundTrips.length > ROUND_TRIP_SAMPLES) this.roundTrips.shift();
		this.state.fastestRoundTripMs = Math.min(...this.roundTrips);
		this.observe(quota, now);
	}

	/**
	 * The provider refused a request (429) although this limiter let it go: requests arrive closer
	 * together than they left (or others share the quota). Its quota is spent now, and the
	 * margin widens, once per window, so it does not happen again.
	 */
	refused(): void {
		if (!this.pacer) return;
		const now = this.clock.now();
		const { windowMs } = this.pacer.limit;
		if (now - this.widenedAt >= windowMs) {
			const maxMarginMs = Math.max(DEFAULT_JITTER_MARGIN_MS, windowMs * MAX_JITTER_MARGIN_SHARE);
			this.state.marginMs = Math.min(maxMarginMs, Math.max(DEFAULT_JITTER_MARGIN_MS, this.state.marginMs * 2));
			this.widenedAt = now;
		}
		this.pacer.spend(now, this.state);
	}

	private observe(quota: AdvertisedQuota, now: number): void {
		if (quota.limit !== undefined && quota.limit > 0) this.adopt({ ...quota, limit: quota.limit }, now);
		if (quota.remaining !== 0) return;
		if (this.pacer) {
			// With a known limit, a quota spent though this run did not spend it means others share it.
			if (this.pacer.room(now, this.state) > 0) this.pacer.spend(now, this.state);
		} else if (quota.resetMs !== undefined) {
			this.pauseFor(quota.resetMs);
		}
	}

	/** An advertised limit below the documented one (a plan's quota, a shared key) is kept to. */
	private adopt({ limit, windowMs, remaining }: AdvertisedQuota & { limit: number }, now: number): void {
		if (!this.pacer) {
			// Nothing documented: pace by the advertised quota only when the server names its window.
			if (windowMs === undefined) return;
			this.pacer = pacerFor({ limit, windowMs });
			// What the server already counts (this run's first requests, other runs) is counted from now.
			const used = remaining === undefined ? 0 : Math.max(0, limit - remaining);
			for (let n = 0; n < used; n++) this.pacer.take({ sentAt: now });
			return;
		}
		const documented = this.pacer.limit;
		if (windowMs === undefined || windowMs === documented.windowMs) {
			if (limit < (documented.burst ?? documented.limit)) this.pacer.lower(limit);
		} else if (documented.burst === undefined && limit / windowMs < documented.limit / documented.windowMs) {
			this.pacer = pacerFor({ limit, windowMs });
		}
	}
}
