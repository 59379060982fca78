import { createHash } from 'crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RateLimit } from './rateLimit';
import { RateLimiter, type Clock } from './rateLimiter';
import { statedRateLimit } from './statedRateLimit';

/** One provider account as the limiter sees it: who is paced, and to what limit. */
export interface PacedAccount {
	provider: string;
	/** The credential's base URL, as checked. */
	baseUrl: string;
	/** The credential's secret values: hashed into the key, never kept. */
	secrets: string[];
	rateLimit?: RateLimit;
}

export interface LimiterRegistryOptions {
	/** A limiter unused for this long is forgotten (and what it learned with it). */
	idleMs?: number;
	/** Beyond this many accounts, the least recently used limiter is forgotten even if busy. */
	maxLimiters?: number;
	maxPauseMs?: number;
	clock?: Clock;
}

const IDLE_EVICTION_MS = 15 * 60_000;
const MAX_LIMITERS = 1000;

/**
 * The key of an account: provider, base URL, a hash of its secrets (two credentials holding
 * the same key share one quota), and the limit it is paced to (a changed stated limit starts afresh).
 */
export function accountKey({ provider, baseUrl, secrets, rateLimit }: PacedAccount): string {
	const secretHash = createHash('sha256').update(secrets.join('\u0000')).digest('hex');
	return [provider, baseUrl, secretHash, JSON.stringify(rateLimit ?? null)].join('\n');
}

/**
 * One limiter per account, for everyone who asks in this process, most recently used last
 * (a Map keeps insertion order), so the idle ones are found at the front.
 */
export class LimiterRegistry {
	private readonly limiters = new Map<string, RateLimiter>();

	constructor(private readonly options: LimiterRegistryOptions = {}) {}

	get size(): number {
		return this.limiters.size;
	}

	limiterFor(account: PacedAccount): RateLimiter {
		const key = accountKey(account);
		const limiter =
			this.limiters.get(key) ??
			new RateLimiter(account.rateLimit, { clock: this.options.clock, maxPauseMs: this.options.maxPauseMs });
		this.limiters.delete(key);
		this.limiters.set(key, limiter);
		this.evictIdle();
		return limiter;
	}

	private evictIdle(): void {
		const { idleMs = IDLE_EVICTION_MS, maxLimiters = MAX_LIMITERS } = this.options;
		for (const [key, limiter] of this.limiters) {
			if (this.limiters.size <= maxLimiters && !limiter.isIdle(idleMs)) return;
			this.limiters.delete(key);
		}
	}
}

/**
 * The values of the credential's password fields, except the ones n8n fills and renews itself
 * (an expirable session token changes without the account changing). Without the field list
 * (an n8n that does not offer it), every value counts: fewer limiters shared, never a wrong one.
 */
export function secretValuesOf(credentials: IDataObject, properties?: INodeProperties[]): string[] {
	const names = properties
		? properties.filter((p) => p.typeOptions?.password === true && p.typeOptions?.expirable !== true).map((p) => p.name)
		: Object.keys(credentials);
	return [...new Set(names)].sort().map((name) => `${name}=${String(credentials[name] ?? '')}`);
}

/** n8n loads the pack's modules once per process: every execution and node shares this registry. */
const processLimiters = new LimiterRegistry();

interface PacedProvider {
	name: string;
	credentialType: string;
	rateLimit?: RateLimit;
}

interface CredentialFieldsSource {
	getCredentialsProperties?(type: string): INodeProperties[];
}

/** The limiter of the account a request goes to: stated limit first, then the documented one. */
export function accountLimiter(
	context: CredentialFieldsSource,
	provider: PacedProvider,
	credentials: IDataObject,
	baseUrl: string,
): RateLimiter {
	const properties =
		typeof context.getCredentialsProperties === 'function' ? context.getCredentialsProperties(provider.credentialType) : undefined;
	return processLimiters.limiterFor({
		provider: provider.name,
		baseUrl,
		secrets: secretValuesOf(credentials, properties),
		rateLimit: statedRateLimit(credentials) ?? provider.rateLimit,
	});
}
