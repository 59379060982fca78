import {
	NodeError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { outcomeOf } from './errors';

export interface ItemLoopSettings {
	/** How many items are sent at once. */
	concurrency: number;
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
	settings: ItemLoopSettings,
): Promise<INodeExecutionData[][]> {
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
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

	if (firstFailure !== undefined) throw withCreatedSoFar(firstFailure, results);
	return [results.filter((result): result is INodeExecutionData => result !== undefined)];
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

/**
 * Without "Continue On Fail", n8n discards a failed node's output. Users who were already
 * created in this run would vanish from view, so the error says which items succeeded.
 */
function withCreatedSoFar(error: NodeError, results: Array<INodeExecutionData | undefined>): NodeError {
	const created = results.flatMap((result, itemIndex) => (result ? [itemIndex] : []));
	if (created.length === 0) return error;
	const list = created.length > 20 ? `${created.slice(0, 20).join(', ')} and ${created.length - 20} more` : created.join(', ');
	error.description = [
		error.description,
		`Items already created in this run before it stopped: ${list}. Turn on "Continue On Fail" to get every item's result.`,
	]
		.filter(Boolean)
		.join(' ');
	return error;
}
