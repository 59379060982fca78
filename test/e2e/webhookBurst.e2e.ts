/**
 * Issue 11's proof in real n8n: `n8n start` with the packed pack, published workflows
 * Webhook → node, and one-item webhook executions arriving all at once, as an HR system
 * posts one webhook per hire. Asserts correctness only (0 failed, 0 duplicates); the 429
 * count and the wall time are printed beside n8n's own no-op time of the same run.
 */
import { randomUUID } from 'node:crypto';

import { credentialsForN8nImport, sandboxCredentialId, SANDBOX_PROVIDERS, startSandboxes, type RunningSandbox } from '../sandbox';
import { AUGNO_API_KEY, augnoSandbox, augnoSandboxCredentials, type AugnoSandbox } from '../sandbox/augno';
import { netBirdSandbox, netBirdSandboxCredentials } from '../sandbox/netBird';
import { describeBurst, failedSamples, measureBurst, type BurstResult } from './burst';
import {
	noOpNode,
	PACKAGE_NAME,
	webhookBurst,
	packNode,
	startN8nServer,
	webhookWorkflow,
	type N8nProcess,
} from './n8nServer';

const AUGNO_BURST = 200;
const NETBIRD_BURST = 30;
/** Round trip of the Augno stand-in, as a provider across the internet answers. */
const AUGNO_LATENCY_MS = 100;
/** A self-hosted NetBird allowing less than NetBird Cloud's 120/min with a burst of 1200. */
const SELF_HOSTED_NETBIRD_LIMIT = { limit: 120, windowMs: 60_000, burst: 10, headers: false, retryAfter: false };

const workflows = {
	noOp: webhookWorkflow('burstNoOp0000001', 'burst-noop', [noOpNode]),
	augno: webhookWorkflow('burstAugno000001', 'burst-augno', [
		packNode('Augno', 'augno', 'augnoApi', 'burstAugno', { email: '={{ $json.body.email }}', name: '={{ $json.body.name }}', options: {} }),
	]),
	netBird: webhookWorkflow('burstNetBird0001', 'burst-netbird', [
		packNode('NetBird', 'netBird', 'netBirdApi', 'burstNetBird', { email: '={{ $json.body.email }}', name: '={{ $json.body.name }}', role: 'user', options: {} }),
	]),
};

const ROSTER_SIZE = 20;
/** Each provider's node, reading one person of the roster; Options → If User Exists: skip. */
const rosterParameters: Record<string, object> = {
	flexprice: { type: 'user', email: '={{ $json.email }}', roles: ['all_reader'] },
	pulseCrm: { email: '={{ $json.email }}' },
	augno: { email: '={{ $json.email }}', name: '={{ $json.firstName + " " + $json.lastName }}' },
	netBird: { email: '={{ $json.email }}', name: '={{ $json.firstName + " " + $json.lastName }}', role: 'user' },
	fungies: {
		email: '={{ $json.email }}',
		username: '={{ $json.username }}',
		billingDetails: { type: 'individual', firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', countryCode: 'GB' },
	},
};

/**
 * A nightly roster re-run: Webhook (body: provider, users) → Split Out → Switch on the provider
 * → that provider's node with If User Exists: skip. The answer is every item of the node that ran.
 */
function rosterWorkflow() {
	const at = (n: number) => [n * 240, 0];
	const nodes = [
		{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: at(0), webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path: 'roster-skip', responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		{ id: randomUUID(), name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: at(1),
			parameters: { fieldToSplitOut: 'body.users', include: 'noOtherFields', options: {} } },
		{ id: randomUUID(), name: 'Provider', type: 'n8n-nodes-base.switch', typeVersion: 3.4, position: at(2),
			parameters: { mode: 'expression', numberOutputs: SANDBOX_PROVIDERS.length,
				output: `={{ ${JSON.stringify(SANDBOX_PROVIDERS.map((provider) => provider.nodeName))}.indexOf($('Webhook').first().json.body.provider) }}` } },
		...SANDBOX_PROVIDERS.map((provider, index) => ({
			id: randomUUID(), name: provider.name, type: `${PACKAGE_NAME}.${provider.nodeName}`, typeVersion: 1, position: [3 * 240, index * 160],
			parameters: { resource: 'user', operation: 'create', ...rosterParameters[provider.nodeName], options: { ifUserExists: 'skip' } },
			credentials: { [provider.credentialType]: { id: sandboxCredentialId(provider), name: `${provider.name} (local sandbox)` } },
		})),
	];
	const next = (name: string) => [{ node: name, type: 'main', index: 0 }];
	return {
		id: 'rosterSkip000001',
		name: 'Test: roster re-run with If User Exists: skip',
		nodes,
		connections: {
			Webhook: { main: [next('Split Out')] },
			'Split Out': { main: [next('Provider')] },
			Provider: { main: SANDBOX_PROVIDERS.map((provider) => next(provider.name)) },
		},
		settings: { executionOrder: 'v1' },
	};
}

const rosterPeople = Array.from({ length: ROSTER_SIZE }, (_, n) => ({
	email: `roster.${n}@example.com`,
	firstName: 'Roster',
	lastName: `Person${n}`,
	username: `roster_person_${n}`,
}));

/** The emails a provider's stand-in holds, one entry per account. */
function heldEmails({ provider, sandbox }: RunningSandbox): string[] {
	if (provider.nodeName === 'augno') {
		const augno = sandbox as AugnoSandbox;
		return augno.accountUsers.map((member) => augno.users.find((user) => user.id === member.userId)?.email ?? '');
	}
	return (sandbox as RunningSandbox['sandbox'] & { users: Array<{ email?: string }> }).users.map((user) => user.email ?? '');
}

describe('webhook bursts in real n8n 2.41.1 (n8n start, production webhooks)', () => {
	const augno = augnoSandbox();
	const netBird = netBirdSandbox();
	let n8n: N8nProcess | undefined;
	let baseUrl: string;
	const figures: string[] = [];
	let noOp: BurstResult;

	let rosterSandboxes: RunningSandbox[] = [];

	beforeAll(async () => {
		augno.options.latencyMs = AUGNO_LATENCY_MS;
		netBird.options.rateLimit = SELF_HOSTED_NETBIRD_LIMIT;
		await Promise.all([augno.start(), netBird.start()]);
		rosterSandboxes = await startSandboxes();
		const server = await startN8nServer({
			label: 'burst',
			credentials: [
				{ id: 'burstAugno', name: 'augnoApi burstAugno', type: 'augnoApi', data: augnoSandboxCredentials(augno.url) },
				{ id: 'burstNetBird', name: 'netBirdApi burstNetBird', type: 'netBirdApi', data: netBirdSandboxCredentials(netBird.url) },
				...credentialsForN8nImport(rosterSandboxes),
			],
			workflows: [...Object.values(workflows), rosterWorkflow()],
			webhooks: ['burst-noop', 'burst-augno', 'burst-netbird', 'roster-skip'],
		});
		n8n = server.process;
		baseUrl = server.baseUrl;
		// n8n's floor: the same number of webhook executions, with a node that does nothing.
		noOp = await measureBurst({ label: 'noop', url: `${baseUrl}/webhook/burst-noop`, count: AUGNO_BURST, body: (email) => ({ email }), n8nLog: () => n8n!.log() });
		figures.push(describeBurst(noOp));
	});

	afterAll(async () => {
		await n8n?.stop();
		await Promise.all([augno.stop(), netBird.stop(), ...rosterSandboxes.map(({ sandbox }) => sandbox.stop())]);
		console.log(`Webhook bursts in real n8n (figures of this run, this machine):\n  ${figures.join('\n  ')}`);
	});

	test("n8n's no-op floor: every webhook execution answers", () => {
		expect(failedSamples(noOp)).toEqual([]);
	});

	test(`${AUGNO_BURST} simultaneous one-item executions against Augno at 20 req/s: every user created once, none failed`, async () => {
		const result = await measureBurst({
			label: 'augno',
			url: `${baseUrl}/webhook/burst-augno`,
			count: AUGNO_BURST,
			body: (email, n) => ({ email, name: `Burst Hire ${n}` }),
			sandbox: augno,
			n8nLog: () => n8n!.log(),
			heldEmails: () => augno.accountUsers.map((member) => augno.users.find((user) => user.id === member.userId)?.email ?? ''),
		});
		figures.push(describeBurst(result, noOp.wallMs));
		expect(failedSamples(result)).toEqual([]);
		expect({ failed: result.failed, duplicates: result.duplicates, missing: result.missingEmails.length }).toEqual({ failed: 0, duplicates: 0, missing: 0 });
		expect(augno.accountUsers).toHaveLength(AUGNO_BURST);
		// Every create went out with the stand-in's key, proving the credential reached each execution.
		expect(result.creates.every((request) => request.headers.authorization === `Bearer ${AUGNO_API_KEY}`)).toBe(true);
	});

	test(`${NETBIRD_BURST} simultaneous executions against a self-hosted NetBird (burst 10, 120/min, no rate-limit headers): none failed`, async () => {
		const result = await measureBurst({
			label: 'netbird',
			url: `${baseUrl}/webhook/burst-netbird`,
			count: NETBIRD_BURST,
			body: (email, n) => ({ email, name: `Burst Hire ${n}` }),
			sandbox: netBird,
			n8nLog: () => n8n!.log(),
			heldEmails: () => netBird.users.map((user) => user.email),
		});
		figures.push(describeBurst(result));
		expect(failedSamples(result)).toEqual([]);
		expect({ failed: result.failed, duplicates: result.duplicates, missing: result.missingEmails.length }).toEqual({ failed: 0, duplicates: 0, missing: 0 });
		expect(netBird.users).toHaveLength(NETBIRD_BURST);
	});

	test.each(SANDBOX_PROVIDERS.map((provider) => provider.nodeName))(
		'%s: the same roster sent three times ends with one account per person and no error item (If User Exists: skip)',
		async (nodeName) => {
			const running = rosterSandboxes.find(({ provider }) => provider.nodeName === nodeName)!;
			const runs = [];
			for (let run = 0; run < 3; run++) {
				const { answers } = await webhookBurst(`${baseUrl}/webhook/roster-skip`, [{ provider: nodeName, users: rosterPeople }]);
				runs.push(answers[0]);
			}
			const errors = runs.flatMap((answer) => (Array.isArray(answer.body) ? answer.body : [answer.body]).filter((item) => typeof item !== 'object' || item === null || 'error' in item));
			const held = heldEmails(running).map((email) => email.toLowerCase());
			figures.push(`roster re-run, ${running.provider.name}: 3 runs of ${ROSTER_SIZE}, ${errors.length} error items, ${held.length} accounts for ${new Set(held).size} people`);
			expect(runs.map((answer) => answer.status)).toEqual([200, 200, 200]);
			expect(runs.map((answer) => (Array.isArray(answer.body) ? answer.body.length : 0))).toEqual([ROSTER_SIZE, ROSTER_SIZE, ROSTER_SIZE]);
			expect(errors.slice(0, 3)).toEqual([]);
			expect(held.sort()).toEqual(rosterPeople.map((person) => person.email).sort());
		},
	);
});
