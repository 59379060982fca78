import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeCreateUser, userResourceProperties } from '../shared/operation';
import { createUser } from './user/create';

export class Flexprice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flexprice',
		name: 'flexprice',
		icon: { light: 'file:flexprice.svg', dark: 'file:flexprice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create users and service accounts in Flexprice',
		defaults: { name: 'Flexprice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexpriceApi', required: true }],
		properties: userResourceProperties(createUser),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUser, { continueOnFail: this.continueOnFail() });
	}
}
