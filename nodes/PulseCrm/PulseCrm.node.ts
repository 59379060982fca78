import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { PulseCrmApi, pulseCrmCredentialTest } from '../../credentials/PulseCrmApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { userResourceProperties } from '../shared/resourceDescription';
import { executeUserResource, userResourceOperations } from '../shared/userOperation';
import { pulseCrmProvider } from './api';
import { listSearch } from './methods/listSearch';
import { userResource } from './user';

export class PulseCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pulse CRM',
		name: 'pulseCrm',
		icon: { light: 'file:pulseCrm.svg', dark: 'file:pulseCrm.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, find, update, deactivate and remove users in a Pulse CRM account',
		defaults: { name: 'Pulse CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pulseCrmApi', required: true, testedBy: 'pulseCrmApiTest' }],
		properties: userResourceProperties(userResourceOperations(userResource)),
	};

	methods = {
		listSearch,
		// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
		credentialTest: { pulseCrmApiTest: credentialTestFor(pulseCrmProvider, new PulseCrmApi(), pulseCrmCredentialTest) },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUserResource(this, userResource, { continueOnFail: this.continueOnFail() });
	}
}
