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
	/** The longest pause any header may impose on the limiter; a longer one is not waited for. */
	maxPauseMs?: number;
	clock?: Clock;
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

/** What a 429 said about when to come back. */
export interface Refusal {
	/** It named a wait (Retry-After, or a spent quota's reset): the provider paces us itself. */
	guided?: boolean;
}

/** The limiter would have to hold a request longer than its caller waits: the caller fails it instead. */
export class PacingWaitTooLongError extends Error {
	constructor(readonly waitMs: number) {
		super(`The next request may be sent in ${Math.ceil(waitMs / 1000)} s`);
		this.name = 'PacingWaitTooLongError';
	}
}

export const DEFAULT_JITTER_MARGIN_MS = 25;
export const DEFAULT_MAX_PAUSE_MS = 60_000;
/** A 429 despite pacing widens the margin, up to this share of the window (of the refill interval for a bucket). */
const MAX_JITTER_MARGIN_SHARE = 0.1;
/** Round trips remembered to know the fastest one. */
const ROUND_TRIP_SAMPLES = 64;
/** Learning a lower limit: each refusal episode halves the pace, never below this share of the ceiling... */
const SLOWEST_SHARE = 1 / 64;
/** ...and every window's worth of accepted requests gives back this share of it. */
const RECOVERY_SHARE = 1 / 20;

const systemClock: Clock = { now: () => Date.now(), sleep };

/** What every pacing shape needs to know about the run so far. */
interface PacingState {
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

interface Pacer {
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

function pacerFor(rateLimit: RateLimit): Pacer {
	const limit = { ...rateLimit };
	return limit.burst !== undefined && limit.burst > 0
		? new TokenBucket(limit as RateLimit & { burst: number })
		: new SlidingWindow(limit);
}

interface Waiter {
	maxWaitMs: number;
	resolve(sent: SentRequest): void;
	reject(error: Error): void;
}

/**
 * Client-side pacing for one provider account, shared by every request that uses it, so bulk
 * runs and bursts of executions stay just under the provider's limit instead of bouncing off
 * 429s. It starts from the documented (or stated) limit and keeps to what the provider says:
 * a 429's Retry-After or a spent quota pauses it, a lower advertised `RateLimit-Limit` replaces
 * the documented one, and a provider that documents nothing but names its window
 * (`RateLimit-Policy`) is paced by that. A provider that refuses without saying why or for how
 * long (self-hosted NetBird) teaches it: each episode of refusals halves the pace, and accepted
 * requests give it back a little at a time, never above the ceiling.
 */
export class RateLimiter {
	private pacer?: Pacer;
	/** The most the pace may reach: the documented limit, or less when the provider advertised less. */
	private ceilingLimit?: RateLimit;
	private pausedUntil = 0;
	private readonly state: PacingState;
	private readonly roundTrips: number[] = [];
	private widenedAt = -Infinity;
	/** Counts changes of pace: refusals of requests sent at an earlier pace were judged already. */
	private pace = 0;
	private acceptedSincePaceChange = 0;
	private readonly waiters: Waiter[] = [];
	private pumping = false;
	private lastUsedAt: number;
	private readonly clock: Clock;
	private readonly maxPauseMs: number;

	constructor(rateLimit?: RateLimit, options: RateLimiterOptions = {}) {
		this.pacer = rateLimit ? pacerFor(rateLimit) : undefined;
		this.ceilingLimit = rateLimit ? { ...rateLimit } : undefined;
		this.state = { marginMs: options.jitterMarginMs ?? DEFAULT_JITTER_MARGIN_MS, fastestRoundTripMs: 0, roundTripSpreadMs: 0 };
		this.clock = options.clock ?? systemClock;
		this.maxPauseMs = options.maxPauseMs ?? DEFAULT_MAX_PAUSE_MS;
		this.lastUsedAt = this.clock.now();
	}

	/** The limit being kept to now, if any: the ceiling, or less after refusals. */
	get rateLimit(): RateLimit | undefined {
		return this.pacer ? { ...this.pacer.limit } : undefined;
	}

	/** The most the pace goes back up to. */
	get ceiling(): RateLimit | undefined {
		return this.ceilingLimit ? { ...this.ceilingLimit } : undefined;
	}

	get jitterMarginMs(): number {
		return this.state.marginMs;
	}

	/** Whether nothing waits and nothing was sent or answered for `idleMs`: safe to forget. */
	isIdle(idleMs: number): boolean {
		return this.waiters.length === 0 && this.clock.now() - this.lastUsedAt >= idleMs;
	}

	/**
	 * Resolves when one more request may be sent, and counts it; callers are served in turn.
	 * Rejects with `PacingWaitTooLongError` at once when the wait is longer than `maxWaitMs`.
	 */
	acquire(maxWaitMs = Infinity): Promise<SentRequest> {
		this.lastUsedAt = this.clock.now();
		return new Promise((resolve, reject) => {
			this.waiters.push({ maxWaitMs, resolve, reject });
			void this.serveWaiters();
		});
	}

	/**
	 * Sends nothing for `ms` (a Retry-After, a quota reset). A pause longer than `maxPauseMs` is
	 * not taken: the caller fails its item instead, and the other items keep going.
	 */
	pauseFor(ms: number): boolean {
		if (ms > this.maxPauseMs) return false;
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
		return true;
	}

	/** A response came back: its round trip, and what its `RateLimit-*` headers said. */
	answered(sent: SentRequest, quota: AdvertisedQuota = {}): void {
		const now = this.recordRoundTrip(sent);
		this.observe(quota, now);
		if (!this.pacer || !this.ceilingLimit || sent.pace !== this.pace) return;
		if (++this.acceptedSincePaceChange >= Math.max(1, this.pacer.limit.limit)) {
			if (this.pacer.speedUp(this.ceilingLimit, now)) this.pace++;
			this.acceptedSincePaceChange = 0;
		}
	}

	/**
	 * The provider refused a request (429) although this limiter let it go: requests arrive closer
	 * together than they left, others share the quota, or the real limit is lower than the
	 * ceiling. Its quota is spent now, and the margin widens, once per window. A refusal that
	 * names no wait slows the pace down, once per episode: refusals of requests sent before the
	 * last change say nothing about the new pace.
	 */
	refused(sent?: SentRequest, quota: AdvertisedQuota = {}, { guided = false }: Refusal = {}): void {
		const now = sent ? this.recordRoundTrip(sent) : this.clock.now();
		this.observe(quota, now);
		if (!this.pacer || !this.ceilingLimit) return;
		if (now - this.widenedAt >= this.pacer.limit.windowMs) {
			const maxMarginMs = Math.max(DEFAULT_JITTER_MARGIN_MS, this.pacer.maxMarginMs);
			this.state.marginMs = Math.min(maxMarginMs, Math.max(DEFAULT_JITTER_MARGIN_MS, this.state.marginMs * 2));
			this.widenedAt = now;
		}
		if (sent && !guided && sent.pace === this.pace) {
			this.pacer.slowDown(sent, this.ceilingLimit, now);
			this.pace++;
			this.acceptedSincePaceChange = 0;
		}
		this.pacer.countQuotaAsSpent(now, this.state);
	}

	private waitMs(now: number): number {
		return Math.max(this.pausedUntil - now, this.pacer?.waitMs(now, this.state) ?? 0);
	}

	/** One loop hands out every send slot in turn, so a crowd of waiters wakes one timer, not one each. */
	private async serveWaiters(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiters.length > 0) {
				const now = this.clock.now();
				const waitMs = this.waitMs(now);
				if (waitMs <= 0) {
					const sent: SentRequest = { sentAt: now, pace: this.pace };
					this.pacer?.countSent(sent, now, this.state);
					this.lastUsedAt = now;
					this.waiters.shift()!.resolve(sent);
					continue;
				}
				for (const waiter of this.waiters.filter(({ maxWaitMs }) => waitMs > maxWaitMs)) {
					this.waiters.splice(this.waiters.indexOf(waiter), 1);
					waiter.reject(new PacingWaitTooLongError(waitMs));
				}
				if (this.waiters.length > 0) await this.clock.sleep(waitMs);
			}
		} finally {
			this.pumping = false;
		}
	}

	/**
	 * A request that got no answer (a dropped connection, a timeout) may have arrived at any time
	 * until now: it counts as if answered now, without being taken for a round trip.
	 */
	lost(sent: SentRequest): void {
		const now = this.clock.now();
		this.lastUsedAt = now;
		sent.roundTripMs = now - sent.sentAt;
	}

	private recordRoundTrip(sent: SentRequest): number {
		const now = this.clock.now();
		this.lastUsedAt = now;
		sent.roundTripMs = now - sent.sentAt;
		this.roundTrips.push(sent.roundTripMs);
		if (this.roundTrips.length > ROUND_TRIP_SAMPLES) this.roundTrips.shift();
		const sorted = [...this.roundTrips].sort((a, b) => a - b);
		this.state.fastestRoundTripMs = sorted[0];
		this.state.roundTripSpreadMs = sorted[Math.floor(sorted.length * 0.9)] - sorted[Math.floor(sorted.length * 0.1)];
		return now;
	}

	private observe(quota: AdvertisedQuota, now: number): void {
		if (quota.limit !== undefined && quota.limit > 0) this.adopt({ ...quota, limit: quota.limit }, now);
		if (quota.remaining !== 0) return;
		if (this.pacer) {
			// With a known limit, a quota spent though this run did not spend it means others share it.
			if (this.pacer.requestsAllowedNow(now, this.state) > 0) this.pacer.countQuotaAsSpent(now, this.state);
		} else if (quota.resetMs !== undefined) {
			this.pauseFor(quota.resetMs);
		}
	}

	/** An advertised limit below the documented one (a plan's quota, a shared key) is kept to. */
	private adopt({ limit, windowMs, remaining }: AdvertisedQuota & { limit: number }, now: number): void {
		if (!this.pacer || !this.ceilingLimit) {
			// Nothing documented: pace by the advertised quota only when the server names its window.
			if (windowMs === undefined) return;
			this.pacer = pacerFor({ limit, windowMs });
			this.ceilingLimit = { limit, windowMs };
			// What the server already counts (this run's first requests, other runs) is counted from now.
			const used = remaining === undefined ? 0 : Math.max(0, limit - remaining);
			for (let n = 0; n < used; n++) this.pacer.countSent({ sentAt: now, roundTripMs: 0 }, now, this.state);
			return;
		}
		const ceiling = this.ceilingLimit;
		const current = this.pacer.limit;
		if (windowMs === undefined || windowMs === ceiling.windowMs) {
			// An advertised quota is the most the window (or the bucket) holds.
			if (ceiling.burst !== undefined) {
				ceiling.burst = Math.min(ceiling.burst, limit);
				current.burst = Math.min(current.burst ?? limit, limit);
			} else if (limit < ceiling.limit) {
				ceiling.limit = limit;
				current.limit = Math.min(current.limit, limit);
			}
		} else if (ceiling.burst === undefined && limit / windowMs < ceiling.limit / ceiling.windowMs) {
			this.pacer = pacerFor({ limit, windowMs });
			this.ceilingLimit = { limit, windowMs };
		}
	}
}
