import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { PulseCrmApi, pulseCrmCredentialTest } from '../../credentials/PulseCrmApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { createUserDescription, executeCreateUser } from '../shared/createUser';
import { userResourceProperties } from '../shared/resourceDescription';
import { pulseCrmProvider } from './api';
import { createUserOperation } from './user/create';

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
		credentials: [{ name: 'pulseCrmApi', required: true, testedBy: 'pulseCrmApiTest' }],
		properties: userResourceProperties([createUserDescription(createUserOperation)]),
	};

	// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
	methods = { credentialTest: { pulseCrmApiTest: credentialTestFor(pulseCrmProvider, new PulseCrmApi(), pulseCrmCredentialTest) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUserOperation, { continueOnFail: this.continueOnFail() });
	}
}
