import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { NetBirdApi, netBirdCredentialTest } from '../../credentials/NetBirdApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { userResourceProperties } from '../shared/resourceDescription';
import { executeUserResource, userResourceOperations } from '../shared/userOperation';
import { netBirdProvider } from './api';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';
import { userResource } from './user';

export class NetBird implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetBird',
		name: 'netBird',
		icon: { light: 'file:netbird.svg', dark: 'file:netbird.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Invite, find, update, block and delete users, and create service users, in NetBird',
		defaults: { name: 'NetBird' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'netBirdApi', required: true, testedBy: 'netBirdApiTest' }],
		properties: userResourceProperties(userResourceOperations(userResource)),
	};

	methods = {
		loadOptions,
		listSearch,
		// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
		credentialTest: { netBirdApiTest: credentialTestFor(netBirdProvider, new NetBirdApi(), netBirdCredentialTest) },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUserResource(this, userResource, { continueOnFail: this.continueOnFail() });
	}
}
