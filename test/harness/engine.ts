import './env';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import {
	LoggerProxy,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { resolve } from 'node:path';

import { TestCredentialsHelper } from './credentialsHelper';
import { STAND_IN_NODES, TEST_ITEMS_TYPE } from './standInNodes';

export const PACKAGE_DIR = resolve(__dirname, '../..');

export interface LoadedPack {
	packageName: string;
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
	/** Full type names of the pack's nodes, e.g. n8n-nodes-user-provisioning.flexprice */
	nodeTypeNames: string[];
}

let loaded: Promise<LoadedPack> | undefined;

/** Loads the built package from dist/ the way n8n loads an installed community package. */
export function loadPack(): Promise<LoadedPack> {
	loaded ??= (async () => {
		recordLogs();
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const types: Record<string, INodeType | IVersionedNodeType> = { ...STAND_IN_NODES };
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
			types[`${loader.packageName}.${name}`] = type;
		}
		const credentialTypes = new Map(
			Object.entries(loader.credentialTypes).map(([name, { type }]) => [name, type] as const),
		);
		const nodeTypes: INodeTypes = {
			getByName: (name) => types[name],
			getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
			getKnownTypes: () => ({}),
		};
		return {
			packageName: loader.packageName,
			nodeTypes,
			credentialTypes,
			nodeTypeNames: Object.keys(loader.nodeTypes).map((name) => `${loader.packageName}.${name}`),
		};
	})();
	return loaded;
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

export interface WorkflowRun {
	run: IRun;
	/** The workflow-level error, if the run failed. */
	error?: ExecutionError;
	/** Items a node put out on its first output, in order. */
	output(nodeName: string): INodeExecutionData[];
	/** Credential values and refreshed tokens the run had: none may appear in any output. */
	secrets: string[];
	/** What n8n and the nodes logged during the run (captured, not printed). */
	logs: string;
}

/** Every log call of the current run: level, message and metadata, as n8n's logger received them. */
const recordedLogLines: string[] = [];

/**
 * Stands in for n8n's Logger, in its DI container and behind the engine's LoggerProxy:
 * every log call, at any level, is recorded synchronously with its metadata, not printed.
 */
function recordLogs(): void {
	const record =
		(level: string) =>
		(message: string, metadata: object = {}): void => {
			let details: string;
			try {
				details = JSON.stringify(metadata);
			} catch {
				details = String(metadata);
			}
			recordedLogLines.push(`${level} ${message} ${details}`);
		};
	const recorder = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug'), scoped: () => recorder };
	Container.set(Logger, recorder as unknown as Logger);
	LoggerProxy.init(recorder);
}

function additionalDataFor(hooks: ExecutionLifecycleHooks, credentialsHelper: TestCredentialsHelper) {
	const baseUrl = 'http://localhost:5678';
	const notAvailable = async () => {
		throw new Error('Not available in the test engine');
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		hooks,
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: baseUrl,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		executeWorkflow: notAvailable,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notAvailable,
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

/**
 * Runs a workflow through n8n-core's WorkflowExecute with the built pack loaded and the
 * given credentials (keyed by credential type), starting from its first node.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<WorkflowRun> {
	const pack = await loadPack();
	const credentialsHelper = new TestCredentialsHelper(pack.credentialTypes, structuredClone(credentials));
	const workflowData: IWorkflowBase = {
		id: workflowJson.id ?? 'test-workflow',
		name: workflowJson.name ?? 'Test workflow',
		active: false,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: structuredClone(workflowJson.nodes),
		connections: workflowJson.connections,
		nodeTypes: pack.nodeTypes,
		active: false,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks('manual', String(++executionCounter), workflowData);
	const startNode = workflow.getNode(workflowJson.nodes[0].name) ?? undefined;
	recordedLogLines.length = 0;
	const run = await new WorkflowExecute(additionalDataFor(hooks, credentialsHelper), 'manual').run({ workflow, startNode });
	const logs = recordedLogLines.join('\n');

	return {
		run,
		error: run.data.resultData.error,
		output: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		secrets: [...credentialsHelper.secretsSeen],
		logs,
	};
}

/**
 * Sends a credential type's `test` request as n8n's "Test credential" button does: its
 * expressions resolved against the credential, then the credential's `authenticate` applied.
 */
export async function testCredential(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: number; body: unknown }> {
	const pack = await loadPack();
	const type = pack.credentialTypes.get(credentialType);
	if (!type?.test) throw new Error(`${credentialType} has no test request`);
	const helper = new TestCredentialsHelper(pack.credentialTypes, { [credentialType]: { ...data } });
	const node: INode = {
		id: 'credential-test',
		name: 'Credential Test',
		type: TEST_ITEMS_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes: pack.nodeTypes, active: false });
	const resolveValue = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: data }, undefined, '')
			: value;

	// Credentials with an expirable session token fetch it first, as n8n does before a test.
	const credentials = { ...data };
	await helper.preAuthentication({ helpers: { httpRequest: plainHttpRequest } }, credentials, credentialType, node, true);

	const { request } = type.test;
	const options = await helper.authenticate(
		credentials,
		credentialType,
		{
			method: request.method ?? 'GET',
			url: String(resolveValue(request.url) ?? ''),
			baseURL: String(resolveValue(request.baseURL) ?? ''),
			headers: { ...(request.headers ?? {}) },
			qs: request.qs,
		},
		workflow,
		node,
	);
	const url = new URL(`${options.baseURL ?? ''}${options.url}`);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	const response = await fetch(url, { method: options.method, headers: options.headers as Record<string, string> });
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/**
 * The one helper a credential's preAuthentication may call, with the options of n8n's
 * `httpRequest` that a sign-in uses: full response, statuses not thrown, redirects not followed.
 */
async function plainHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const url = new URL(`${options.baseURL ?? ''}${options.url}`);
	const response = await fetch(url, {
		method: options.method ?? 'GET',
		headers: { 'Content-Type': 'application/json', ...(options.headers as Record<string, string>) },
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		redirect: options.disableFollowRedirect ? 'manual' : 'follow',
	});
	if (!response.ok && !options.ignoreHttpStatusErrors) {
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
			response: { status: response.status },
		});
	}
	const text = await response.text();
	let body: unknown = text;
	try {
		body = text ? (JSON.parse(text) as unknown) : undefined;
	} catch {
		// Not JSON: returned as text, as n8n's helper does.
	}
	if (!options.returnFullResponse) return body;
	return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
}
