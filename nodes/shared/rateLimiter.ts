import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Requests allowed in any window of `windowMs`, as the provider documents or advertises. */
	limit: number;
	windowMs: number;
}

/**
 * Client-side pacing over a sliding window, shared by every request of one node run, so a
 * bulk run stays just under the provider's limit instead of bouncing off 429s. The server
 * can also pause it: a 429's Retry-After, or `RateLimit-Remaining: 0` until the reset.
 */
export class RateLimiter {
	private readonly sentAt: number[] = [];
	private pausedUntil = 0;

	constructor(private readonly rateLimit?: RateLimit) {}

	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const waitMs = Math.max(this.pausedUntil - now, this.windowWaitMs(now));
			if (waitMs <= 0) {
				if (this.rateLimit) this.sentAt.push(now);
				return;
			}
			await sleep(waitMs);
		}
	}

	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	private windowWaitMs(now: number): number {
		if (!this.rateLimit) return 0;
		const { limit, windowMs } = this.rateLimit;
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - windowMs) this.sentAt.shift();
		if (this.sentAt.length < limit) return 0;
		return this.sentAt[0] + windowMs - now;
	}
}
