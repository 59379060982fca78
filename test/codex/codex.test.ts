import { loadPack } from '../harness/engine';

/** What people type into n8n's nodes panel when they look for this pack (issue 18, finding 7). */
const SEARCHES = ['create user', 'add user', 'invite user', 'offboard', 'provisioning', 'onboarding'];

describe('What n8n shows of each node', () => {
	test.each(SEARCHES)('every node is found by "%s"', async (search) => {
		const { nodeTypes, nodeTypeNames } = await loadPack();

		const notFound = nodeTypeNames.filter((name) => {
			const { displayName, codex } = nodeTypes.getByNameAndVersion(name).description;
			return ![displayName, ...(codex?.alias ?? [])].some((term) => term.toLowerCase().includes(search));
		});

		expect(notFound).toEqual([]);
	});

	test('no documentation link relies on an anchor, which n8n breaks by appending its query after it', async () => {
		const { nodeTypes, nodeTypeNames, credentialTypes } = await loadPack();
		const links = [
			...nodeTypeNames.flatMap((name) => {
				const resources = nodeTypes.getByNameAndVersion(name).description.codex?.resources ?? {};
				return [...(resources.primaryDocumentation ?? []), ...(resources.credentialDocumentation ?? [])].map(({ url }) => url);
			}),
			...[...credentialTypes.values()].map((type) => type.documentationUrl ?? ''),
		];

		expect(links.length).toBe(nodeTypeNames.length * 2 + credentialTypes.size);
		expect(links.filter((url) => new URL(url).hash !== '')).toEqual([]);
	});
});
