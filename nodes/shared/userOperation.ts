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
 *     value: 'deactivate', name: 'Deactivate',
 *     action: 'Disable a user: lock them out and revoke their sessions',   // all an agent's tool reads
 *     description: "What the provider does, in its docs' words (sessions revoked, restorable…)",
 *     fields: [userLocatorProperty(locator)],
 *     schema,
 *     done: 'deactivated',               // past tense of a change; leave out for a read
 *     async run({ user }, client, item) { … return the output item },
 *   };
 *
 * and lists it in `user/index.ts` beside Create; the node passes that resource to
 * `userResourceProperties(userResourceOperations(resource))` and `executeUserResource`.
 *
 * `run` talks to the provider only through its `client` (`read` for GETs, `change` with the
 * repeat safety the provider documents), so every call is paced per account, authenticated and
 * retried only where safe. The core reads and validates every item before anything is sent,
 * keeps one output item per input item, in order, restates failures in the operation's terms
 * (`not_changed` / `unknown`) and strips `secretFields` from every output. Shared outcomes live in
 * `userOutcomes.ts` (`notFoundItem`, `removedItem`, `onlyMatch` for two accounts for one email),
 * the User field in `userLocator.ts`, Create's Return Existing lookup in `returnExisting.ts`.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { createUserDescription, executeCreateUser, type CreateUserOperation, type ExecuteSettings } from './createUser';
import { readConcurrency, requestOptionProperties, requestOptionsShape } from './createUserOptions';
import { restatedAsChange } from './errors';
import { runForEachItem } from './items';
import { readFields, readOptions, withoutEmptyValues } from './parameters';
import type { ProviderDefinition } from './provider';
import { withOptionsCollection, type OperationDescription } from './resourceDescription';
import { withSecretParametersHidden } from './secretParameters';
import { userApiClient, type UserApiClient } from './userClient';
import { USER_LOCATOR } from './userLocator';
import { validateItem } from './validation';
import { z, type ZodTypeAny } from './zod';

export interface UserOperation<Schema extends ZodTypeAny = ZodTypeAny> {
	provider: ProviderDefinition;
	/** The operation's value in the node's parameters, e.g. "deactivate". */
	value: string;
	/** Its name in the Operation dropdown, e.g. "Deactivate". */
	name: string;
	/**
	 * What it does, in n8n's action list. An agent's tool description is this and the node's name
	 * ("Disable a user: … in Augno"), so a destructive operation says here what it destroys.
	 */
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

const optionsSchema = z.object(requestOptionsShape).strict();

function optionProperties(provider: ProviderDefinition): INodeProperties[] {
	return requestOptionProperties(provider, { inParallel: 'items are handled', timedOut: 'applied the change' });
}

/** The operation as the editor shows it: its fields, then its Options collection. */
export function userOperationDescription(operation: UserOperation): OperationDescription {
	const { value, name, action, description } = operation;
	return {
		value,
		name,
		action,
		description,
		properties: withOptionsCollection(operation.fields, optionProperties(operation.provider)),
	};
}

/** The Create operation and the others, as a node's `user/index.ts` lists them. */
export interface UserResource {
	create: CreateUserOperation;
	operations: UserOperation[];
}

/** Every operation of the resource, Create first (the default), the others sorted by name as n8n lists them. */
export function userResourceOperations(resource: UserResource): OperationDescription[] {
	const others = resource.operations.map(userOperationDescription).sort((a, b) => a.name.localeCompare(b.name));
	return [createUserDescription(resource.create), ...others];
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

/**
 * The item's values of the operation's fields, as n8n shows them. The User locator is read
 * whole (`{ mode, value }`): whether the value is an email or an ID depends on its mode.
 */
function readOperationFields(context: IExecuteFunctions, itemIndex: number, fields: INodeProperties[]): IDataObject {
	const values = readFields(context, itemIndex, fields.filter((field) => field.name !== USER_LOCATOR));
	if (fields.some((field) => field.name === USER_LOCATOR)) {
		const locator = withoutEmptyValues(context.getNodeParameter(USER_LOCATOR, itemIndex, null));
		if (locator !== undefined) values[USER_LOCATOR] = locator as IDataObject;
	}
	return values;
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
	const options = optionProperties(operation.provider);
	// A password typed into an operation's field (Fungies' Update) stays out of a stopped run's error.
	return await runForEachItem(
		context,
		async (itemIndex) => {
			try {
				return {
					options: validateItem(node, optionsSchema, readOptions(context, itemIndex) ?? {}, itemIndex, options),
					input: validateItem(node, operation.schema, readOperationFields(context, itemIndex, operation.fields), itemIndex, operation.fields),
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
	).catch((error: unknown) => {
		throw withSecretParametersHidden(error, operation.fields);
	});
}
