import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { FlexpriceApi, flexpriceCredentialTest } from '../../credentials/FlexpriceApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { createUserDescription, executeCreateUser } from '../shared/createUser';
import { userResourceProperties } from '../shared/resourceDescription';
import { flexpriceProvider } from './api';
import { createUserOperation } from './user/create';

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
		credentials: [{ name: 'flexpriceApi', required: true, testedBy: 'flexpriceApiTest' }],
		properties: userResourceProperties([createUserDescription(createUserOperation)]),
	};

	// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
	methods = { credentialTest: { flexpriceApiTest: credentialTestFor(flexpriceProvider, new FlexpriceApi(), flexpriceCredentialTest) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCreateUser(this, createUserOperation, { continueOnFail: this.continueOnFail() });
	}
}
