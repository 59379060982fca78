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

export class NetBird implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetBird',
		name: 'netBird',
		icon: { light: 'file:netbird.svg', dark: 'file:netbird.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite users and create service users in NetBird',
		defaults: { name: 'NetBird' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'netBirdApi', required: true }],
		properties: userResourceProperties(createUser),
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUser, { continueOnFail: this.continueOnFail() });
	}
}
