import { LimiterRegistry, accountKey, secretValuesOf, type PacedAccount } from '../../nodes/shared/limiterRegistry';
import type { RateLimit } from '../../nodes/shared/rateLimit';
import type { Clock } from '../../nodes/shared/rateLimiter';
import { statedRateLimit } from '../../nodes/shared/statedRateLimit';

/** A clock the test moves by hand. */
class ManualClock implements Clock {
	time = 0;
	now = () => this.time;
	sleep = async () => {};
}

const augno: RateLimit = { limit: 20, windowMs: 1000 };
const account = (overrides: Partial<PacedAccount> = {}): PacedAccount => ({
	provider: 'Augno',
	baseUrl: 'https://api.augno.com',
	secrets: ['apiKey=aug_sk_test_one'],
	rateLimit: augno,
	...overrides,
});

describe('one limiter per provider account', () => {
	test('the same provider, base URL and secret get the same limiter; any of them different, another', () => {
		const registry = new LimiterRegistry();
		const limiter = registry.limiterFor(account());
		expect(registry.limiterFor(account())).toBe(limiter);
		expect(registry.limiterFor(account({ secrets: ['apiKey=aug_sk_test_two'] }))).not.toBe(limiter);
		expect(registry.limiterFor(account({ baseUrl: 'https://api.openmrp.ai' }))).not.toBe(limiter);
		expect(registry.limiterFor(account({ provider: 'Flexprice' }))).not.toBe(limiter);
		// A changed stated limit starts afresh at that limit.
		expect(registry.limiterFor(account({ rateLimit: { limit: 10, windowMs: 60_000, burst: 1 } })).rateLimit).toEqual({ limit: 10, windowMs: 60_000, burst: 1 });
	});

	test('the key holds a hash of the secret, never the secret', () => {
		const key = accountKey(account({ secrets: ['apiKey=aug_sk_test_one'] }));
		expect(key).not.toContain('aug_sk_test_one');
		expect(key).toContain('https://api.augno.com');
	});

	test('the secret fields are the password fields, without the session token n8n renews', () => {
		const properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
			{ displayName: 'API Key', name: 'apiKey', type: 'string' as const, typeOptions: { password: true }, default: '' },
			{ displayName: 'Session', name: 'sessionToken', type: 'hidden' as const, typeOptions: { password: true, expirable: true }, default: '' },
		];
		const before = secretValuesOf({ baseUrl: 'https://crm.example.com', apiKey: 'k', sessionToken: 'first' }, properties);
		const renewed = secretValuesOf({ baseUrl: 'https://crm.example.com', apiKey: 'k', sessionToken: 'second' }, properties);
		expect(before).toEqual(['apiKey=k']);
		expect(renewed).toEqual(before);
	});

	test('an idle limiter is forgotten; a busy one is kept', () => {
		const clock = new ManualClock();
		const registry = new LimiterRegistry({ clock, idleMs: 60_000 });
		const idle = registry.limiterFor(account({ secrets: ['apiKey=idle'] }));
		const busy = registry.limiterFor(account({ secrets: ['apiKey=busy'] }));
		clock.time = 59_000;
		void busy.acquire();
		clock.time = 61_000;
		registry.limiterFor(account({ secrets: ['apiKey=new'] }));
		expect(registry.size).toBe(2);
		expect(registry.limiterFor(account({ secrets: ['apiKey=busy'] }))).toBe(busy);
		expect(registry.limiterFor(account({ secrets: ['apiKey=idle'] }))).not.toBe(idle);
	});

	test('memory stays bounded with many accounts', () => {
		const registry = new LimiterRegistry({ maxLimiters: 100 });
		for (let n = 0; n < 1000; n++) registry.limiterFor(account({ secrets: [`apiKey=${n}`] }));
		expect(registry.size).toBe(100);
	});
});

describe("the credential's stated limit", () => {
	test('requests per minute with a burst become a token bucket', () => {
		expect(statedRateLimit({ rateLimitPerMinute: 120, rateLimitBurst: 10 })).toEqual({ limit: 120, windowMs: 60_000, burst: 10 });
	});

	test('without a burst, requests are spread over the minute as whole requests per short window; a share per queue-mode worker may be a fraction', () => {
		expect(statedRateLimit({ rateLimitPerMinute: 600 })).toEqual({ limit: 10, windowMs: 1000 });
		expect(statedRateLimit({ rateLimitPerMinute: 90 })).toEqual({ limit: 1, windowMs: 60_000 / 90 });
		expect(statedRateLimit({ rateLimitPerMinute: 2.5 })).toEqual({ limit: 1, windowMs: 24_000 });
	});

	test('0 or nothing leaves the documented limit', () => {
		expect(statedRateLimit({ rateLimitPerMinute: 0 })).toBeUndefined();
		expect(statedRateLimit({})).toBeUndefined();
	});
});
