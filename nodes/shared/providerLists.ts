import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { ApiRequest, ProviderDefinition } from './provider';
import { sendRequest } from './transport';

/**
 * The editor asks for a list as soon as a node opens, and an AI tool node opens before n8n has
 * given it its credential: without one there is nothing to list yet, which is not an error
 * (n8n asks again once the credential is set).
 */
function hasCredential(context: ILoadOptionsFunctions, provider: ProviderDefinition): boolean {
	return context.getNode().credentials?.[provider.credentialType] !== undefined;
}

/** A failed load says what happened and that the field does not depend on the list. */
function listLoadError(context: ILoadOptionsFunctions, provider: ProviderDefinition, what: string, error: unknown): NodeOperationError {
	const reason = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), `Could not load ${what} from ${provider.name}: ${reason}`, {
		description: `The list is only a help: choose "By ID" and enter the ID, or set it with an expression.`,
	});
}

/**
 * A `loadOptions` method for a dropdown filled from the provider's API (roles, groups, ...),
 * sent through the same transport as the create call, sorted by name.
 */
export function optionsFromApi(
	provider: ProviderDefinition,
	what: string,
	request: Omit<ApiRequest, 'idempotencyKey'>,
	toOptions: (body: unknown) => INodePropertyOptions[],
) {
	return async function loadOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		if (!hasCredential(this, provider)) return [];
		try {
			const response = await sendRequest(this, provider, request, { retry: { maxAttempts: 2 } });
			return toOptions(response.body).sort((a, b) => a.name.localeCompare(b.name));
		} catch (error) {
			throw listLoadError(this, provider, what, error);
		}
	};
}

/** One page of a provider's list, as a list-search method reads it. */
export interface ListPage {
	results: INodeListSearchItems[];
	/** Handed back by n8n when the user scrolls to the end of the list; absent on the last page. */
	paginationToken?: string;
}

/**
 * A `listSearch` method for a resource locator's "From List" mode: n8n passes the search text
 * and, when the user scrolls past the end, the token of the next page.
 */
export function searchFromApi(
	provider: ProviderDefinition,
	what: string,
	request: (filter: string | undefined, paginationToken: string | undefined) => Omit<ApiRequest, 'idempotencyKey'>,
	/** Reads a page; the search text is there for a provider whose list cannot filter. */
	toPage: (body: unknown, search: string | undefined) => ListPage,
) {
	return async function listSearch(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		if (!hasCredential(this, provider)) return { results: [] };
		const search = filter?.trim() || undefined;
		try {
			const response = await sendRequest(this, provider, request(search, paginationToken), { retry: { maxAttempts: 2 } });
			return toPage(response.body, search);
		} catch (error) {
			throw listLoadError(this, provider, what, error);
		}
	};
}

/** The `cursor` query parameter of a page URL such as Augno's `page_info.next_page_url`. */
export function cursorOf(pageUrl: unknown, parameter = 'cursor'): string | undefined {
	if (typeof pageUrl !== 'string' || pageUrl === '') return undefined;
	try {
		return new URL(pageUrl, 'http://relative.invalid').searchParams.get(parameter) ?? undefined;
	} catch {
		// An unreadable URL ends the list where it is rather than failing the whole dropdown.
		return undefined;
	}
}

export interface ResourceLocatorField {
	displayName: string;
	name: string;
	searchListMethod: string;
	/** Where the list comes from, said in the field (e.g. "Augno's roles (GET /v1/identity/roles)"). */
	source: string;
	idPlaceholder: string;
	description: string;
	displayOptions?: INodeProperties['displayOptions'];
}

/**
 * An optional resource locator (From List with search and pagination, or By ID) whose empty
 * state is no issue in the editor: it starts in "From List" with no value, and "By ID" takes
 * any non-empty text, so an expression such as `$fromAI()` fills it too.
 */
export function resourceLocatorProperty(field: ResourceLocatorField): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: `${field.description} The list shows ${field.source}; if it cannot load, choose "By ID"`,
		displayOptions: field.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${field.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: field.idPlaceholder,
			},
		],
	};
}

/** The entries of a list body that have a string id and name, as resource locator results. */
export function namedEntries(
	entries: unknown,
	describe: (entry: IDataObject) => string | undefined = () => undefined,
): INodeListSearchItems[] {
	if (!Array.isArray(entries)) return [];
	return (entries as IDataObject[])
		.filter((entry) => typeof entry.id === 'string' && typeof entry.name === 'string')
		.map((entry) => ({ name: entry.name as string, value: entry.id as string, description: describe(entry) }));
}
