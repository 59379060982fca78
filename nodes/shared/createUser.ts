import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createUserOptionProperties, createUserOptionsSchema, readConcurrency } from './createUserOptions';
import { existingUserItem, identityOf, type IfUserExists } from './existing';
import { derivedIdempotencyKey, IdempotencyKeys, isReplayed } from './idempotency';
import { runForEachItem } from './items';
import { existingAccountItem, type ExistingUserLookup } from './returnExisting';
import { readFields, readOptions } from './parameters';
import { isPlainObject } from './plainObject';
import type { ApiRequest, ProviderDefinition } from './provider';
import { withOptionsCollection, type OperationDescription } from './resourceDescription';
import { withoutSecretOutput, type SecretOutput } from './secretOutput';
import { withSecretParametersHidden } from './secretParameters';
import { sendRequest } from './transport';
import { validateItem } from './validation';
import type { z, ZodTypeAny } from './zod';

/**
 * One provider's "create user" call, described as data: the fields users fill in, the
 * documented rules, and how a valid item becomes a request. The core does the rest.
 */
export interface CreateUserOperation<Schema extends ZodTypeAny = ZodTypeAny> {
	provider: ProviderDefinition;
	/** What the operation does, shown in n8n's action list. */
	/** Short: n8n names a tool node "<action> in <node name>". */
	action: string;
	/** What the operation does, in full: the text its option shows. */
	description: string;
	fields: INodeProperties[];
	schema: Schema;
	toRequest(input: z.infer<Schema>): Omit<ApiRequest, 'idempotencyKey'>;
	secretOutput?: SecretOutput;
	/** The created user, from the response body (defaults to the body itself). */
	toOutput?(body: unknown): IDataObject;
	/** Finds the person's existing account: offers If User Exists → Return Existing. */
	findExisting?: ExistingUserLookup;
}

/** User → Create as the editor shows it: the provider's fields, then the Options collection. */
export function createUserDescription(operation: CreateUserOperation): OperationDescription {
	return {
		value: 'create',
		name: 'Create',
		action: operation.action,
		description: operation.description,
		notices: retryOnFailNotice(operation.provider),
		properties: withOptionsCollection(
			operation.fields,
			createUserOptionProperties(operation.provider, operation.secretOutput, { canReturnExisting: operation.findExisting !== undefined }),
		),
	};
}

/**
 * n8n's own "Retry On Fail" runs the node again with every item, and the node cannot stop it.
 * Without an idempotency key, users created before the failure are sent again.
 */
function retryOnFailNotice(provider: ProviderDefinition): INodeProperties[] {
	if (provider.idempotencyHeader) return [];
	return [
		{
			displayName: `n8n's Retry On Fail setting runs this node again with all its items, and ${provider.name} has no idempotency key: users created before the failure are sent again, and accounts without a unique email are created twice. Use Continue On Fail instead, with Options → If User Exists → Skip.`,
			name: 'retryOnFailNotice',
			type: 'notice',
			default: '',
		},
	];
}

function asObject(body: unknown): IDataObject {
	return isPlainObject(body) ? body : { response: body as IDataObject[string] };
}

/** Names a created user in a message: its id and the email or username it was created with, never a secret. */
function createdUserLabel(request: ApiRequest, output: IDataObject): string {
	const id = typeof output.id === 'string' || typeof output.id === 'number' ? `id ${output.id}` : undefined;
	return [id, ...Object.values(identityOf(request))].filter(Boolean).join(', ');
}

/**
 * With If User Exists: Skip, the provider's "already exists" answer is the item's result.
 * Anything else goes on to the item loop, which makes it the item's error or stops the run.
 */
function existingOrFailure(error: unknown, request: ApiRequest, ifUserExists: IfUserExists): { existing: IDataObject } {
	const existing = existingUserItem(error, request, ifUserExists);
	if (existing) return { existing };
	throw error;
}

export interface ExecuteSettings {
	/** The node's `this.continueOnFail()`, which n8n's lint wants called in `execute` itself. */
	continueOnFail: boolean;
}

/** Runs User → Create for every input item. */
export async function executeCreateUser(
	context: IExecuteFunctions,
	operation: CreateUserOperation,
	{ continueOnFail }: ExecuteSettings,
): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const { provider } = operation;
	const optionProperties = createUserOptionProperties(provider, operation.secretOutput, { canReturnExisting: operation.findExisting !== undefined });
	const idempotencyKeys = new IdempotencyKeys(node);

	try {
		return await runForEachItem(
			context,
			async (itemIndex) => {
				const options = validateItem(node, createUserOptionsSchema, readOptions(context, itemIndex), itemIndex, optionProperties);
				const input = validateItem(node, operation.schema, readFields(context, itemIndex, operation.fields), itemIndex, operation.fields);
				const request: ApiRequest = operation.toRequest(input);
				if (provider.idempotencyHeader) {
					request.idempotencyKey = options.idempotencyKey ?? derivedIdempotencyKey(context, request, operation.fields);
					idempotencyKeys.register(request.idempotencyKey, request, itemIndex);
				}
				return { request, options };
			},
			async ({ request, options }, itemIndex) => {
				if (request.idempotencyKey !== undefined) idempotencyKeys.assertUnshared(request.idempotencyKey, itemIndex);
				const response = await sendRequest(context, provider, request, {
					itemIndex,
					timeoutMs: options.timeout * 1000,
				}).catch((error: unknown) => existingOrFailure(error, request, options.ifUserExists));
				if ('existing' in response) {
					if (options.ifUserExists !== 'returnExisting' || !operation.findExisting) return response.existing;
					const settings = { provider, lookup: operation.findExisting, itemIndex, timeoutMs: options.timeout * 1000 };
					return withoutSecretOutput(await existingAccountItem(context, response.existing, settings), operation.secretOutput, options.includeSecrets);
				}
				const output = operation.toOutput ? operation.toOutput(response.body) : asObject(response.body);
				if (isReplayed(response.headers)) output.idempotentReplayed = true;
				return withoutSecretOutput(output, operation.secretOutput, options.includeSecrets);
			},
			{
				concurrency: readConcurrency(context),
				continueOnFail,
				providerName: provider.name,
				describe: ({ request }, output) => createdUserLabel(request, output),
			},
		);
	} catch (error) {
		throw withSecretParametersHidden(error, operation.fields);
	}
}
