import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { FungiesApi, fungiesCredentialTest } from '../../credentials/FungiesApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { createUserDescription, executeCreateUser } from '../shared/createUser';
import { userResourceProperties } from '../shared/resourceDescription';
import { fungiesProvider } from './api';
import { createUserOperation } from './user/create';

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
		credentials: [{ name: 'fungiesApi', required: true, testedBy: 'fungiesApiTest' }],
		properties: userResourceProperties([createUserDescription(createUserOperation)]),
	};

	// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
	methods = { credentialTest: { fungiesApiTest: credentialTestFor(fungiesProvider, new FungiesApi(), fungiesCredentialTest) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUserOperation, { continueOnFail: this.continueOnFail() });
	}
}
