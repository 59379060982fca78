/**
 * A webhook burst against a provider stand-in, measured the same way by the e2e test, the
 * queue-mode test and the benchmark: what n8n answered, what the stand-in received and kept.
 */
import type { ProviderSandbox, ReceivedRequest } from '../sandbox/server';
import { isCreated, webhookBurst, type WebhookAnswer } from './n8nServer';

export interface BurstResult {
	label: string;
	executions: number;
	/** Calls n8n did not answer with 200 and an item free of errors. */
	failed: number;
	/** Of those, the executions n8n's log says n8n itself failed (when its log was given). */
	n8nFailed?: number;
	/** Calls n8n's main refused with 503 before running anything, and that were sent again. */
	refusedByN8n: number;
	/** People the stand-in holds more than once, or created by more than one accepted request. */
	duplicates: number;
	/** People of the burst the stand-in does not hold. */
	missingEmails: string[];
	requests: number;
	rateLimited: number;
	/** First call sent → last answer received, by this process's clock. */
	wallMs: number;
	/** Accepted creates per second between the stand-in's first and last create request. */
	createdPerSecond: number;
	answers: WebhookAnswer[];
	creates: ReceivedRequest[];
}

export const burstEmail = (label: string, n: number) => `${label}.${n}@example.com`;

const emailOf = (request: ReceivedRequest) => String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();

/**
 * Sends `count` simultaneous webhook calls, one person each, and counts what became of them.
 * `heldEmails` lists the emails the stand-in holds afterwards, one entry per account.
 */
export async function measureBurst(options: {
	label: string;
	url: string;
	count: number;
	body: (email: string, n: number) => object;
	sandbox?: ProviderSandbox;
	heldEmails?: () => string[];
	/** The log of the n8n process that takes the webhooks, to count the executions n8n itself failed. */
	n8nLog?: () => string;
}): Promise<BurstResult> {
	const logBefore = options.n8nLog?.().length ?? 0;
	const emails = Array.from({ length: options.count }, (_, n) => burstEmail(options.label, n));
	const { answers, wallMs, refusedByN8n } = await webhookBurst(
		options.url,
		emails.map((email, n) => options.body(email, n)),
	);
	// n8n logs this line when it fails a webhook execution itself (a database timeout, say), whichever node it holds.
	const webhookPath = new URL(options.url).pathname;
	const n8nFailed = options.n8nLog ? options.n8nLog().slice(logBefore).split(`Error in handling webhook request POST ${webhookPath}`).length - 1 : undefined;
	const creates = options.sandbox?.createCalls() ?? [];
	const accepted = creates.filter((request) => request.status !== undefined && request.status < 300);
	const held = (options.heldEmails?.() ?? []).map((email) => email.toLowerCase());
	const heldCount = new Map<string, number>();
	for (const email of held) heldCount.set(email, (heldCount.get(email) ?? 0) + 1);
	const acceptedPerEmail = new Map<string, number>();
	for (const request of accepted) acceptedPerEmail.set(emailOf(request), (acceptedPerEmail.get(emailOf(request)) ?? 0) + 1);
	// An idempotent replay answers 2xx with the first answer and adds nobody.
	const replayed = options.sandbox?.stats.replayed ?? 0;
	const extraAccepted = [...acceptedPerEmail.values()].reduce((sum, count) => sum + count - 1, 0) - replayed;
	const extraHeld = [...heldCount.values()].reduce((sum, count) => sum + count - 1, 0);
	const missingEmails = options.heldEmails ? emails.filter((email) => !heldCount.has(email.toLowerCase())) : [];
	const firstAt = Math.min(...creates.map((request) => request.receivedAt));
	const lastAt = Math.max(...accepted.map((request) => request.respondedAt ?? request.receivedAt));
	return {
		label: options.label,
		executions: options.count,
		failed: answers.filter((answer) => !isCreated(answer)).length,
		n8nFailed,
		refusedByN8n,
		duplicates: Math.max(extraAccepted, extraHeld),
		missingEmails,
		requests: creates.length,
		rateLimited: creates.filter((request) => request.status === 429).length,
		wallMs,
		createdPerSecond: accepted.length > 1 ? ((accepted.length - replayed) / (lastAt - firstAt)) * 1000 : 0,
		answers,
		creates,
	};
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line a reader can compare with issue 11's targets. */
export function describeBurst(result: BurstResult, noOpMs?: number): string {
	const parts = [
		`${result.label}: ${result.executions} webhook executions`,
		`${result.failed} failed${result.n8nFailed === undefined ? '' : ` (${result.n8nFailed} failed by n8n itself: "Error in handling webhook request" in its log)`}`,
		`${result.refusedByN8n} calls refused by n8n's main with 503 "Database is not ready!" and sent again`,
		`${result.duplicates} duplicates`,
		`${result.missingEmails.length} missing`,
		`${result.rateLimited} x 429 of ${result.requests} requests (${((result.rateLimited / Math.max(1, result.requests)) * 100).toFixed(1)}%)`,
		`wall ${seconds(result.wallMs)}`,
	];
	if (result.createdPerSecond > 0) parts.push(`${result.createdPerSecond.toFixed(1)} created/s at the provider`);
	if (noOpMs !== undefined) {
		const budget = 1.25 * Math.max(10_000, noOpMs);
		parts.push(`no-op ${seconds(noOpMs)}, target <= 125% of max(10 s, no-op) = ${seconds(budget)}: ${result.wallMs <= budget ? 'met' : 'missed'}`);
	}
	return parts.join(', ');
}

/** A few failed answers, for the assertion message. */
export function failedSamples(result: BurstResult, count = 3): unknown[] {
	return result.answers.filter((answer) => !isCreated(answer)).slice(0, count).map((answer) => ({ status: answer.status, body: answer.body, transportError: answer.transportError }));
}
