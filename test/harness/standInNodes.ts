import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/** Stands in for a trigger: emits the items written into its parameter, like pinned data. */
export class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items (JSON)', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

export const TEST_ITEMS_TYPE = 'harness.testItems';

/**
 * Minimal stand-ins for the two n8n-nodes-base nodes the example workflows use, so they run
 * in the bare engine without installing all of n8n's built-in nodes. Only what the examples
 * use is implemented. The end-to-end test runs the same workflows in real n8n, with the
 * real nodes.
 */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger (stand-in)',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow with one empty item',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Edit Fields (Set) v3.x in "JSON" mode: each item becomes the JSON written in the node. */
class EditFieldsJson implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Edit Fields (stand-in, JSON mode)',
		name: 'set',
		group: ['input'],
		version: [3, 3.1, 3.2, 3.3, 3.4],
		description: 'Outputs the JSON written in the node',
		defaults: { name: 'Edit Fields' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', options: [{ name: 'JSON', value: 'raw' }], default: 'raw' },
			{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, itemIndex) => {
				const value = this.getNodeParameter('jsonOutput', itemIndex) as string | IDataObject;
				const json = typeof value === 'string' ? (JSON.parse(value) as IDataObject) : value;
				return { json, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/** Every stand-in, by the node type name workflows use. */
export const STAND_IN_NODES: Record<string, INodeType> = {
	[TEST_ITEMS_TYPE]: new TestItems(),
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.set': new EditFieldsJson(),
};
