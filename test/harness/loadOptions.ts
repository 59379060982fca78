import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { loadPack } from './engine';

export interface LoadOptionsCall {
	/** Node type without the package prefix, e.g. "netBird". */
	nodeType: string;
	/** The `loadOptionsMethod` or `searchListMethod` named by the field, e.g. "getGroups". */
	method: string;
	/** The field whose dropdown is being filled (n8n passes its path to the context). */
	parameterPath: string;
	/** Credentials by type, as `runWorkflow` takes them. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters as the editor holds them when the dropdown opens. */
	parameters?: INodeParameters;
}

/**
 * A temporary node with the current parameters and credentials, and n8n-core's
 * LoadOptionsContext around it, as n8n's editor builds them (the CLI's
 * DynamicNodeParametersService), so requests go through the real request helpers and the
 * credential's `authenticate` block. A node without credentials is one the editor shows
 * before any credential is chosen.
 */
async function editorContext(call: Omit<LoadOptionsCall, 'method'>): Promise<{ nodeType: INodeType; context: ILoadOptionsFunctions }> {
	const pack = await loadPack();
	const type = `${pack.packageName}.${call.nodeType}`;
	const nodeType = pack.nodeTypes.getByNameAndVersion(type, 1) as INodeType;

	const parameters = call.parameters ?? {};
	const node: INode = {
		id: 'load-options',
		name: 'Temp-Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.keys(call.credentials).length
			? Object.fromEntries(
					Object.keys(call.credentials).map((credentialType) => [credentialType, { id: '1', name: credentialType }]),
				)
			: undefined,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: pack.nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(pack.credentialTypes, structuredClone(call.credentials)),
		currentNodeParameters: parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, call.parameterPath);
	return { nodeType, context };
}

/** Fills a dropdown (a `loadOptionsMethod`) as n8n's editor does. */
export async function loadOptions(call: LoadOptionsCall): Promise<INodePropertyOptions[]> {
	const { nodeType, context } = await editorContext(call);
	const method = nodeType.methods?.loadOptions?.[call.method];
	if (!method) throw new Error(`${call.nodeType} has no loadOptions method ${call.method}`);
	return await method.call(context);
}

/**
 * Fills a resource locator's "From List" (a `searchListMethod`) as n8n's editor does: with the
 * search text typed, and the token of the page before when the user scrolls to the end.
 */
export async function listSearch(
	call: LoadOptionsCall & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { nodeType, context } = await editorContext(call);
	const method = nodeType.methods?.listSearch?.[call.method];
	if (!method) throw new Error(`${call.nodeType} has no listSearch method ${call.method}`);
	return await method.call(context, call.filter, call.paginationToken);
}

/** Every page of a resource locator's list, following the pagination tokens, as scrolling does. */
export async function listSearchAllPages(
	call: LoadOptionsCall & { filter?: string },
): Promise<{ pages: INodeListSearchResult[]; names: string[] }> {
	const pages: INodeListSearchResult[] = [];
	let paginationToken: string | undefined;
	do {
		const page = await listSearch({ ...call, paginationToken });
		pages.push(page);
		paginationToken = page.paginationToken;
	} while (paginationToken !== undefined && pages.length < 50);
	return { pages, names: pages.flatMap((page) => page.results.map((result) => result.name)) };
}
