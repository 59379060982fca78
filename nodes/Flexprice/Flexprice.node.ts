import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { FlexpriceApi, flexpriceCredentialTest } from '../../credentials/FlexpriceApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { userResourceProperties } from '../shared/resourceDescription';
import { executeUserResource, userResourceOperations } from '../shared/userOperation';
import { flexpriceProvider } from './api';
import { listSearch } from './methods/listSearch';
import { userResource } from './user';

export class Flexprice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Flexprice',
		name: 'flexprice',
		icon: { light: 'file:flexprice.svg', dark: 'file:flexprice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, find and update users and service accounts, and archive service accounts, in Flexprice',
		defaults: { name: 'Flexprice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexpriceApi', required: true, testedBy: 'flexpriceApiTest' }],
		properties: userResourceProperties(userResourceOperations(userResource)),
	};

	methods = {
		listSearch,
		// The credential's Test: see nodes/shared/credentialTest.ts for why it is not a declarative request.
		credentialTest: { flexpriceApiTest: credentialTestFor(flexpriceProvider, new FlexpriceApi(), flexpriceCredentialTest) },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUserResource(this, userResource, { continueOnFail: this.continueOnFail() });
	}
}
