import { createHash } from 'crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeProperties } from 'n8n-workflow';

import type { ApiRequest } from './provider';
import { headerValue, type ResponseHeaders } from './rateLimitHeaders';
import { secretFieldNames } from './secretParameters';
import { z } from './zod';

type KeyedRequest = Omit<ApiRequest, 'idempotencyKey'>;

/**
 * The Idempotency Key option: a string, or a number from an expression such as
 * `{{ $json.employeeId }}`, sent as its decimal text.
 */
export const idempotencyKeyOption = z
	.union([z.string(), z.number().finite()], { errorMap: () => ({ message: 'must be a string or a number' }) })
	.transform((value) => String(value).trim())
	.pipe(z.string().min(1).max(255));

/** JSON with object keys sorted, so two equal requests give the same text whatever their key order. */
function canonicalJson(value: unknown, leaveOut: ReadonlySet<string> = new Set()): string {
	if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry, leaveOut)).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value as IDataObject)
			.filter(([key, entry]) => entry !== undefined && !leaveOut.has(key))
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry, leaveOut)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Everything that makes one request differ from another: method, path, query string and body. */
function requestText(request: KeyedRequest, leaveOut?: ReadonlySet<string>): string {
	return [request.method, request.path, canonicalJson(request.qs ?? {}), canonicalJson(request.body ?? {}, leaveOut)].join('\n');
}

/**
 * A key that stays the same when the same item is sent again, in this run or in a re-run of
 * the workflow (the workflow, the node and the request it makes), so the provider replays its
 * first answer instead of creating a second user. That is what lets a crashed execution
 * converge when its input is sent again. The query string is part of it (another "Expand in
 * Response" is another request); secrets are not: the key is sent in clear and stored by the
 * provider, and a hash of a password is something to guess passwords against.
 */
export function derivedIdempotencyKey(context: IExecuteFunctions, request: KeyedRequest, fields: INodeProperties[]): string {
	const node = context.getNode();
	const scope = [context.getWorkflow().id ?? '', node.id ?? node.name, requestText(request, secretFieldNames(fields))];
	return `n8n-${createHash('sha256').update(scope.join('\n')).digest('hex').slice(0, 40)}`;
}

/**
 * A key for a change other than a create (an update), scoped to this execution and item: a
 * retry within the run reuses it, but a later run that sends the same change again must not get
 * the stored answer of an earlier one (an update A, then B, then A again would leave B).
 */
export function executionIdempotencyKey(context: IExecuteFunctions, request: KeyedRequest, itemIndex: number): string {
	const node = context.getNode();
	const scope = [context.getExecutionId() ?? '', node.id ?? node.name, String(itemIndex), requestText(request)];
	return `n8n-${createHash('sha256').update(scope.join('\n')).digest('hex').slice(0, 40)}`;
}

interface KeyUse {
	itemIndex: number;
	/** The whole request, secrets included, compared in memory only. */
	request: string;
}

/**
 * The idempotency keys of one node run. A provider answers a reused key with its first
 * response (or an idempotency error, when the parameters differ), so two different requests
 * under one key would silently become one user. Items register their key while the run is
 * being validated, before anything is sent; every item of a key shared by different requests
 * is then refused. The same request twice (a repeated row) may share its key: the provider
 * replays the first answer, and the output says so.
 */
export class IdempotencyKeys {
	private readonly uses = new Map<string, KeyUse[]>();

	constructor(private readonly node: INode) {}

	/** Records an item's key; throws for the item when an earlier item sent a different request under it. */
	register(key: string, request: KeyedRequest, itemIndex: number): void {
		const uses = this.uses.get(key) ?? [];
		uses.push({ itemIndex, request: requestText(request) });
		this.uses.set(key, uses);
		this.assertUnshared(key, itemIndex);
	}

	/** Throws when other items send a different request under the item's key. */
	assertUnshared(key: string, itemIndex: number): void {
		const uses = this.uses.get(key) ?? [];
		const own = uses.find((use) => use.itemIndex === itemIndex);
		const others = uses.filter((use) => use.itemIndex !== itemIndex && use.request !== own?.request);
		if (own === undefined || others.length === 0) return;

		const items = [...new Set(uses.map((use) => use.itemIndex))].sort((a, b) => a - b);
		const error = new NodeOperationError(
			this.node,
			`Item ${itemIndex} is invalid: Idempotency Key: items ${items.join(', ')} send different requests under the same key "${key}"`,
			{
				itemIndex,
				description:
					'The provider would answer all of them with the first one\'s result, so none of them was sent. Give each item its own key (e.g. an expression with a value unique to the item), or leave the option empty to derive one per item.',
			},
		);
		error.context.fields = ['idempotencyKey'];
		error.context.outcome = 'not_created';
		throw error;
	}
}

/** Whether the provider replayed a stored answer instead of handling the request again. */
export function isReplayed(headers: ResponseHeaders): boolean {
	return headerValue(headers, 'idempotent-replayed')?.toLowerCase() === 'true';
}
