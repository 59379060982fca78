import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeCreateUser, userResourceProperties } from '../shared/operation';
import { createUser } from './user/create';

export class PulseCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pulse CRM',
		name: 'pulseCrm',
		icon: { light: 'file:pulseCrm.svg', dark: 'file:pulseCrm.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create users in a Pulse CRM account',
		defaults: { name: 'Pulse CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pulseCrmApi', required: true }],
		properties: userResourceProperties(createUser),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUser, { continueOnFail: this.continueOnFail() });
	}
}
