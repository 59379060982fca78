import { sleep } from 'n8n-workflow';

import { pacerFor, type Pacer, type PacingState } from './pacers';
import type { RateLimit, SentRequest } from './rateLimit';
import type { AdvertisedQuota } from './rateLimitHeaders';

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
/** Round trips remembered to know the fastest one. */
const ROUND_TRIP_SAMPLES = 64;
const systemClock: Clock = { now: () => Date.now(), sleep };

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
