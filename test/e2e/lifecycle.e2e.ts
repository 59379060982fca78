/**
 * Issue 17's proof in real n8n 2.41.1 (`n8n start`, production webhooks): one person's whole
 * lifecycle through published workflows, read back from the stand-ins after every step.
 * Joiner: examples/webhook-onboarding.json. Mover: a role change through each node's Update
 * (built here; Fungies has no role). Leaver: examples/offboarding.json, then the same
 * termination again, which must change nothing and report the same locked-out state.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { credentialsForN8nImport, sandboxCredentialId, SANDBOX_PROVIDERS, startSandboxes, type RunningSandbox } from '../sandbox';
import { AUGNO_ROLES, type AugnoSandbox } from '../sandbox/augno';
import type { FlexpriceSandbox } from '../sandbox/flexprice';
import type { FungiesSandbox } from '../sandbox/fungies';
import type { NetBirdSandbox } from '../sandbox/netBird';
import type { PulseCrmSandbox } from '../sandbox/pulseCrm';
import {
	PACKAGE_NAME,
	ROOT,
	startN8nServer,
	webhookBurst,
	type N8nProcess,
	type WebhookAnswer,
} from './n8nServer';

const example = (file: string) => JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as { id: string };

const LEAVER = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lifecycle@example.com', username: 'ada_lifecycle', employeeId: 'E-1815' };
const WAREHOUSE_STAFF = AUGNO_ROLES.find((role) => role.name === 'Warehouse Staff')!.id;
const MOVE_PATH = 'lifecycle-move';

/** The Update each node makes when the person changes role: the role fields its provider documents. */
const roleChanges: Record<string, object> = {
	pulseCrm: { updateFields: { roles: ['Manager'] } },
	augno: { role: { __rl: true, mode: 'id', value: WAREHOUSE_STAFF } },
	netBird: { updateFields: { role: 'auditor' } },
	flexprice: { updateFields: { roles: ['all_writer'] } },
};

/**
 * Webhook (the mover's email) → each node's Update with On Error: Continue → Answer: every
 * node's item, so the caller sees each provider's answer (an error item included).
 */
function moverWorkflow() {
	const movers = SANDBOX_PROVIDERS.filter((provider) => roleChanges[provider.nodeName]);
	const email = "={{ $('Mover').item.json.body.email }}";
	const nodes = [
		{ id: randomUUID(), name: 'Mover', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path: MOVE_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		...movers.map((provider, index) => ({
			id: randomUUID(), name: provider.name, type: `${PACKAGE_NAME}.${provider.nodeName}`, typeVersion: 1, position: [(index + 1) * 240, 0],
			parameters: { resource: 'user', operation: 'update', user: { __rl: true, mode: 'email', value: email }, ...roleChanges[provider.nodeName], options: {} },
			credentials: { [provider.credentialType]: { id: sandboxCredentialId(provider), name: `${provider.name} (local sandbox)` } },
			onError: 'continueRegularOutput',
		})),
		{ id: randomUUID(), name: 'Answer', type: 'n8n-nodes-base.code', typeVersion: 2, position: [(movers.length + 1) * 240, 0],
			parameters: { jsCode: `return ${JSON.stringify(movers.map((provider) => provider.name))}.map((provider) => ({ json: { provider, ...$(provider).first().json } }));` } },
	];
	const chain = nodes.map((node) => node.name);
	return {
		id: 'lifecycleMove001',
		name: 'Test: a mover changes role',
		nodes,
		connections: Object.fromEntries(chain.slice(0, -1).map((from, index) => [from, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }])),
		settings: { executionOrder: 'v1' },
	};
}

let running: RunningSandbox[] = [];
let n8n: N8nProcess | undefined;
let baseUrl: string;

const standIn = <Sandbox>(name: string) => running.find(({ provider }) => provider.name === name)!.sandbox as unknown as Sandbox;
const pulse = () => standIn<PulseCrmSandbox>('Pulse CRM');
const augno = () => standIn<AugnoSandbox>('Augno');
const netBird = () => standIn<NetBirdSandbox>('NetBird');
const fungies = () => standIn<FungiesSandbox>('Fungies');
const flexprice = () => standIn<FlexpriceSandbox>('Flexprice');

const pulseUser = () => pulse().users.find((user) => user.email === LEAVER.email);
const augnoMember = () => {
	const user = augno().users.find((candidate) => candidate.email === LEAVER.email);
	return augno().accountUsers.find((member) => member.userId === user?.id);
};
const netBirdUser = () => netBird().users.find((user) => user.email === LEAVER.email);
const fungiesUser = () => fungies().users.find((user) => user.email === LEAVER.email);
const flexpriceUser = () => flexprice().users.find((user) => user.email === LEAVER.email);

/** When a stand-in last touched a record: a repeated no-op call moves it, as the providers' own do. */
const TOUCHED = new Set(['updatedAt', 'updated_at', 'updatedBy']);

/** What every stand-in holds for the person, and NetBird's peers: compared across runs. */
function heldState() {
	return JSON.parse(
		JSON.stringify({
			pulse: pulseUser(),
			augno: augnoMember(),
			netBird: netBirdUser(),
			peers: netBird().peers,
			fungies: fungiesUser(),
			flexprice: flexpriceUser(),
			accounts: running.map(({ provider, sandbox }) => [provider.name, (sandbox as unknown as { users: unknown[] }).users.length]),
		}, (key, value: unknown) => (TOUCHED.has(key) ? undefined : value)),
	) as IDataObject;
}

async function post(path: string, body: object): Promise<WebhookAnswer> {
	const { answers } = await webhookBurst(`${baseUrl}/webhook/${path}`, [body]);
	expect({ path, status: answers[0].status, transportError: answers[0].transportError }).toEqual({ path, status: 200, transportError: undefined });
	return answers[0];
}

/** The requests every stand-in received from `from` on, as "METHOD path" lines per provider. */
function requestsSince(from: Map<string, number>): Record<string, string[]> {
	return Object.fromEntries(
		running.map(({ provider, sandbox }) => [provider.name, sandbox.requests.slice(from.get(provider.name)).map((request) => `${request.method} ${request.path}`)]),
	);
}
const requestCounts = () => new Map(running.map(({ provider, sandbox }) => [provider.name, sandbox.requests.length]));

beforeAll(async () => {
	running = await startSandboxes();
	const server = await startN8nServer({
		label: 'lifecycle',
		credentials: credentialsForN8nImport(running),
		workflows: [example('webhook-onboarding.json'), moverWorkflow(), example('offboarding.json')],
		webhooks: ['onboard', MOVE_PATH, 'offboard'],
	});
	n8n = server.process;
	baseUrl = server.baseUrl;
});

afterAll(async () => {
	await n8n?.stop();
	await Promise.all(running.map(({ sandbox }) => sandbox.stop()));
});

describe('one person joins, moves and leaves, in real n8n', () => {
	let fungiesUserId: string;
	let laptop: string;

	test('joiner: the onboarding example creates one account per provider', async () => {
		const { body } = await post('onboard', LEAVER);
		const { accounts } = body as { accounts: Record<string, { status: string; id: unknown }> };

		expect(Object.fromEntries(Object.entries(accounts).map(([provider, { status }]) => [provider, status]))).toEqual({
			Flexprice: 'created',
			'Pulse CRM': 'created',
			Augno: 'created',
			NetBird: 'created',
			Fungies: 'created',
		});
		fungiesUserId = String(accounts.Fungies.id);
		expect(fungiesUser()?.id).toBe(fungiesUserId);
		expect([pulseUser()?.active, augnoMember()?.status, netBirdUser()?.is_blocked]).toEqual([true, 'active', false]);
		// The new hire enrols a laptop, which the offboarding must cut off.
		laptop = netBird().addPeer(netBirdUser()!.id).id;
	});

	test('mover: each Update changes the role and nothing else', async () => {
		const { body } = await post(MOVE_PATH, { email: LEAVER.email });
		const items = body as IDataObject[];

		expect(items.filter((item) => 'error' in item)).toEqual([]);
		expect(items.map((item) => item.provider)).toEqual(['Flexprice', 'Pulse CRM', 'Augno', 'NetBird']);
		expect(pulseUser()).toMatchObject({ flatRolesList: ['Manager'], active: true });
		expect(augnoMember()).toMatchObject({ roleId: WAREHOUSE_STAFF, status: 'active' });
		expect(netBirdUser()).toMatchObject({ role: 'auditor', is_blocked: false });
		expect(flexpriceUser()).toMatchObject({ roles: ['all_writer'] });
	});

	let firstOffboarding: IDataObject;

	test('leaver: the offboarding example locks the person out wherever the provider documents a way', async () => {
		const before = requestCounts();
		const { body } = await post('offboard', { email: LEAVER.email, fungiesUserId });
		firstOffboarding = body as IDataObject;
		const flexpriceId = flexpriceUser()!.id;

		expect(firstOffboarding).toEqual({
			email: LEAVER.email,
			accounts: {
				'Pulse CRM': { status: 'deactivated', id: pulseUser()!.id },
				Augno: { status: 'deactivated', id: augnoMember()!.id },
				NetBird: { status: 'blocked', id: netBirdUser()!.id },
				Fungies: { status: 'archived', id: fungiesUserId },
				Flexprice: { status: 'still_active', id: flexpriceId },
			},
			manualSteps: [`Flexprice: remove ${LEAVER.email} (user ${flexpriceId}) yourself; Flexprice's API cannot deactivate or remove users`],
			errors: 0,
		});
		// The documented state at each provider; the mover's roles survive (NetBird's PUT replaces
		// role, groups and blocked together, so a block that forgot the role would reset it).
		expect(pulseUser()).toMatchObject({ active: false, flatRolesList: ['Manager'] });
		expect(augnoMember()).toMatchObject({ status: 'disabled', roleId: WAREHOUSE_STAFF });
		expect(netBirdUser()).toMatchObject({ is_blocked: true, status: 'blocked', role: 'auditor' });
		expect(netBird().peers).toEqual([expect.objectContaining({ id: laptop, login_expired: true })]);
		expect(fungiesUser()?.archived).toBe(true);
		expect(flexpriceUser()).toMatchObject({ status: 'published', roles: ['all_writer'] });
		// Flexprice was only read: its API has no call that would lock a user out.
		expect(requestsSince(before).Flexprice.every((line) => line.startsWith('POST /users/search'))).toBe(true);
	});

	test('the same termination again changes nothing and answers the same, with 0 errors', async () => {
		const held = heldState();
		const before = requestCounts();
		const { body } = await post('offboard', { email: LEAVER.email, fungiesUserId });

		expect(body).toEqual(firstOffboarding);
		expect(heldState()).toEqual(held);
		// NetBird's user is read, found blocked, and no PUT is sent.
		expect(requestsSince(before).NetBird.filter((line) => !line.startsWith('GET '))).toEqual([]);
	});

	test('a termination for someone with no accounts, and no Fungies ID: every provider still answers, and only Fungies fails', async () => {
		const held = heldState();
		const before = requestCounts();
		const { body } = await post('offboard', { email: 'never.hired@example.com' });

		expect(body).toEqual({
			email: 'never.hired@example.com',
			accounts: {
				'Pulse CRM': { status: 'no_account' },
				Augno: { status: 'no_account' },
				NetBird: { status: 'no_account' },
				Fungies: expect.objectContaining({ status: 'failed', error: expect.stringMatching(/user/i) }),
				Flexprice: { status: 'no_account' },
			},
			manualSteps: [],
			errors: 1,
		});
		expect(heldState()).toEqual(held);
		// The Fungies item was refused before the network.
		expect(requestsSince(before).Fungies).toEqual([]);
	});
});
