import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { existingUserItem, identityOf, ifUserExistsProperty, ifUserExistsSchema, type IfUserExists } from './existing';
import { derivedIdempotencyKey, IdempotencyKeys, idempotencyKeyOption, isReplayed } from './idempotency';
import { runForEachItem } from './items';
import { DEFAULT_TIMEOUT_MS, sendRequest, type ApiRequest, type ProviderApi } from './transport';
import { validateItem } from './validation';
import { z, type ZodTypeAny } from './zod';

/** A response field that holds a secret, such as a generated password. */
export interface SecretOutput {
	fields: string[];
	/** Label of the option that puts them in the output, e.g. "Include Generated Password". */
	displayName: string;
	description: string;
}

/**
 * One provider's "create user" call, described as data: the fields users fill in, the
 * documented rules, and how a valid item becomes a request. The core does the rest.
 */
export interface CreateUserOperation<Schema extends ZodTypeAny = ZodTypeAny> {
	api: ProviderApi;
	/** What the operation does, shown in n8n's action list. */
	action: string;
	/**
	 * The action in full, shown under it. The action stays short: n8n names a tool node
	 * "<action> in <App>", and long names overlap on the canvas.
	 */
	description: string;
	fields: INodeProperties[];
	schema: Schema;
	toRequest(input: z.infer<Schema>): Omit<ApiRequest, 'idempotencyKey'>;
	secretOutput?: SecretOutput;
	/** The created user, from the response body (defaults to the body itself). */
	toOutput?(body: unknown): IDataObject;
}

export const MAX_CONCURRENCY = 20;
const DEFAULT_CONCURRENCY = 5;
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;

const optionsSchema = z
	.object({
		concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(DEFAULT_CONCURRENCY),
		includeSecrets: z.boolean().default(false),
		idempotencyKey: idempotencyKeyOption.optional(),
		ifUserExists: ifUserExistsSchema,
		timeout: z.number().int().min(1).max(300).default(DEFAULT_TIMEOUT_SECONDS),
	})
	.strict();

/** The resource and operation selectors, and the operation's fields, as n8n shows them. */
export function userResourceProperties(operation: CreateUserOperation): INodeProperties[] {
	const showForCreate = { show: { resource: ['user'], operation: ['create'] } };
	return [
		...retryOnFailNotice(operation),
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'User', value: 'user' }],
			default: 'user',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['user'] } },
			options: [{ name: 'Create', value: 'create', action: operation.action, description: operation.description }],
			default: 'create',
		},
		...operation.fields.map((field) => ({
			...field,
			displayOptions: mergeShow(field.displayOptions, showForCreate.show),
		})),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: showForCreate,
			options: optionProperties(operation),
		},
	];
}

/**
 * n8n's own "Retry On Fail" runs the node again with every item, and the node cannot stop it.
 * Without an idempotency key, users created before the failure are sent again.
 */
function retryOnFailNotice(operation: CreateUserOperation): INodeProperties[] {
	if (operation.api.idempotencyHeader) return [];
	const { name } = operation.api;
	return [
		{
			displayName: `n8n's Retry On Fail setting runs this node again with all its items, and ${name} has no idempotency key: users created before the failure are sent again, and accounts without a unique email are created twice. Use Continue On Fail instead, with Options → If User Exists → Skip.`,
			name: 'retryOnFailNotice',
			type: 'notice',
			default: '',
		},
	];
}

function mergeShow(
	displayOptions: INodeProperties['displayOptions'],
	show: Record<string, string[]>,
): INodeProperties['displayOptions'] {
	return { ...displayOptions, show: { ...show, ...displayOptions?.show } };
}

function optionProperties(operation: CreateUserOperation): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Requests at Once',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description: `How many users are created in parallel (1-${MAX_CONCURRENCY}). Requests are also paced to stay under ${operation.api.name}'s rate limit.`,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: `How long to wait for ${operation.api.name} to answer one request. A request that times out may still have created the user.`,
		},
	];
	options.push(ifUserExistsProperty(operation.api));
	if (operation.api.idempotencyHeader) {
		options.push({
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description: `Sent as ${operation.api.idempotencyHeader}, so a retried request never creates the user twice. Leave empty to derive it from the workflow, the node and the item's request (never its password); or set it with an expression giving each item its own text or number (e.g. an employee ID). Items that would send different requests under one key are refused.`,
		});
	}
	if (operation.secretOutput) {
		options.push({
			displayName: operation.secretOutput.displayName,
			name: 'includeSecrets',
			type: 'boolean',
			default: false,
			description: secretOutputDescription(operation.api, operation.secretOutput),
		});
	}
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * A secret the provider returns only at creation is lost when a later item stops the run,
 * because n8n then discards the node's output: the option says how to keep it.
 */
function secretOutputDescription(api: ProviderApi, secretOutput: SecretOutput): string {
	return `${secretOutput.description} ${api.name} returns it only when the user is created: without Continue On Fail, a later failure in the run discards the output and it is lost, so turn on Continue On Fail (or the error output) when you need it.`;
}

/** n8n leaves unfilled optional fields as '' or [] (or null from expressions): all mean "not given". */
function withoutEmptyValues(value: unknown): unknown {
	if (value === '' || value === null) return undefined;
	if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(withoutEmptyValues);
	if (typeof value === 'object' && value !== undefined) {
		// fromEntries defines own properties, so a "__proto__" key stays a key the schema rejects.
		return Object.fromEntries(
			Object.entries(value)
				.map(([key, entry]) => [key, withoutEmptyValues(entry)] as const)
				.filter(([, entry]) => entry !== undefined),
		);
	}
	return value;
}

/** Whether n8n shows the field, given the fields read before it (e.g. Email only for Type "User"). */
function isShown(field: INodeProperties, values: IDataObject): boolean {
	const show = field.displayOptions?.show ?? {};
	return Object.entries(show).every(
		([name, allowed]) => !(name in values) || (allowed ?? []).includes(values[name] as never),
	);
}

/** The item's values of the operation's fields, with hidden fields left out as n8n does. */
function readFields(context: IExecuteFunctions, itemIndex: number, fields: INodeProperties[]): IDataObject {
	const values: IDataObject = {};
	for (const field of fields) {
		if (!isShown(field, values)) continue;
		// A resource locator holds { mode, value }: the item needs the value (an ID) alone.
		const extractValue = field.type === 'resourceLocator';
		const value = withoutEmptyValues(context.getNodeParameter(field.name, itemIndex, null, { extractValue }));
		if (value !== undefined) values[field.name] = value as IDataObject[string];
	}
	return values;
}

function readOptions(context: IExecuteFunctions, itemIndex: number): unknown {
	return withoutEmptyValues(context.getNodeParameter('options', itemIndex, {}));
}

/** Bad or missing concurrency falls back to the default here; the item's own validation reports it. */
function readConcurrency(context: IExecuteFunctions): number {
	if (context.getInputData().length === 0) return DEFAULT_CONCURRENCY;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const parsed = optionsSchema.shape.concurrency.safeParse(options.concurrency);
	return parsed.success ? parsed.data : DEFAULT_CONCURRENCY;
}

function asObject(body: unknown): IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : { response: body as IDataObject[string] };
}

function withoutSecrets(output: IDataObject, secretOutput: SecretOutput | undefined, include: boolean): IDataObject {
	if (!secretOutput || include) return output;
	return Object.fromEntries(Object.entries(output).filter(([key]) => !secretOutput.fields.includes(key)));
}

/**
 * n8n attaches the node, with its parameters, to an error that stops the run, then logs and
 * stores it. A value typed into a password field of the node (not an expression) is hidden there.
 */
function withSecretParametersHidden(error: unknown, fields: INodeProperties[]): unknown {
	const secretNames = fields.filter((field) => field.typeOptions?.password === true).map((field) => field.name);
	const failed = error as { node?: { parameters?: IDataObject } } | null;
	const parameters = failed?.node?.parameters;
	if (secretNames.length === 0 || typeof parameters !== 'object' || parameters === null) return error;
	const hidden = { ...parameters };
	for (const name of secretNames) {
		const value = hidden[name];
		if (typeof value === 'string' && value !== '' && !value.startsWith('=')) hidden[name] = '(hidden)';
	}
	failed!.node = { ...failed!.node, parameters: hidden };
	return error;
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

/** Runs the operation for every input item: the whole `execute` of a provider node. */
export async function executeCreateUser(
	context: IExecuteFunctions,
	operation: CreateUserOperation,
	{ continueOnFail }: ExecuteSettings,
): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const optionProps = optionProperties(operation);
	const idempotencyKeys = new IdempotencyKeys(node);

	try {
		return await runForEachItem(
			context,
			async (itemIndex) => {
				const options = validateItem(node, optionsSchema, readOptions(context, itemIndex), itemIndex, optionProps);
				const input = validateItem(node, operation.schema, readFields(context, itemIndex, operation.fields), itemIndex, operation.fields);
				const request: ApiRequest = operation.toRequest(input);
				if (operation.api.idempotencyHeader) {
					request.idempotencyKey = options.idempotencyKey ?? derivedIdempotencyKey(context, request, operation.fields);
					idempotencyKeys.register(request.idempotencyKey, request, itemIndex);
				}
				return { request, options };
			},
			async ({ request, options }, itemIndex) => {
				if (request.idempotencyKey !== undefined) idempotencyKeys.assertUnshared(request.idempotencyKey, itemIndex);
				const response = await sendRequest(context, operation.api, request, {
					itemIndex,
					timeoutMs: options.timeout * 1000,
				}).catch((error: unknown) => existingOrFailure(error, request, options.ifUserExists));
				if ('existing' in response) return response.existing;
				const output = operation.toOutput ? operation.toOutput(response.body) : asObject(response.body);
				if (isReplayed(response.headers)) output.idempotentReplayed = true;
				return withoutSecrets(output, operation.secretOutput, options.includeSecrets);
			},
			{
				concurrency: readConcurrency(context),
				continueOnFail,
				providerName: operation.api.name,
				describe: ({ request }, output) => createdUserLabel(request, output),
			},
		);
	} catch (error) {
		throw withSecretParametersHidden(error, operation.fields);
	}
}
