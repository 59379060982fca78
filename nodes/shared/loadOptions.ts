import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { sendRequest, type ApiRequest, type ProviderApi } from './transport';

/**
 * A `loadOptions` method for a dropdown filled from the provider's API (roles, groups, ...),
 * sent through the same transport as the create call, sorted by name.
 */
export function optionsFromApi(
	api: ProviderApi,
	request: Omit<ApiRequest, 'idempotencyKey'>,
	toOptions: (body: unknown) => INodePropertyOptions[],
) {
	return async function loadOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const response = await sendRequest(this, api, request, { retry: { maxAttempts: 2 } });
		return toOptions(response.body).sort((a, b) => a.name.localeCompare(b.name));
	};
}
