/**
 * The User resource's operations besides Create (Find by Email, Get, Update, Deactivate,
 * Reactivate, Remove…), run once here for every provider.
 *
 * How a provider declares one: a file per operation in `nodes/<Provider>/user/` exporting a
 * `UserOperation`, for example
 *
 *   const locator = { providerName: 'Augno', byEmail: true, byId: { placeholder: 'au_…' }, purpose: 'The user to disable' };
 *   const schema = z.object({ user: userReferenceSchema(locator) });
 *   export const deactivateUserOperation: UserOperation<typeof schema> = {
 *     provider: augnoProvider,
 *     value: 'deactivate', name: 'Deactivate', action: 'Deactivate a user',
 *     description: "What the provider does, in its docs' words (sessions revoked, restorable…)",
 *     fields: [userLocatorProperty(locator)],
 *     schema,
 *     done: 'deactivated',               // past tense of a change; leave out for a read
 *     async run({ user }, client, item) { … return the output item },
 *   };
 *
 * and lists it in `user/index.ts`; the node passes Create and that list to
 * `userResourceProperties` and `executeUserResource`. `run` talks to the provider only through
 * its `client` (`read` for GETs; `change` with the repeat safety the provider documents), so every
 * call is paced per account, authenticated and retried only where safe. The core reads and
 * validates every item before anything is sent, keeps one output item per input item, in order,
 * restates failures in the operation's terms and strips `secretFields` from every output.
 *
 * An operation's fields are shown whenever the operation is chosen: they have no displayOptions
 * of their own (a field that depends on another belongs in a collection).
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { restatedAsChange } from './errors';
import { runForEachItem } from './items';
import { executeCreateUser, MAX_CONCURRENCY, withoutEmptyValues, type CreateUserOperation, type ExecuteSettings } from './operation';
import type { ProviderDefinition } from './provider';
import { DEFAULT_TIMEOUT_MS } from './transport';
import { userApiClient, type UserApiClient } from './userClient';
import { validateItem } from './validation';
import { z, type ZodTypeAny } from './zod';

export interface UserOperation<Schema extends ZodTypeAny = ZodTypeAny> {
	provider: ProviderDefinition;
	/** The operation's value in the node's parameters, e.g. "deactivate". */
	value: string;
	/** Its name in the Operation dropdown, e.g. "Deactivate". */
	name: string;
	/** What it does, in n8n's action list and an agent's tool list, e.g. "Deactivate a user". */
	action: string;
	/** What happens at the provider, for people and agents deciding whether to run it. */
	description: string;
	fields: INodeProperties[];
	schema: Schema;
	/** Past tense of the change, for a stopped run's list of users already changed; absent for a read. */
	done?: string;
	/** Response fields that are secrets (a session token): never in the output. */
	secretFields?: string[];
	run(input: z.infer<Schema>, client: UserApiClient, item: { node: INode; itemIndex: number }): Promise<IDataObject>;
}

const DEFAULT_CONCURRENCY = 5;
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;

const optionsSchema = z
	.object({
		concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(DEFAULT_CONCURRENCY),
		timeout: z.number().int().min(1).max(300).default(DEFAULT_TIMEOUT_SECONDS),
	})
	.strict();

const showFor = (values: string[]) => ({ show: { resource: ['user'], operation: values } });

function optionProperties(providerName: string): INodeProperties[] {
	return [
		{
			displayName: 'Requests at Once',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description: `How many items are handled in parallel (1-${MAX_CONCURRENCY}). Requests are also paced to stay under ${providerName}'s rate limit.`,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: `How long to wait for ${providerName} to answer one request. A change that times out may still have been applied.`,
		},
	];
}

/**
 * Adds the operations to the properties of a node's User resource (built for Create): each one
 * in the Operation dropdown, sorted by name as n8n lists them, with its fields and an Options
 * collection shown only for it. Create stays the default.
 */
export function withUserOperations(properties: INodeProperties[], operations: UserOperation[]): INodeProperties[] {
	if (operations.length === 0) return properties;
	const values = operations.map((operation) => operation.value);
	const withOperations = properties.map((property) => {
		if (property.name !== 'operation' || property.type !== 'options') return property;
		const options = [
			...(property.options ?? []),
			...operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
		];
		return { ...property, options: options.sort((a, b) => a.name.localeCompare(b.name)) };
	});
	return [
		...withOperations,
		...operations.flatMap((operation) =>
			operation.fields.map((field) => ({ ...field, displayOptions: showFor([operation.value]) })),
		),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: showFor(values),
			options: optionProperties(operations[0].provider.name),
		},
	];
}

/** The Create operation and the others, as a node's `user/index.ts` lists them. */
export interface UserResource {
	create: CreateUserOperation;
	operations: UserOperation[];
}

/** The whole `execute` of a provider node: runs the chosen operation for every input item. */
export async function executeUserResource(
	context: IExecuteFunctions,
	resource: UserResource,
	settings: ExecuteSettings,
): Promise<INodeExecutionData[][]> {
	const value = context.getNodeParameter('operation', 0, 'create') as string;
	if (value === 'create') return await executeCreateUser(context, resource.create, settings);
	const operation = resource.operations.find((candidate) => candidate.value === value);
	if (!operation) throw new NodeOperationError(context.getNode(), `The operation "${value}" is not known to this node`);
	return await executeUserOperation(context, operation, settings);
}

/** The item's values of the operation's fields, with n8n's empty values ('' and []) left out. */
function readFields(context: IExecuteFunctions, itemIndex: number, fields: INodeProperties[]): IDataObject {
	const values: IDataObject = {};
	for (const field of fields) {
		const value = withoutEmptyValues(context.getNodeParameter(field.name, itemIndex, null));
		if (value !== undefined) values[field.name] = value as IDataObject[string];
	}
	return values;
}

function readOptions(context: IExecuteFunctions, itemIndex: number): unknown {
	return withoutEmptyValues(context.getNodeParameter('options', itemIndex, {})) ?? {};
}

/** Bad or missing concurrency falls back to the default here; the item's own validation reports it. */
function readConcurrency(context: IExecuteFunctions): number {
	if (context.getInputData().length === 0) return DEFAULT_CONCURRENCY;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const parsed = optionsSchema.shape.concurrency.safeParse(options.concurrency);
	return parsed.success ? parsed.data : DEFAULT_CONCURRENCY;
}

function withoutFields(output: IDataObject, names: string[] = []): IDataObject {
	return Object.fromEntries(Object.entries(output).filter(([key]) => !names.includes(key)));
}

/** Names a user in a stopped run's message: its id and email, where the output has them. */
function userLabel(output: IDataObject): string {
	const id = typeof output.id === 'string' || typeof output.id === 'number' ? `id ${output.id}` : undefined;
	const nested = typeof output.user === 'object' && output.user !== null ? (output.user as IDataObject).email : undefined;
	const email = typeof output.email === 'string' ? output.email : typeof nested === 'string' ? nested : undefined;
	return [id, email].filter(Boolean).join(', ');
}

export async function executeUserOperation(
	context: IExecuteFunctions,
	operation: UserOperation,
	{ continueOnFail }: ExecuteSettings,
): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const options = optionProperties(operation.provider.name);
	return await runForEachItem(
		context,
		async (itemIndex) => {
			try {
				return {
					options: validateItem(node, optionsSchema, readOptions(context, itemIndex), itemIndex, options),
					input: validateItem(node, operation.schema, readFields(context, itemIndex, operation.fields), itemIndex, operation.fields),
				};
			} catch (error) {
				throw restatedAsChange(error);
			}
		},
		async ({ input, options: { timeout } }, itemIndex) => {
			const client = userApiClient(context, operation.provider, { itemIndex, timeoutMs: timeout * 1000 });
			try {
				return withoutFields(await operation.run(input, client, { node, itemIndex }), operation.secretFields);
			} catch (error) {
				throw restatedAsChange(error);
			}
		},
		{
			concurrency: readConcurrency(context),
			continueOnFail,
			providerName: operation.provider.name,
			describe: (_prepared, output) => userLabel(output),
			done: operation.done ?? 'looked up',
		},
	);
}
