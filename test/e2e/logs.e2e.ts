import { credentialsForN8nImport, sandboxCredentialId, SANDBOX_PROVIDERS, startSandboxes, type RunningSandbox } from '../sandbox';
import { freePort, PACKAGE_NAME, sleep, startN8nServer, waitFor, type N8nProcess } from './n8nServer';

/**
 * Expected outcomes in n8n 2.41.1's own log (`n8n start`, the pack installed with npm as a
 * self-hoster does): a row that fails the pack's validation under "Execute step", a Pulse CRM
 * run and a Pulse CRM credential Test with a wrong secret. Each must show in the editor, and none
 * may read as a crash in the server log: no "error in the post-execution promise", no stack trace.
 *
 * n8n logs a node's error through its ErrorReporter, which prints the stack of anything that is
 * not its own n8n-workflow's BaseError (or is one at level 'error'). A second n8n-workflow next to
 * the pack (npm installs a required peer) makes every error of the pack such a stranger.
 */
const OWNER = { email: 'owner@example.com', firstName: 'Log', lastName: 'Reader', password: 'Log-reader-1' };
const BROWSER_ID = 'logs-e2e-browser';
const WORKFLOW_ID = 'logsInvalidItem01';
const NODE_NAME = 'Flexprice';

let n8n: N8nProcess;
let running: RunningSandbox[] = [];
let baseUrl = '';
let cookie = '';

async function rest(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: { data?: unknown } }> {
	const response = await fetch(`${baseUrl}/rest${path}`, {
		method,
		headers: { 'Content-Type': 'application/json', 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
	return { status: response.status, json: (await response.json()) as { data?: unknown } };
}

function flexprice() {
	return running.find(({ provider }) => provider.credentialType === 'flexpriceApi')!;
}

const WRONG_PULSE_CRM = 'logsWrongPulseCrm';
const PULSE_NODE_NAME = 'Pulse CRM';

function credentialOf(credentialType: string) {
	const provider = SANDBOX_PROVIDERS.find((candidate) => candidate.credentialType === credentialType)!;
	return { [credentialType]: { id: sandboxCredentialId(provider), name: `${provider.name} (local sandbox)` } };
}

/** Manual Trigger → one row → one node of the pack. */
function rowWorkflow(id: string, row: object, node: { name: string; type: string; parameters: object; credentials: object }) {
	const nodes = [
		{ id: `${id}-1`, name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${id}-2`,
			name: 'Row',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [240, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify(row), options: {} },
		},
		{ id: `${id}-3`, typeVersion: 1, position: [480, 0], ...node, type: `${PACKAGE_NAME}.${node.type}` },
	];
	const connections = {
		Trigger: { main: [[{ node: 'Row', type: 'main', index: 0 }]] },
		Row: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
	};
	return { id, name: `Logs: ${id}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

const WORKFLOWS = [
	rowWorkflow(
		WORKFLOW_ID,
		{ email: 'not-an-email' },
		{
			name: NODE_NAME,
			type: 'flexprice',
			parameters: { resource: 'user', operation: 'create', type: 'user', email: '={{ $json.email }}', roles: ['all_reader'], options: {} },
			credentials: credentialOf('flexpriceApi'),
		},
	),
	rowWorkflow(
		WRONG_PULSE_CRM,
		{ email: 'ada.lovelace@example.com' },
		{
			name: PULSE_NODE_NAME,
			type: 'pulseCrm',
			parameters: { resource: 'user', operation: 'create', email: '={{ $json.email }}', options: {} },
			credentials: { pulseCrmApi: { id: 'logsWrongSecret', name: 'Pulse CRM (wrong secret)' } },
		},
	),
];

/** "Execute step" on `nodeName`, as the editor asks for it, and the execution once it ended. */
async function executeStep(workflowId: string, nodeName: string): Promise<{ status?: string; data?: string }> {
	const started = await rest('POST', `/workflows/${workflowId}/run`, { destinationNode: { nodeName, mode: 'inclusive' } });
	expect(started.status).toBe(200);
	const { executionId } = started.json.data as { executionId: string };
	const execution = await waitFor(
		`execution ${executionId} to end`,
		async () => {
			const { json } = await rest('GET', `/executions/${executionId}`);
			const found = json.data as { status?: string; data?: string } | undefined;
			return found && found.status !== 'running' && found.status !== 'new' ? found : undefined;
		},
		120_000,
	);
	// The log lines of an ended execution may follow its status by a moment.
	await sleep(2_000);
	return execution;
}

/** The log lines that read as a crash: the post-execution message or a stack frame. */
function crashLines(log: string): string[] {
	return log.split('\n').filter((line) => /post-execution promise|^\s+at .+[(:]\d+|SignInError/.test(line));
}

beforeAll(async () => {
	running = await startSandboxes();
	const imported = credentialsForN8nImport(running);
	const pulseCrm = imported.find(({ type }) => type === 'pulseCrmApi')!;
	imported.push({ ...pulseCrm, id: 'logsWrongSecret', name: 'Pulse CRM (wrong secret)', data: { ...pulseCrm.data, apiSecret: 'wrong-secret-0123456789' } });
	const server = await startN8nServer({
		label: 'logs',
		credentials: imported,
		workflows: WORKFLOWS,
		env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_LOG_LEVEL: 'info' },
		readyPath: '/healthz/readiness',
	});
	n8n = server.process;
	baseUrl = server.baseUrl;
	expect((await rest('POST', '/owner/setup', OWNER)).status).toBe(200);
	expect((await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password })).status).toBe(200);
}, 15 * 60_000);

afterAll(async () => {
	await n8n?.stop();
	await Promise.all(running.map(({ sandbox }) => sandbox.stop()));
});

describe(`${PACKAGE_NAME}: expected outcomes in n8n 2.41.1's log`, () => {
	test('an invalid row under "Execute step" is reported on the node, and the log shows no crash', async () => {
		const logBefore = n8n.log().length;
		flexprice().sandbox.reset();

		const execution = await executeStep(WORKFLOW_ID, NODE_NAME);

		expect(execution.status).toBe('error');
		expect(execution.data).toContain('Item 0 is invalid: Email');
		expect(flexprice().sandbox.createCalls()).toEqual([]);
		expect(crashLines(n8n.log().slice(logBefore))).toEqual([]);
	});

	test('a Pulse CRM run whose sign-in is refused is reported on the node, and the log shows no stack', async () => {
		const logBefore = n8n.log().length;

		const execution = await executeStep(WRONG_PULSE_CRM, PULSE_NODE_NAME);

		expect(execution.status).toBe('error');
		expect(execution.data).toContain('Invalid API key or secret');
		expect(crashLines(n8n.log().slice(logBefore))).toEqual([]);
	});

	test('a Pulse CRM Test with a wrong secret names the problem, and the log shows no stack', async () => {
		const logBefore = n8n.log().length;
		const { credentials } = running.find(({ provider }) => provider.credentialType === 'pulseCrmApi')!;

		const { status, json } = await rest('POST', '/credentials/test', {
			credentials: { id: '', name: 'Under test', type: 'pulseCrmApi', data: { ...credentials, apiSecret: 'wrong-secret-0123456789' } },
		});
		await sleep(1_000);

		expect(status).toBe(200);
		expect(json.data).toMatchObject({ status: 'Error' });
		expect(crashLines(n8n.log().slice(logBefore))).toEqual([]);
	});
});
