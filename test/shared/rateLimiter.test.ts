import type { RateLimit } from '../../nodes/shared/rateLimit';
import { DEFAULT_JITTER_MARGIN_MS, RateLimiter, type Clock } from '../../nodes/shared/rateLimiter';
import { statedRateLimit } from '../../nodes/shared/statedRateLimit';
import { advertisedQuota, type AdvertisedQuota } from '../../nodes/shared/rateLimitHeaders';
import { busiestWindow } from '../sandbox/server';

/**
 * Time that moves only when every task is waiting: each test runs in logical milliseconds,
 * so its assertions are exact and never depend on how busy the machine is.
 */
class LogicalClock implements Clock {
	private time = 0;
	private timers: Array<{ at: number; wake: () => void }> = [];

	now = () => this.time;

	advance(ms: number): void {
		this.time += ms;
	}

	sleep = (ms: number) => new Promise<void>((wake) => this.timers.push({ at: this.time + Math.max(0, ms), wake }));

	async run<T>(work: Promise<T>): Promise<T> {
		let done = false;
		void work.finally(() => (done = true)).catch(() => {});
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (done) return await work;
			if (this.timers.length === 0) throw new Error('every task waits for nothing');
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers.shift()!;
			this.time = next.at;
			next.wake();
		}
	}
}

/** Requests as the provider sees them: when each left, and when it arrived. */
interface Traffic {
	sentAt: number[];
	arrivedAt: number[];
}

interface Simulation {
	requests: number;
	concurrency: number;
	/** The provider's processing time before it answers. */
	latencyMs: number;
	/** How long request n takes to reach the provider. */
	delayMs?: (n: number) => number;
	/** What the provider's headers say on the answer to request n. */
	quota?: (n: number, arrivedAt: number) => AdvertisedQuota;
}

/** Workers that send through the limiter, as the item loop and transport do. */
async function simulate(clock: LogicalClock, limiter: RateLimiter, simulation: Simulation): Promise<Traffic> {
	const traffic: Traffic = { sentAt: [], arrivedAt: [] };
	let next = 0;
	const worker = async () => {
		while (next < simulation.requests) {
			const n = next++;
			const sent = await limiter.acquire();
			const delayMs = simulation.delayMs?.(n) ?? 0;
			traffic.sentAt[n] = sent.sentAt;
			traffic.arrivedAt[n] = sent.sentAt + delayMs;
			await clock.sleep(delayMs + simulation.latencyMs);
			limiter.answered(sent, simulation.quota?.(n, traffic.arrivedAt[n]) ?? {});
		}
	};
	await clock.run(Promise.all(Array.from({ length: simulation.concurrency }, worker)));
	return traffic;
}

/** A repeatable spread of delays (0..maxMs), so a test sees the same "random" jitter every run. */
const jitter = (maxMs: number) => (n: number) => ((n * 7919) % 101) * (maxMs / 100);

const augno: RateLimit = { limit: 20, windowMs: 1000 };

describe("a credential's stated limit without a burst (a queue-mode worker's share)", () => {
	test('600 per minute keeps every second to 10 and reaches at least 95% of it, so two workers together near 20/s', async () => {
		const clock = new LogicalClock();
		const traffic = await simulate(clock, new RateLimiter(statedRateLimit({ rateLimitPerMinute: 600 }), { clock }), {
			requests: 200,
			concurrency: 5,
			latencyMs: 100,
			delayMs: jitter(DEFAULT_JITTER_MARGIN_MS),
		});

		expect(busiestWindow(traffic.arrivedAt, 1000)).toBeLessThanOrEqual(10);
		const steadyRate = (190 - 10) / ((traffic.sentAt[190] - traffic.sentAt[10]) / 1000);
		expect(steadyRate).toBeGreaterThanOrEqual(0.95 * 10);
		expect(steadyRate).toBeLessThanOrEqual(10);
	});
});

describe('sliding window (Augno: 20 requests per second)', () => {
	test('keeps every second of arrivals to 20 and reaches at least 95% of the limit', async () => {
		const clock = new LogicalClock();
		const traffic = await simulate(clock, new RateLimiter(augno, { clock }), {
			requests: 400,
			concurrency: 5,
			latencyMs: 100,
			delayMs: jitter(DEFAULT_JITTER_MARGIN_MS),
		});

		expect(busiestWindow(traffic.arrivedAt, 1000)).toBe(20);
		// The first 20 go at once; after that 20 per (1 s + margin), over whole windows.
		const steadyRate = (380 - 20) / ((traffic.sentAt[380] - traffic.sentAt[20]) / 1000);
		expect(steadyRate).toBeGreaterThanOrEqual(0.95 * 20);
		expect(steadyRate).toBeLessThanOrEqual(20);
	});

	test('a request answered slower than the fastest round trip counts for that much longer (a new connection)', async () => {
		const clock = new LogicalClock();
		// The first five requests open connections and arrive 170 ms late; the rest within 5 ms.
		const delayMs = (n: number) => (n < 5 ? 170 : n % 5);
		const traffic = await simulate(clock, new RateLimiter(augno, { clock }), { requests: 100, concurrency: 5, latencyMs: 100, delayMs });

		expect(busiestWindow(traffic.arrivedAt, 1000)).toBeLessThanOrEqual(20);
	});

	test('without the round trip rule, the same late arrivals would overrun the window', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		// Told of every answer at once: the round trips do not show that five arrived late.
		const sentAt: number[] = [];
		await clock.run(
			(async () => {
				for (let n = 0; n < 40; n++) {
					const sent = await limiter.acquire();
					limiter.answered(sent);
					sentAt.push(sent.sentAt);
				}
			})(),
		);
		const arrivedAt = sentAt.map((at, n) => at + (n < 5 ? 170 : 0));
		expect(busiestWindow(arrivedAt, 1000)).toBeGreaterThan(20);
	});

	test('a provider that says its quota is spent, though this run did not spend it, gets no request until a window has passed', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		await clock.run(
			(async () => {
				const sent = await limiter.acquire();
				limiter.answered(sent, { limit: 20, remaining: 0, resetMs: 1000 });
				await limiter.acquire();
			})(),
		);
		expect(clock.now()).toBe(1000 + DEFAULT_JITTER_MARGIN_MS);
	});

	test('a lower advertised RateLimit-Limit replaces the documented limit', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		const traffic = await simulate(clock, limiter, {
			requests: 100,
			concurrency: 5,
			latencyMs: 50,
			quota: () => ({ limit: 10, remaining: 5 }),
		});

		expect(limiter.rateLimit).toEqual({ limit: 10, windowMs: 1000 });
		// Requests after the first answers keep to 10 per second.
		expect(busiestWindow(traffic.arrivedAt.slice(20), 1000)).toBe(10);
	});

	test('a higher advertised limit is not taken: the documented one stays', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		await simulate(clock, limiter, { requests: 30, concurrency: 5, latencyMs: 50, quota: () => ({ limit: 100, remaining: 90 }) });
		expect(limiter.rateLimit).toEqual(augno);
	});

	test('a 429 despite pacing widens the margin once per window, up to a tenth of the window', () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		limiter.refused();
		limiter.refused();
		expect(limiter.jitterMarginMs).toBe(2 * DEFAULT_JITTER_MARGIN_MS);
		for (let n = 0; n < 5; n++) {
			clock.advance(1000);
			limiter.refused();
		}
		expect(limiter.jitterMarginMs).toBe(100);
	});
});

describe('token bucket (NetBird cloud: 120 per minute, burst 1200)', () => {
	const netBird: RateLimit = { limit: 120, windowMs: 60_000, burst: 1200 };

	test('sends the burst at once, then one request per 500 ms', async () => {
		const clock = new LogicalClock();
		const traffic = await simulate(clock, new RateLimiter(netBird, { clock }), { requests: 1210, concurrency: 1210, latencyMs: 100 });

		expect(traffic.sentAt.filter((at) => at === 0)).toHaveLength(1200);
		const afterBurst = traffic.sentAt.slice(1200);
		for (let n = 1; n < afterBurst.length; n++) expect(afterBurst[n] - afterBurst[n - 1]).toBeGreaterThanOrEqual(500);
	});

	test('a provider-side bucket of the same size never refuses, whatever the arrival jitter within the margin', async () => {
		const clock = new LogicalClock();
		const small: RateLimit = { limit: 2, windowMs: 1000, burst: 10 };
		const traffic = await simulate(clock, new RateLimiter(small, { clock }), {
			requests: 60,
			concurrency: 5,
			latencyMs: 100,
			delayMs: jitter(DEFAULT_JITTER_MARGIN_MS),
		});

		// The provider's bucket, by arrival time: 10 tokens, 2 per second.
		let tokens = 10;
		let last = 0;
		let refused = 0;
		for (const at of [...traffic.arrivedAt].sort((a, b) => a - b)) {
			tokens = Math.min(10, tokens + ((at - last) * 2) / 1000);
			last = at;
			if (tokens >= 1) tokens -= 1;
			else refused++;
		}
		expect(refused).toBe(0);
		// 10 at once, then 50 at 2 per second: 25 s, and the margin once.
		expect(traffic.sentAt[59]).toBeLessThanOrEqual(25_000 + DEFAULT_JITTER_MARGIN_MS);
	});

	test('a 429 empties the bucket: the next request waits one interval', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(netBird, { clock });
		await clock.run(
			(async () => {
				await limiter.acquire();
				limiter.refused();
				await limiter.acquire();
			})(),
		);
		expect(clock.now()).toBe(500 + limiter.jitterMarginMs);
	});
});

describe('a provider without a documented limit', () => {
	test('sends at once, limited only by the number of requests at once', async () => {
		const clock = new LogicalClock();
		const traffic = await simulate(clock, new RateLimiter(undefined, { clock }), { requests: 50, concurrency: 50, latencyMs: 100 });
		expect(new Set(traffic.sentAt)).toEqual(new Set([0]));
	});

	test('a spent quota pauses every request until the reset', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(undefined, { clock });
		await clock.run(
			(async () => {
				const sent = await limiter.acquire();
				limiter.answered(sent, { limit: 10, remaining: 0, resetMs: 2000 });
				await limiter.acquire();
			})(),
		);
		expect(clock.now()).toBe(2000);
	});

	test('an advertised quota with its window (RateLimit-Policy) is paced, counting what the provider already counted', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(undefined, { clock });
		const traffic = await simulate(clock, limiter, {
			requests: 60,
			concurrency: 5,
			latencyMs: 100,
			quota: (n) => ({ limit: 10, windowMs: 1000, remaining: Math.max(0, 10 - n - 1) }),
		});

		expect(limiter.rateLimit).toEqual({ limit: 10, windowMs: 1000 });
		// The first 5 went before any answer said how; from then on, 10 per second.
		expect(busiestWindow(traffic.arrivedAt.slice(5), 1000)).toBeLessThanOrEqual(10);
	});
});

describe('advertisedQuota reads the RateLimit headers providers send', () => {
	test.each([
		['RateLimit-* (Augno)', { 'ratelimit-limit': '20', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' }, { limit: 20, remaining: 0, resetMs: 1000 }],
		['X-RateLimit-*', { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '59', 'X-RateLimit-Reset': '30' }, { limit: 60, remaining: 59, resetMs: 30_000 }],
		['a policy with its window', { 'RateLimit-Limit': '20', 'RateLimit-Policy': '20;w=1' }, { limit: 20, windowMs: 1000 }],
		['the window inside RateLimit-Limit', { 'RateLimit-Limit': '100, 100;w=60' }, { limit: 100, windowMs: 60_000 }],
		['the structured draft', { RateLimit: '"default";r=3;t=2', 'RateLimit-Policy': '"default";q=50;w=10' }, { limit: 50, windowMs: 10_000, remaining: 3, resetMs: 2000 }],
		['a policy for another quota than the limit', { 'RateLimit-Limit': '20', 'RateLimit-Policy': '1000;w=3600' }, { limit: 20 }],
		['nothing', {}, {}],
	])('%s', (_name, headers, quota) => {
		expect(advertisedQuota(headers as Record<string, string>, 0)).toEqual(quota);
	});

	test('a reset given as an epoch time is read as the time left', () => {
		expect(advertisedQuota({ 'RateLimit-Reset': '2000000010' }, 2_000_000_000_000)).toEqual({ resetMs: 10_000 });
	});
});

/**
 * A provider that enforces a lower limit than the limiter knows and says nothing about it (no
 * headers, no Retry-After), as self-hosted NetBird: requests are judged by arrival, as it would.
 */
async function simulateAgainstProvider(
	clock: LogicalClock,
	limiter: RateLimiter,
	{ requests, concurrency, latencyMs, accepts }: { requests: number; concurrency: number; latencyMs: number; accepts: (arrivedAt: number) => boolean },
) {
	const outcomes: Array<{ arrivedAt: number; accepted: boolean }> = [];
	let next = 0;
	const worker = async () => {
		while (next < requests) {
			next++;
			// Each request is retried until accepted, as the transport does.
			for (;;) {
				const sent = await limiter.acquire();
				const accepted = accepts(sent.sentAt);
				outcomes.push({ arrivedAt: sent.sentAt, accepted });
				await clock.sleep(latencyMs);
				if (accepted) {
					limiter.answered(sent);
					break;
				}
				limiter.refused(sent);
			}
		}
	};
	await clock.run(Promise.all(Array.from({ length: concurrency }, worker)));
	return outcomes;
}

/** The provider's own token bucket, by arrival time. */
function providerBucket({ limit, windowMs, burst }: Required<RateLimit>) {
	let tokens = burst;
	let last = 0;
	return (at: number) => {
		tokens = Math.min(burst, tokens + ((at - last) * limit) / windowMs);
		last = at;
		if (tokens < 1) return false;
		tokens -= 1;
		return true;
	};
}

/** The provider's own sliding window, by arrival time. */
function providerWindow({ limit, windowMs }: RateLimit) {
	const arrived: number[] = [];
	return (at: number) => {
		while (arrived.length > 0 && arrived[0] <= at - windowMs) arrived.shift();
		if (arrived.length >= limit) return false;
		arrived.push(at);
		return true;
	};
}

describe('learning a limit lower than the documented one, from refusals that say nothing', () => {
	test('NetBird documented at 120 per minute, burst 1200; the server allows 60 per minute, burst 5: refusals stop, and the pace never goes above the documented one', async () => {
		const clock = new LogicalClock();
		const netBird: RateLimit = { limit: 120, windowMs: 60_000, burst: 1200 };
		const limiter = new RateLimiter(netBird, { clock });
		const outcomes = await simulateAgainstProvider(clock, limiter, {
			requests: 80,
			concurrency: 10,
			latencyMs: 50,
			accepts: providerBucket({ limit: 60, windowMs: 60_000, burst: 5 }),
		});

		const refusals = outcomes.filter((outcome) => !outcome.accepted);
		expect(refusals.length).toBeGreaterThan(0);
		// Once learned, only the pace's probes upwards are refused: at most one in the last 60
		// attempts (a limiter that does not learn is refused every other time here).
		expect(outcomes.slice(-60).filter((outcome) => !outcome.accepted).length).toBeLessThanOrEqual(1);
		const learned = limiter.rateLimit!;
		expect(learned.burst).toBeLessThan(netBird.burst!);
		expect(learned.limit).toBeLessThanOrEqual(60);
		expect(limiter.ceiling).toEqual(netBird);
	});

	test('a sliding window documented at 20 per second that really allows 5: halves until refusals stop, then 5 per second', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		const outcomes = await simulateAgainstProvider(clock, limiter, {
			requests: 100,
			concurrency: 10,
			latencyMs: 20,
			accepts: providerWindow({ limit: 5, windowMs: 1000 }),
		});

		const refusals = outcomes.filter((outcome) => !outcome.accepted).length;
		// Two halvings (20, 10, 5) cost about a window of refusals each, 15 and 5; a limiter that
		// does not learn sends 20 a window and is refused 15 times for every 5 it gets through.
		expect(refusals).toBeLessThanOrEqual(30);
		expect(outcomes.slice(-50).filter((outcome) => !outcome.accepted).length).toBeLessThanOrEqual(5);
		expect(limiter.rateLimit!.limit).toBeLessThanOrEqual(6);
	});

	test('accepted requests give the pace back a little at a time, up to the documented limit and never beyond', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		await clock.run(
			(async () => {
				const refused = await limiter.acquire();
				limiter.refused(refused);
				expect(limiter.rateLimit!.limit).toBe(10);
				for (let n = 0; n < 400; n++) limiter.answered(await limiter.acquire());
			})(),
		);
		expect(limiter.rateLimit).toEqual(augno);
	});

	test('a refusal that names its wait (Retry-After) pauses, but does not slow the pace down', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		await clock.run(
			(async () => {
				limiter.refused(await limiter.acquire(), {}, { guided: true });
			})(),
		);
		expect(limiter.rateLimit).toEqual(augno);
	});

	test('refusals of requests sent before the pace changed count once: a burst of them halves the pace once', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(augno, { clock });
		await clock.run(
			(async () => {
				const sent = await Promise.all(Array.from({ length: 20 }, () => limiter.acquire()));
				for (const request of sent) limiter.refused(request);
			})(),
		);
		expect(limiter.rateLimit!.limit).toBe(10);
	});
});

describe('waits the limiter never takes', () => {
	test('a pause longer than its cap is refused, so nothing waits for it', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(undefined, { clock, maxPauseMs: 60_000 });
		expect(limiter.pauseFor(3_600_000)).toBe(false);
		await clock.run(limiter.acquire());
		expect(clock.now()).toBe(0);
	});

	test('a spent quota with an hour to its reset does not pause a provider without a documented limit', async () => {
		const clock = new LogicalClock();
		const limiter = new RateLimiter(undefined, { clock, maxPauseMs: 60_000 });
		await clock.run(
			(async () => {
				limiter.answered(await limiter.acquire(), { remaining: 0, resetMs: 3_600_000 });
				await limiter.acquire();
			})(),
		);
		expect(clock.now()).toBe(0);
	});

	test('a caller that may wait less than the pace asks is told at once, and the others keep their turn', async () => {
		const clock = new LogicalClock();
		// A quota of 2 an hour, as a RateLimit-Policy could name it.
		const limiter = new RateLimiter({ limit: 2, windowMs: 3_600_000 }, { clock });
		const outcome = await clock.run(
			(async () => {
				await limiter.acquire();
				await limiter.acquire();
				return await limiter.acquire(60_000).then(
					() => 'sent',
					(error: Error) => error.name,
				);
			})(),
		);
		expect(outcome).toBe('PacingWaitTooLongError');
		expect(clock.now()).toBe(0);
	});
});
