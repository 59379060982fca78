import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeCreateUser, userResourceProperties } from '../shared/operation';
import { loadOptions } from './methods/loadOptions';
import { createUser } from './user/create';

export class Augno implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Augno',
		name: 'augno',
		icon: { light: 'file:augno.svg', dark: 'file:augno.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add users and scanning station users to an Augno account',
		defaults: { name: 'Augno' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'augnoApi', required: true }],
		properties: userResourceProperties(createUser),
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUser, { continueOnFail: this.continueOnFail() });
	}
}
