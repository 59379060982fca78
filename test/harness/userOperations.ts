import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from './engine';
import { createUsersWorkflow } from './workflow';

/** A User locator's value as n8n stores it, in one of its modes. */
export const userLocator = (mode: 'email' | 'id' | 'list', value: string) => ({ __rl: true, mode, value });

export interface ProviderNode {
	/** Node type without the package prefix, e.g. "augno"; also the node's name in the workflow. */
	type: string;
	credentialType: string;
	credentials(): ICredentialDataDecryptedObject;
}

/**
 * Items → the provider's node with a User operation (find, get, update, deactivate, remove…),
 * run by n8n's engine: the node's output items and its execution hints.
 */
export async function runUserOperation(
	node: ProviderNode,
	operation: string,
	items: IDataObject[],
	parameters: INodeParameters = {},
	{ continueOnFail = false } = {},
) {
	const result = await runWorkflow(
		createUsersWorkflow(items, {
			type: node.type,
			credentialType: node.credentialType,
			name: node.type,
			parameters: { operation, ...parameters },
			continueOnFail,
		}),
		{ [node.credentialType]: node.credentials() },
	);
	return {
		...result,
		items: result.output(node.type).map((item) => item.json),
		hints: result.run.data.resultData.runData[node.type]?.[0]?.hints ?? [],
	};
}
