import './env';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	createEmptyRunExecutionData,
	LoggerProxy,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestFunction,
	type ICredentialTestRequest,
	type ICredentialType,
	type IConnections,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { resolve } from 'node:path';

import { TestCredentialsHelper } from './credentialsHelper';
import { STAND_IN_NODES } from './standInNodes';

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
 * Runs a credential's Test as n8n's CredentialsTester does (packages/cli/src/services/
 * credentials-tester.service.ts, 2.41.1): the credential's defaults applied; then, if the
 * credential type has a declarative `test`, that request through n8n-core's RoutingNode (it
 * wins over any node's `testedBy`); otherwise the `methods.credentialTest` function named by a
 * node's `testedBy`, called on n8n-core's own CredentialTestContext. The answer is what the
 * credential modal shows.
 */
export async function testCredential(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const pack = await loadPack();
	const type = pack.credentialTypes.get(credentialType);
	if (!type) throw new Error(`Unknown credential type ${credentialType}`);
	const withDefaults = NodeHelpers.getNodeParameters(type.properties, data as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'credential-under-test',
		name: `${type.displayName} (test)`,
		type: credentialType,
		data: withDefaults,
	};
	const helper = new TestCredentialsHelper(pack.credentialTypes, { [credentialType]: { ...withDefaults } });
	const hooks = new ExecutionLifecycleHooks('internal', `credential-test-${++executionCounter}`, {
		id: 'credential-test',
		nodes: [],
		connections: {},
	} as unknown as IWorkflowBase);
	const additionalData = additionalDataFor(hooks, helper);

	if (type.test) return await runRequestTest(type.test, credentialsDecrypted, additionalData);

	const testFunction = credentialTestFunctionOf(pack, credentialType);
	if (!testFunction) return { status: 'Error', message: 'No testing function found for this credential.' };
	return await testFunction.call(new CredentialTestContext(additionalData), credentialsDecrypted);
}

/** The node `methods.credentialTest` function a node's credential entry names with `testedBy`. */
function credentialTestFunctionOf(pack: LoadedPack, credentialType: string): ICredentialTestFunction | undefined {
	for (const name of pack.nodeTypeNames) {
		const nodeType = pack.nodeTypes.getByNameAndVersion(name);
		for (const { name: credentialName, testedBy } of nodeType.description.credentials ?? []) {
			if (credentialName !== credentialType || typeof testedBy !== 'string') continue;
			return nodeType.methods?.credentialTest?.[testedBy];
		}
	}
	return undefined;
}

/** n8n's `runRequestTest`: the declarative request as a routing node, and its verdict. */
async function runRequestTest(
	testRequest: ICredentialTestRequest,
	credentialsDecrypted: ICredentialsDecrypted,
	additionalData: IWorkflowExecuteAdditionalData,
): Promise<INodeCredentialTestResult> {
	const credentialType = credentialsDecrypted.type;
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(executeFunctions, nodeType, credentialsDecrypted).runNode();
	} catch (thrown) {
		const error = thrown as { message: string; cause?: { code?: string; response?: { status: number; statusText?: string } } };
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
