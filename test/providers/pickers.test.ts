import { NodeHelpers, type ICredentialDataDecryptedObject, type IDataObject, type INode, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

import { loadPack } from '../harness/engine';
import { listSearch, listSearchAllPages, loadOptions } from '../harness/loadOptions';
import { AUGNO, NETBIRD, runningSandbox, runProvider } from '../harness/providers';
import { PACK } from '../harness/workflow';
import { AUGNO_API_KEY, AUGNO_ROLES, augnoSandboxCredentials } from '../sandbox/augno';
import { netBirdSandboxCredentials } from '../sandbox/netBird';

/**
 * The pickers as the editor fills them: Augno's Role and Department are resource locators
 * (From List with search and pagination, or By ID), NetBird's Auto Groups a multi-select
 * (NetBird answers with every group at once).
 */
const augno = runningSandbox(AUGNO);
const netBird = runningSandbox(NETBIRD);

beforeAll(() => {
	// 250 roles: three pages of Augno's default 100, as a large account has.
	for (let index = 1; index <= 246; index++) {
		const id = `role_01jm4r5x0bulk${String(index).padStart(11, '0')}`;
		augno.roles.push({ ...AUGNO_ROLES[1], id, name: `Shift ${String(index).padStart(3, '0')}` });
	}
});

const augnoCredentials = () => ({ augnoApi: augnoSandboxCredentials(augno.url) });
const editorParameters = { resource: 'user', operation: 'create' };

describe('Augno → Role and Department: resource locators', () => {
	test('Role offers From List (searchable, paged) and By ID, and starts empty in From List', async () => {
		const { nodeTypes } = await loadPack();
		const description = nodeTypes.getByNameAndVersion(`${PACK}.augno`, 1).description;
		for (const name of ['roleId', 'departmentId']) {
			const field = description.properties.find((property) => property.name === name)!;
			expect(field.type).toBe('resourceLocator');
			expect(field.default).toEqual({ mode: 'list', value: '' });
			expect(field.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
			expect(field.modes?.[0].typeOptions).toMatchObject({ searchable: true });
			expect(field.description).toContain('not in Augno');
		}
	});

	test('lists every role over three pages, following Augno’s cursor, each role once', async () => {
		const { pages, names } = await listSearchAllPages({
			nodeType: 'augno',
			method: 'searchRoles',
			parameterPath: 'roleId',
			credentials: augnoCredentials(),
			parameters: editorParameters,
		});

		expect(pages.map((page) => page.results.length)).toEqual([100, 100, 50]);
		expect(pages.at(-1)!.paginationToken).toBeUndefined();
		expect(new Set(names).size).toBe(250);
		expect(names).toEqual(augno.roles.map((role) => role.name));
		const requests = augno.received('GET /v1/identity/roles');
		expect(requests.map((request) => request.query.has('cursor'))).toEqual([false, true, true]);
		expect(requests[0].headers.authorization).toBe(`Bearer ${AUGNO_API_KEY}`);
	});

	test('the search box asks Augno for matching roles and pages through the matches', async () => {
		const first = await listSearch({
			nodeType: 'augno',
			method: 'searchRoles',
			parameterPath: 'roleId',
			credentials: augnoCredentials(),
			parameters: editorParameters,
			filter: 'shift 1',
		});

		expect(augno.received('GET /v1/identity/roles')[0].query.get('q')).toBe('shift 1');
		// "shift 1" matches Shift 100 to Shift 199: exactly one page.
		expect(first.results).toHaveLength(100);
		expect(first.results.every((result) => result.name.toLowerCase().includes('shift 1'))).toBe(true);
		expect(first.paginationToken).toBeUndefined();
	});

	test('departments show their notes, with their IDs as values', async () => {
		const { results } = await listSearch({
			nodeType: 'augno',
			method: 'searchDepartments',
			parameterPath: 'departmentId',
			credentials: augnoCredentials(),
			parameters: editorParameters,
		});

		expect(results[0]).toEqual({ name: 'Knitting', value: 'dept_01jm4r6100knitting0000000', description: 'Looms 1-12' });
	});

	test('a node with no credential yet gets an empty list, not an error, and nothing is sent', async () => {
		const result = await listSearch({
			nodeType: 'augno',
			method: 'searchRoles',
			parameterPath: 'roleId',
			credentials: {},
			parameters: editorParameters,
		});

		expect(result).toEqual({ results: [] });
		expect(augno.received('GET /v1/identity/roles')).toHaveLength(0);
	});

	test('a failed load says what failed and that an ID works', async () => {
		const failed = listSearch({
			nodeType: 'augno',
			method: 'searchRoles',
			parameterPath: 'roleId',
			credentials: { augnoApi: { ...augnoSandboxCredentials(augno.url), apiKey: 'aug_sk_test_wrong' } },
			parameters: editorParameters,
		});

		await expect(failed).rejects.toThrow(
			'Could not load roles from Augno: Augno did not accept the credential (401): The API key provided is not valid.',
		);
		await expect(failed).rejects.toMatchObject({ description: expect.stringContaining('"By ID"') });
	});

	test('an empty Role and Department are no parameter issue', async () => {
		const { nodeTypes } = await loadPack();
		const nodeType = nodeTypes.getByNameAndVersion(`${PACK}.augno`, 1);
		const description = nodeType.description as INodeTypeDescription;
		const node: INode = {
			id: 'a',
			name: 'Augno',
			type: `${PACK}.augno`,
			typeVersion: 1,
			position: [0, 0],
			parameters: NodeHelpers.getNodeParameters(description.properties, { email: 'ada@example.com' }, true, false, null, description)!,
		};
		const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description);

		expect(issues?.parameters?.roleId).toBeUndefined();
		expect(issues?.parameters?.departmentId).toBeUndefined();
	});

	const create = async (items: IDataObject[], parameters: INodeParameters) => {
		const result = await runProvider(AUGNO, augno, items, { parameters, continueOnFail: false });
		return { ...result, sent: augno.received('POST /v1/identity/account-users').map((request) => request.body as IDataObject) };
	};

	test('a role picked from a later page, and a department by ID, are sent as their IDs', async () => {
		const shift = augno.roles.find((role) => role.name === 'Shift 240')!;
		const { error, sent } = await create([{ email: 'ada@example.com' }], {
			email: '={{ $json.email }}',
			roleId: { __rl: true, mode: 'list', value: shift.id, cachedResultName: shift.name },
			departmentId: { __rl: true, mode: 'id', value: 'dept_01jm4r6100knitting0000000' },
		});

		expect(error).toBeUndefined();
		expect(sent).toEqual([
			{ email: 'ada@example.com', role_id: shift.id, department_id: 'dept_01jm4r6100knitting0000000' },
		]);
	});

	test('left empty, neither is sent', async () => {
		const { error, sent } = await create([{ email: 'ada@example.com' }], {
			email: '={{ $json.email }}',
			roleId: { __rl: true, mode: 'list', value: '' },
			departmentId: { __rl: true, mode: 'list', value: '' },
		});

		expect(error).toBeUndefined();
		expect(sent).toEqual([{ email: 'ada@example.com' }]);
	});

	test('an agent fills Role and Department with $fromAI() (By ID)', async () => {
		// A tool node's $fromAI() reads the arguments of the tool call, one call per run; outside
		// an agent, n8n reads them from the run's input item, which is how this run hands them over.
		const viewer = AUGNO_ROLES[1];
		const { error, sent } = await create([{ email: 'alan@example.com', role: viewer.id, department: 'dept_01jm4r6100quality00000000' }], {
			email: "={{ $fromAI('email', 'Email of the new user', 'string') }}",
			roleId: { __rl: true, mode: 'id', value: "={{ $fromAI('role', 'Augno role ID', 'string') }}" },
			departmentId: { __rl: true, mode: 'id', value: "={{ $fromAI('department', 'Augno department ID', 'string') }}" },
		});

		expect(error).toBeUndefined();
		expect(sent).toEqual([{ email: 'alan@example.com', role_id: viewer.id, department_id: 'dept_01jm4r6100quality00000000' }]);
	});
});

describe('NetBird → Auto Groups', () => {
	const loadGroups = (credentials: Record<string, ICredentialDataDecryptedObject>) =>
		loadOptions({ nodeType: 'netBird', method: 'getGroups', parameterPath: 'autoGroups', credentials, parameters: editorParameters });

	test('a node with no credential yet (an AI tool just added) gets an empty list, not an error', async () => {
		await expect(loadGroups({})).resolves.toEqual([]);
		expect(netBird.received('GET /api/groups')).toHaveLength(0);
	});

	test('a failed load says what failed and that IDs from an expression work', async () => {
		const failed = loadGroups({
			netBirdApi: { ...netBirdSandboxCredentials(netBird.url), accessToken: 'nbp_wrongTokenWrongTokenWrongToken1234' },
		});

		await expect(failed).rejects.toThrow('Could not load groups from NetBird: NetBird did not accept the credential (401)');
	});

	test('says in the field where the list comes from', async () => {
		const { nodeTypes } = await loadPack();
		const field = nodeTypes
			.getByNameAndVersion(`${PACK}.netBird`, 1)
			.description.properties.find((property) => property.name === 'autoGroups')!;

		expect(field.description).toContain('GET /api/groups');
	});
});
