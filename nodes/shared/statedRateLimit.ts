import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RateLimit } from './rateLimit';

const MINUTE_MS = 60_000;

/**
 * The credential fields where a self-hosted user states their server's limit, which no docs
 * publish (self-hosted NetBird and Flexprice), or a queue-mode worker's share of a published one.
 * Read by `statedRateLimit`.
 */
export function statedRateLimitProperties({
	whenEmpty,
}: {
	/** What pacing applies while the field is 0, e.g. "NetBird Cloud's published limit (…)". */
	whenEmpty: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Rate Limit (Requests per Minute)',
			name: 'rateLimitPerMinute',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: `The most requests per minute your server accepts from this key. 0: ${whenEmpty}. Every workflow and execution using this account in one n8n process shares it. In queue mode each worker paces alone: enter the limit divided by the number of workers.`,
		},
		{
			displayName: 'Rate Limit Burst',
			name: 'rateLimitBurst',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How many requests your server lets through at once after a quiet spell (a token bucket). 0: the requests of a minute are spread as whole requests per second, which suits any server. Divide it by the number of workers too.',
		},
	];
}

/**
 * The limit the credential states, if any. With a burst, a token bucket. Without one, the
 * minute's requests spread as whole requests per short window (600/min: 10 per second; 6/min:
 * 1 per 10 s): a token bucket of burst 1 would add the jitter margin to every request and keep
 * to about 80% of the stated rate.
 */
export function statedRateLimit(credentials: IDataObject): RateLimit | undefined {
	const perMinute = Number(credentials.rateLimitPerMinute ?? 0);
	if (!Number.isFinite(perMinute) || perMinute <= 0) return undefined;
	const burst = Math.floor(Number(credentials.rateLimitBurst ?? 0));
	if (Number.isFinite(burst) && burst >= 1) return { limit: perMinute, windowMs: MINUTE_MS, burst };
	const perWindow = Math.max(1, Math.floor(perMinute / 60));
	return { limit: perWindow, windowMs: (perWindow * MINUTE_MS) / perMinute };
}
