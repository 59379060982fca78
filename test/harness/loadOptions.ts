import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
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
	/** The `loadOptionsMethod` named by the field, e.g. "getGroups". */
	method: string;
	/** The field whose dropdown is being filled (n8n passes its path to the context). */
	parameterPath: string;
	/** Credentials by type, as `runWorkflow` takes them. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters as the editor holds them when the dropdown opens. */
	parameters?: INodeParameters;
}

/**
 * Fills a dropdown as n8n's editor does (the CLI's DynamicNodeParametersService): a temporary
 * node with the current parameters and credentials, and the node type's loadOptions method
 * called with n8n-core's LoadOptionsContext, so requests go through the real request helpers
 * and the credential's `authenticate` block.
 */
export async function loadOptions(call: LoadOptionsCall): Promise<INodePropertyOptions[]> {
	const pack = await loadPack();
	const type = `${pack.packageName}.${call.nodeType}`;
	const nodeType = pack.nodeTypes.getByNameAndVersion(type, 1) as INodeType;
	const method = nodeType.methods?.loadOptions?.[call.method];
	if (!method) throw new Error(`${call.nodeType} has no loadOptions method ${call.method}`);

	const parameters = call.parameters ?? {};
	const node: INode = {
		id: 'load-options',
		name: 'Temp-Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			Object.keys(call.credentials).map((credentialType) => [credentialType, { id: '1', name: credentialType }]),
		),
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
	return await method.call(context);
}
