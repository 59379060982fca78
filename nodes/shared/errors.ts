import { ExecutionBaseError, NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { findInCauseChain } from './causeChain';
import { isPlainObject } from './plainObject';

/**
 * What is known about a create call that failed. `not_created`: the provider refused it or
 * never received it, so running the item again is safe. `unknown`: the request may have been
 * processed, so the user should check before running it again.
 */
export type CreateOutcome = 'not_created' | 'unknown';

/**
 * The same for any other operation (find, update, deactivate, remove…): `not_changed` where a
 * create call says `not_created`, and `unknown` when the change may have been applied.
 */
export type CallOutcome = CreateOutcome | 'not_changed';

/** The parts of a provider's error body that the pack reports and acts on. */
export interface ProviderErrorDetails {
	message?: string;
	code?: string;
	/** The provider's own word on whether the same request can succeed later. */
	isTransient?: boolean;
	/** The request field the provider blames, where it says. */
	field?: string;
}

export interface ProvisioningErrorOptions {
	message: string;
	outcome: CallOutcome;
	description?: string;
	httpCode?: number;
	providerCode?: string;
	itemIndex?: number;
}

const OUTCOME_ADVICE: Record<CallOutcome, string> = {
	not_created: 'The user was not created.',
	not_changed: 'Nothing was changed at the provider.',
	unknown: 'Outcome unknown: the provider may have created the user. Check before retrying.',
};

const UNKNOWN_CHANGE_ADVICE = 'Outcome unknown: the provider may have applied the change. Check the user before running the item again.';

/**
 * Builds the NodeApiError the pack throws for anything that went wrong talking to a
 * provider. It is built from our own plain object, never from the HTTP client's error,
 * which carries the request headers and so the credential.
 */
export function provisioningError(node: INode, options: ProvisioningErrorOptions): NodeApiError {
	const { message, outcome, httpCode, providerCode, itemIndex } = options;
	const description = [options.description, OUTCOME_ADVICE[outcome]].filter(Boolean).join(' ');
	const errorResponse: JsonObject = { message, outcome };
	if (providerCode !== undefined) errorResponse.code = providerCode;

	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: httpCode === undefined ? undefined : String(httpCode),
		itemIndex,
	});
	error.context.outcome = outcome;
	if (providerCode !== undefined) error.context.providerCode = providerCode;
	return error;
}

export function outcomeOf(error: unknown): CallOutcome | undefined {
	if (typeof error !== 'object' || error === null || !('context' in error)) return undefined;
	const outcome = (error as { context?: { outcome?: unknown } }).context?.outcome;
	return outcome === 'not_created' || outcome === 'not_changed' || outcome === 'unknown' ? outcome : undefined;
}

/**
 * The transport words every failure as a create call's. For another operation the error is
 * restated in its terms (nothing changed, or the change may have been applied), in place.
 */
export function restatedAsChange(error: unknown): unknown {
	const outcome = outcomeOf(error);
	if (outcome === undefined || outcome === 'not_changed') return error;
	const failed = error as { context: IDataObject; description?: string | null };
	failed.context.outcome = outcome === 'not_created' ? 'not_changed' : 'unknown';
	const advice = outcome === 'not_created' ? OUTCOME_ADVICE.not_changed : UNKNOWN_CHANGE_ADVICE;
	const description = failed.description ?? '';
	failed.description = description.includes(OUTCOME_ADVICE[outcome])
		? description.replace(OUTCOME_ADVICE[outcome], advice)
		: [description, advice].filter(Boolean).join(' ');
	return error;
}

export interface SignInErrorDetails {
	/** The sign-in call's HTTP status, when it answered. */
	httpCode?: number;
	/** Whether signing in again can succeed (a 429, a 5xx, an unreachable server). */
	isTransient?: boolean;
	/** How long the server asked us to wait before trying again. */
	retryAfterMs?: number;
	description?: string;
}

export interface SignInFailure extends SignInErrorDetails {
	message: string;
}

/**
 * What a credential's `preAuthentication` throws when it cannot get a session token. The
 * create call was never sent, so the transport reports the user as not created and, when the
 * sign-in failed for a passing reason, tries again. The message must hold no credential value.
 *
 * n8n wraps it in a NodeApiError. n8n 2.x keeps it as that error's `cause`; n8n 1.x drops the
 * cause but shares the `context` of an ExecutionBaseError, so the failure travels in `context`.
 */
export class SignInError extends ExecutionBaseError {
	constructor(message: string, details: SignInErrorDetails = {}) {
		super(message, { level: 'warning' });
		this.name = 'SignInError';
		const failure: IDataObject = { message, ...details };
		this.context.signInFailure = failure;
	}
}

/** The sign-in failure inside an error n8n threw, whichever n8n version wrapped it. */
export function signInFailureOf(thrown: unknown): SignInFailure | undefined {
	return findInCauseChain(thrown, (error) => {
		const failure = isPlainObject(error.context) ? error.context.signInFailure : undefined;
		return isPlainObject(failure) ? (failure as unknown as SignInFailure) : undefined;
	});
}
