import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ProviderErrorDetails } from './errors';
import type { ApiRequest, ProviderDefinition } from './provider';
import { z } from './zod';

/** A provider's refusal of a create call: its status and what its error body says. */
export interface ProviderRefusal extends ProviderErrorDetails {
	statusCode: number;
}

/**
 * How a provider says "this person already has an account", declared once in its `provider.ts`
 * from its docs or public source, so the core can tell that answer from other refusals.
 */
export interface AlreadyExistsSignal {
	/** The answer in a few words, for the option's description and the README, e.g. "a 409 already_exists". */
	answer: string;
	matches(refusal: ProviderRefusal): boolean;
}

/**
 * What the node does with that answer. `error`: the item fails like any refusal (today's
 * behaviour). `skip`: the item is output as existing. `returnExisting`, on nodes that can find a
 * user by email: the existing account is looked up and output, marked `outcome: 'exists'` too.
 */
export const ifUserExistsSchema = z.enum(['error', 'skip', 'returnExisting']).default('error');
export type IfUserExists = z.infer<typeof ifUserExistsSchema>;

/** The field and value that mark an output item whose person already had an account. */
export const EXISTS_OUTCOME = 'exists';

/** The request fields that identify a person across the five providers. */
const IDENTIFYING_FIELDS = ['email', 'username'] as const;

/** Whether the node can look the existing account up, which Return Existing needs. */
export function ifUserExistsProperty(provider: ProviderDefinition, { canReturnExisting = false } = {}): INodeProperties {
	const signal = provider.alreadyExists;
	const returnExisting = {
		name: 'Return Existing',
		value: 'returnExisting',
		description: `${provider.name}'s existing account for the person is looked up and output, with outcome "${EXISTS_OUTCOME}"; nothing changes at ${provider.name}`,
	};
	return {
		displayName: 'If User Exists',
		name: 'ifUserExists',
		type: 'options',
		options: [
			{
				name: 'Error',
				value: 'error',
				description: 'The item fails, as any refusal does (an error item with Continue On Fail)',
			},
			{
				name: 'Skip',
				value: 'skip',
				description: `The item is output with outcome "${EXISTS_OUTCOME}", its email or username and ${provider.name}'s message; nothing changes at ${provider.name}`,
			},
			...(canReturnExisting ? [returnExisting] : []),
		],
		default: 'error',
		description: signal
			? `What to do when ${provider.name} answers that the user already exists (${signal.answer}). Skip makes re-running the same items safe where ${provider.name} keeps emails unique.`
			: `What to do when ${provider.name} answers that the user already exists`,
	};
}

/**
 * Marks the error of a refused create call when the provider's signal reads it as "already
 * exists". The error itself is unchanged, so with If User Exists: Error it reads as before.
 */
export function markIfAlreadyExists(
	error: Error,
	provider: ProviderDefinition,
	request: ApiRequest,
	response: { statusCode: number; body: unknown },
): void {
	if (!provider.alreadyExists) return;
	const details = provider.readError(response.body, request);
	if (!provider.alreadyExists.matches({ statusCode: response.statusCode, ...details })) return;
	const context = (error as { context?: IDataObject }).context;
	if (context) context.alreadyExistsMessage = details.message ?? `HTTP ${response.statusCode}`;
}

/** The provider's words on the person's existing account, when the error is that answer. */
function alreadyExistsMessageOf(error: unknown): string | undefined {
	const message = (error as { context?: IDataObject } | null)?.context?.alreadyExistsMessage;
	return typeof message === 'string' ? message : undefined;
}

/** The request's own identifying fields (never anything else it carries, such as a password). */
export function identityOf(request: ApiRequest): IDataObject {
	const identity: IDataObject = {};
	for (const field of IDENTIFYING_FIELDS) {
		const value = request.body?.[field];
		if (typeof value === 'string' && value !== '') identity[field] = value;
	}
	return identity;
}

/**
 * With If User Exists: Skip (or Return Existing, before the lookup), the output item for a person the provider already has: the
 * identifying input and the provider's words, marked `outcome: "exists"` for an IF node.
 * Anything else thrown is not this answer and is returned as undefined.
 */
export function existingUserItem(error: unknown, request: ApiRequest, ifUserExists: IfUserExists): IDataObject | undefined {
	const message = ifUserExists === 'error' ? undefined : alreadyExistsMessageOf(error);
	if (message === undefined) return undefined;
	return { outcome: EXISTS_OUTCOME, ...identityOf(request), message };
}
