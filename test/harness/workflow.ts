import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { name as PACKAGE_NAME } from '../../package.json';
import type { WorkflowJson } from './engine';
import { TEST_ITEMS_TYPE } from './standInNodes';

/** The prefix of the pack's node types: the package's name, which n8n's loader reads from the same package.json. */
export const PACK = PACKAGE_NAME;

export interface ProviderNodeSpec {
	/** Node type without the package prefix, e.g. "flexprice". */
	type: string;
	credentialType: string;
	parameters: INodeParameters;
	continueOnFail?: boolean;
	name?: string;
}

/** Items → provider node: the smallest workflow a user builds with the pack. */
export function createUsersWorkflow(items: IDataObject[], spec: ProviderNodeSpec): WorkflowJson {
	const name = spec.name ?? 'Create User';
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: TEST_ITEMS_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(items) },
		},
		{
			id: 'create-user',
			name,
			type: `${PACK}.${spec.type}`,
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'user', operation: 'create', ...spec.parameters },
			credentials: { [spec.credentialType]: { id: '1', name: `${spec.type} sandbox` } },
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	return {
		nodes,
		connections: { Items: { main: [[{ node: name, type: 'main', index: 0 }]] } },
	};
}
