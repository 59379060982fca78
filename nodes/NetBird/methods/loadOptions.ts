import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { optionsFromApi } from '../../shared/providerLists';
import { netBirdProvider } from '../api';

const peerCount = (count: number) => `${count} ${count === 1 ? 'peer' : 'peers'}`;

/** GET /api/groups answers with the account's groups: { id, name, peers_count, ... }[] */
function groupOptions(body: unknown): INodePropertyOptions[] {
	if (!Array.isArray(body)) return [];
	return (body as IDataObject[])
		.filter((group) => typeof group.id === 'string' && typeof group.name === 'string')
		// Every peer is in "All" already, and NetBird refuses it among a user's auto groups on update.
		.filter((group) => group.name !== 'All')
		.map((group) => ({
			name: group.name as string,
			value: group.id as string,
			description: typeof group.peers_count === 'number' ? peerCount(group.peers_count) : undefined,
		}));
}

// NetBird answers with every group at once (no paging), so the dropdown is never cut short.
export const GROUPS_PATH = '/api/groups';

export const loadOptions = {
	// https://docs.netbird.io/api/resources/groups#list-all-groups
	getGroups: optionsFromApi(netBirdProvider, 'groups', { method: 'GET', path: GROUPS_PATH }, groupOptions),
};
