import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { FungiesApi, fungiesCredentialTest } from '../../credentials/FungiesApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { userResourceProperties } from '../shared/resourceDescription';
import { executeUserResource, userResourceOperations } from '../shared/userOperation';
import { fungiesProvider } from './api';
import { userResource } from './user';

export class Fungies implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fungies',
		name: 'fungies',
		icon: { light: 'file:fungies.svg', dark: 'file:fungies.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, get, update, archive and unarchive user accounts in a Fungies store',
		defaults: { name: 'Fungies' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fungiesApi', required: true, testedBy: 'fungiesApiTest' }],
		properties: userResourceProperties(userResourceOperations(userResource)),
	};

	// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
	methods = { credentialTest: { fungiesApiTest: credentialTestFor(fungiesProvider, new FungiesApi(), fungiesCredentialTest) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUserResource(this, userResource, { continueOnFail: this.continueOnFail() });
	}
}
