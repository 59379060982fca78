import {
	NodeError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type NodeExecutionHint,
} from 'n8n-workflow';

import { outcomeOf } from './errors';
import { EXISTS_OUTCOME } from './existing';
import { NOT_FOUND_OUTCOME } from './userOutcomes';

export interface ItemLoopSettings<Prepared> {
	/** How many items are sent at once. */
	concurrency: number;
	/** Whether failed items become error items instead of stopping the run. */
	continueOnFail: boolean;
	/** The provider's name, for the execution hints. */
	providerName: string;
	/** Names a created user (id, email) when a stopped run must say who was already created. */
	describe(prepared: Prepared, output: IDataObject): string;
	/** What a sent item did to its user, for that message: "created" (default), "deactivated"… */
	done?: string;
}

/**
 * Runs a create call per item in two passes. First every item is read and validated, so an
 * invalid item never reaches the network (and, without "Continue On Fail", a bad row stops
 * the run before anything is created). Then the valid items are sent with bounded
 * concurrency. Output order is input order and each output is paired with its item.
 */
export async function runForEachItem<Prepared>(
	context: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<Prepared>,
	send: (prepared: Prepared, itemIndex: number) => Promise<IDataObject>,
	settings: ItemLoopSettings<Prepared>,
): Promise<INodeExecutionData[][]> {
	const itemCount = context.getInputData().length;
	const { continueOnFail } = settings;
	const results: Array<INodeExecutionData | undefined> = new Array(itemCount);
	const ready: Array<{ itemIndex: number; prepared: Prepared }> = [];

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			ready.push({ itemIndex, prepared: await prepare(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(context, error, itemIndex);
			results[itemIndex] = errorItem(error, itemIndex);
		}
	}

	let next = 0;
	let firstFailure: NodeError | undefined;
	const worker = async () => {
		while (next < ready.length && firstFailure === undefined) {
			const { itemIndex, prepared } = ready[next++];
			try {
				results[itemIndex] = { json: await send(prepared, itemIndex), pairedItem: { item: itemIndex } };
			} catch (error) {
				if (!continueOnFail) {
					firstFailure ??= asNodeError(context, error, itemIndex);
					return;
				}
				results[itemIndex] = errorItem(error, itemIndex);
			}
		}
	};
	const workerCount = Math.max(1, Math.min(settings.concurrency, ready.length));
	await Promise.all(Array.from({ length: workerCount }, worker));

	if (firstFailure !== undefined) throw withCreatedSoFar(firstFailure, results, ready, settings.describe, settings.done);
	const output = results.filter((result): result is INodeExecutionData => result !== undefined);
	addOutcomeHints(context, output, settings.providerName);
	return [output];
}

/**
 * Items that ended `unknown` or `exists` look like any other item in a long output, so the
 * counts are also shown above the output, where a user sees them without opening each item.
 */
function addOutcomeHints(context: IExecuteFunctions, output: INodeExecutionData[], providerName: string): void {
	const count = (outcome: string) => output.filter((item) => item.json.outcome === outcome).length;
	const of = `of ${output.length} item${output.length === 1 ? '' : 's'}`;
	const hints: NodeExecutionHint[] = [];
	const unknown = count('unknown');
	if (unknown > 0) {
		hints.push({
			type: 'warning',
			location: 'outputPane',
			message: `Outcome "unknown" (${providerName} may have created the user): ${unknown} ${of}. Check before running them again, or, where the email identifies the user, run them again with If User Exists: Skip.`,
		});
	}
	const existing = count(EXISTS_OUTCOME);
	if (existing > 0) {
		hints.push({
			type: 'info',
			location: 'outputPane',
			message: `Skipped, already in ${providerName} (outcome "${EXISTS_OUTCOME}"): ${existing} ${of}.`,
		});
	}
	const notFound = count(NOT_FOUND_OUTCOME);
	if (notFound > 0) {
		hints.push({ type: 'info', location: 'outputPane', message: `Not found in ${providerName} (outcome "${NOT_FOUND_OUTCOME}"): ${notFound} ${of}.` });
	}
	// n8n 1.x before execution hints has no such method; the counts stay in the items there.
	if (hints.length > 0 && typeof context.addExecutionHints === 'function') context.addExecutionHints(...hints);
}

/**
 * What n8n shows when a run stops: the node's own errors as they are, anything else (an
 * expression that failed to resolve, say) wrapped so it names the node and the item.
 */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeError) return error;
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}

function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: messageOf(error), itemIndex };
	const details = error as { description?: unknown; httpCode?: unknown; context?: IDataObject };
	if (typeof details.description === 'string' && details.description) json.description = details.description;
	const outcome = outcomeOf(error);
	if (outcome) json.outcome = outcome;
	if (details.httpCode) json.httpCode = Number(details.httpCode);
	if (details.context?.providerCode) json.code = details.context.providerCode;
	if (Array.isArray(details.context?.fields)) json.fields = details.context.fields;
	return { json, pairedItem: { item: itemIndex } };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const LISTED_AT_MOST = 20;

/**
 * Without "Continue On Fail", n8n discards a failed node's output. Users who were already
 * created in this run would vanish from view, and with them anything the provider returns
 * only once (a generated password), so the error names them: item, id and email or username.
 */
function withCreatedSoFar<Prepared>(
	error: NodeError,
	results: Array<INodeExecutionData | undefined>,
	ready: Array<{ itemIndex: number; prepared: Prepared }>,
	describe: (prepared: Prepared, output: IDataObject) => string,
	done = 'created',
): NodeError {
	const labelled = (outcome: 'created' | 'existing') =>
		ready.flatMap(({ itemIndex, prepared }) => {
			const json = results[itemIndex]?.json;
			if (!json || (json.outcome === EXISTS_OUTCOME) !== (outcome === 'existing')) return [];
			const label = describe(prepared, json);
			return [`item ${itemIndex}${label ? ` (${label})` : ''}`];
		});
	const created = labelled('created');
	const existing = labelled('existing');
	if (created.length === 0 && existing.length === 0) return error;
	error.description = [
		error.description,
		created.length > 0 ? `Users already ${done} in this run before it stopped: ${listOf(created)}.` : '',
		existing.length > 0 ? `Users that already existed: ${listOf(existing)}.` : '',
		'Turn on "Continue On Fail" to get every item\'s result.',
	]
		.filter(Boolean)
		.join(' ');
	return error;
}

function listOf(labels: string[]): string {
	if (labels.length <= LISTED_AT_MOST) return labels.join(', ');
	return `${labels.slice(0, LISTED_AT_MOST).join(', ')} and ${labels.length - LISTED_AT_MOST} more`;
}
