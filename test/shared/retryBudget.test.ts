import { RetryBudget, type FailedAttempt, type RetryPolicy } from '../../nodes/shared/retryWaits';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };
const noJitter = () => 0;
const waitTooLong = (waitMs: number) => new Error(`wait ${waitMs}`);

const refused = (waitMs?: number): FailedAttempt => ({ retryable: true, refusedByRateLimit: true, waitMs, error: new Error('429') });
const serverFailed: FailedAttempt = { retryable: true, error: new Error('503') };

/** How many retries a request gets for the same failure over and over, and what the waits add up to. */
function retriesUntilGivingUp(budget: RetryBudget, failure: FailedAttempt): { retries: number; waitedMs: number } {
	let retries = 0;
	let waitedMs = 0;
	for (;;) {
		const decision = budget.next(failure, waitTooLong);
		if (!decision.retry) return { retries, waitedMs };
		retries += 1;
		waitedMs += decision.waitMs;
	}
}

describe('the retries of one request', () => {
	test('a 429 asking for a second is retried until the waits reach the cap, not after five attempts: workers sharing an account lose that race in turn', () => {
		const { retries, waitedMs } = retriesUntilGivingUp(new RetryBudget(policy, noJitter), refused(1000));
		expect(retries).toBe(60);
		expect(waitedMs).toBe(60_000);
	});

	test('a 429 without a wait backs off exponentially within the same budget', () => {
		const { retries, waitedMs } = retriesUntilGivingUp(new RetryBudget(policy, noJitter), refused());
		// 250, 500, 1000, 2000, 4000, 8000, 10000 (the 20 s ceiling halved), 10000, 10000 ... up to 60 s
		expect(waitedMs).toBeLessThanOrEqual(60_000);
		expect(retries).toBe(10);
	});

	test('any other retryable failure still gets five attempts (four retries)', () => {
		expect(retriesUntilGivingUp(new RetryBudget(policy, noJitter), serverFailed).retries).toBe(4);
	});

	test('429s do not use up the attempts of other failures, nor the other way round', () => {
		const budget = new RetryBudget(policy, noJitter);
		for (let n = 0; n < 20; n++) expect(budget.next(refused(1000), waitTooLong).retry).toBe(true);
		for (let n = 0; n < 4; n++) expect(budget.next(serverFailed, waitTooLong).retry).toBe(true);
		expect(budget.next(serverFailed, waitTooLong).retry).toBe(false);
		expect(budget.next(refused(1000), waitTooLong).retry).toBe(true);
	});

	test('a wait longer than the cap is reported at once, and a refusal that is not retryable is not retried', () => {
		const tooLong = new RetryBudget(policy, noJitter).next(refused(3_600_000), waitTooLong);
		expect(tooLong).toEqual({ retry: false, error: new Error('wait 3600000') });
		const final = new RetryBudget(policy, noJitter).next({ ...refused(1000), retryable: false }, waitTooLong);
		expect(final.retry).toBe(false);
	});
});
