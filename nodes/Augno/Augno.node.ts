import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { AugnoApi, augnoCredentialTest } from '../../credentials/AugnoApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { userResourceProperties } from '../shared/resourceDescription';
import { executeUserResource, userResourceOperations } from '../shared/userOperation';
import { augnoProvider } from './api';
import { listSearch } from './methods/listSearch';
import { userResource } from './user';

export class Augno implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Augno',
		name: 'augno',
		icon: { light: 'file:augno.svg', dark: 'file:augno.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add, find, update, disable and remove users and scanning station users of an Augno account',
		defaults: { name: 'Augno' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'augnoApi', required: true, testedBy: 'augnoApiTest' }],
		properties: userResourceProperties(userResourceOperations(userResource)),
	};

	methods = {
		listSearch,
		// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
		credentialTest: { augnoApiTest: credentialTestFor(augnoProvider, new AugnoApi(), augnoCredentialTest) },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUserResource(this, userResource, { continueOnFail: this.continueOnFail() });
	}
}
