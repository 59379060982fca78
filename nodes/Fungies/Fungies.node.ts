import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeCreateUser, userResourceProperties } from '../shared/operation';
import { createUser } from './user/create';

export class Fungies implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fungies',
		name: 'fungies',
		icon: { light: 'file:fungies.svg', dark: 'file:fungies.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create user accounts in a Fungies store',
		defaults: { name: 'Fungies' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fungiesApi', required: true }],
		properties: userResourceProperties(createUser),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUser, { continueOnFail: this.continueOnFail() });
	}
}
