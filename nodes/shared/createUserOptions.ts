import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ifUserExistsProperty, ifUserExistsSchema } from './existing';
import { idempotencyKeyOption } from './idempotency';
import type { ProviderDefinition } from './provider';
import { includeSecretsProperty, type SecretOutput } from './secretOutput';
import { DEFAULT_TIMEOUT_MS } from './transport';
import { z } from './zod';

export const MAX_CONCURRENCY = 20;
const DEFAULT_CONCURRENCY = 5;
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;

/** The options every operation has: how many items at once, and how long one request may take. */
export const requestOptionsShape = {
	concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(DEFAULT_CONCURRENCY),
	timeout: z.number().int().min(1).max(300).default(DEFAULT_TIMEOUT_SECONDS),
};

/** The Options collection of a Create operation, as each item resolves it. */
export const createUserOptionsSchema = z
	.object({
		...requestOptionsShape,
		includeSecrets: z.boolean().default(false),
		idempotencyKey: idempotencyKeyOption.optional(),
		ifUserExists: ifUserExistsSchema,
	})
	.strict();

/** Requests at Once and Timeout, worded for what the operation does ("users are created"). */
export function requestOptionProperties(provider: ProviderDefinition, { inParallel, timedOut }: { inParallel: string; timedOut: string }): INodeProperties[] {
	return [
		{
			displayName: 'Requests at Once',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description: `How many ${inParallel} in parallel (1-${MAX_CONCURRENCY}). Requests are also paced to stay under ${provider.name}'s rate limit.`,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: `How long to wait for ${provider.name} to answer one request. A request that times out may still have ${timedOut}.`,
		},
	];
}

/**
 * The options a provider's Create offers: what its definition supports (idempotency, a secret in
 * the output, Return Existing where the node can look an existing account up).
 */
export function createUserOptionProperties(
	provider: ProviderDefinition,
	secretOutput?: SecretOutput,
	{ canReturnExisting = false } = {},
): INodeProperties[] {
	const options = requestOptionProperties(provider, { inParallel: 'users are created', timedOut: 'created the user' });
	options.push(ifUserExistsProperty(provider, { canReturnExisting }));
	if (provider.idempotencyHeader) {
		options.push({
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description: `Sent as ${provider.idempotencyHeader}, so a retried request never creates the user twice. Leave empty to derive it from the workflow, the node and the item's request (never its password); or set it with an expression giving each item its own text or number (e.g. an employee ID). Items that would send different requests under one key are refused.`,
		});
	}
	if (secretOutput) options.push(includeSecretsProperty(provider, secretOutput));
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Bad or missing concurrency falls back to the default here; the item's own validation reports it. */
export function readConcurrency(context: IExecuteFunctions): number {
	if (context.getInputData().length === 0) return DEFAULT_CONCURRENCY;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const parsed = requestOptionsShape.concurrency.safeParse(options.concurrency);
	return parsed.success ? parsed.data : DEFAULT_CONCURRENCY;
}
