/**
 * Scenario 2: what the pack costs per item. 5,000 creates against a local provider that answers
 * at once and sets no rate limit, 5 at a time: the Flexprice node run by n8n's engine
 * (test/harness/engine.ts) against a plain loop of axios calls with the same concurrency.
 *
 * Two more runs say where the difference goes: the plain loop opening a connection per request
 * (as n8n's request helper does: a new agent per request), and the least any n8n node pays for
 * the same work, a node that reads the same expressions and calls httpRequestWithAuthentication.
 */
import axios from 'axios';
import { Agent } from 'node:http';
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { loadPack, runWorkflow } from '../../test/harness/engine';
import { createUsersWorkflow, PACK } from '../../test/harness/workflow';
import { FLEXPRICE_API_KEY, flexpriceSandbox, flexpriceSandboxCredentials } from '../../test/sandbox/flexprice';

export interface OverheadRun {
	name: string;
	description: string;
	/** Median of the measured runs. */
	itemsPerSecond: number;
	runsMs: number[];
}

export interface OverheadResult {
	items: number;
	concurrency: number;
	runs: number;
	results: OverheadRun[];
	/** This pack's items/s over the plain loop's. */
	ratio: number;
	/** This pack's items/s over the bare n8n node's: what the pack itself costs. */
	ratioToBareNode: number;
}

const BARE_NODE = `${PACK}.benchBareNode`;

/**
 * The least an n8n node does to create users: per item, read the fields (expressions) and send
 * one request through n8n's helper with the credential, N at a time. No validation, retries,
 * pacing or error shaping.
 */
class BareNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bare create node (bench)',
		name: 'benchBareNode',
		group: ['output'],
		version: 1,
		description: 'Bench baseline',
		defaults: { name: 'Bare' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexpriceApi', required: true }],
		properties: [
			{ displayName: 'Type', name: 'type', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('flexpriceApi');
		const results: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const itemIndex = next++;
				const body = { type: this.getNodeParameter('type', itemIndex), email: this.getNodeParameter('email', itemIndex) };
				const json = await this.helpers.httpRequestWithAuthentication.call(this, 'flexpriceApi', {
					method: 'POST',
					url: `${baseUrl}/users`,
					body,
					json: true,
				});
				results[itemIndex] = { json, pairedItem: { item: itemIndex } };
			}
		};
		await Promise.all(Array.from({ length: this.getNodeParameter('concurrency', 0) as number }, worker));
		return [results];
	}
}

/** Adds the bare node to the node types the engine harness loaded. */
export async function registerBareNode(): Promise<void> {
	const { nodeTypes } = await loadPack();
	const bare = new BareNode();
	const { getByName, getByNameAndVersion } = nodeTypes;
	nodeTypes.getByName = (name) => (name === BARE_NODE ? bare : getByName(name));
	nodeTypes.getByNameAndVersion = (name, version) => (name === BARE_NODE ? bare : getByNameAndVersion(name, version));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const users = (items: number, run: string) =>
	Array.from({ length: items }, (_, n) => ({ type: 'user', email: `r${run}.user${n}@example.com` }));

export async function runScenario2({ items = 5000, concurrency = 5, runs = 3 } = {}): Promise<OverheadResult> {
	const sandbox = flexpriceSandbox();
	await sandbox.start();
	const credentials = { flexpriceApi: flexpriceSandboxCredentials(sandbox.url) };

	const fromItem = { type: '={{ $json.type }}', email: '={{ $json.email }}', roles: ['all_reader'] };
	const viaEngine = (type: string, parameters: object) => async (run: string, count: number) => {
		const started = performance.now();
		const result = await runWorkflow(
			createUsersWorkflow(users(count, run), { type, credentialType: 'flexpriceApi', parameters: parameters as never }),
			credentials,
		);
		const elapsed = performance.now() - started;
		const created = result.output('Create User').filter((item) => item.json.error === undefined).length;
		if (result.error || created !== count) throw new Error(`${type} run ${run}: ${created}/${count} created (${result.error?.message ?? ''})`);
		return elapsed;
	};

	const viaPlainLoop = (keepAlive: boolean) => {
		const client = axios.create({ httpAgent: new Agent({ keepAlive }), headers: { 'x-api-key': FLEXPRICE_API_KEY } });
		return async (run: string, count: number) => {
			const started = performance.now();
			const queue = users(count, run);
			let next = 0;
			const worker = async () => {
				while (next < queue.length) await client.post(`${sandbox.url}/users`, queue[next++]);
			};
			await Promise.all(Array.from({ length: concurrency }, worker));
			return performance.now() - started;
		};
	};

	await registerBareNode();
	const contenders = [
		{
			name: 'pack',
			description: 'this pack: Flexprice node in n8n-core WorkflowExecute',
			run: viaEngine('flexprice', { ...fromItem, options: { concurrency } }),
		},
		{
			name: 'bare-node',
			description: 'bare n8n node: same expressions + httpRequestWithAuthentication, nothing else',
			run: viaEngine('benchBareNode', { ...fromItem, concurrency }),
		},
		{ name: 'plain-loop', description: 'plain loop of axios calls (keep-alive, as axios does by default)', run: viaPlainLoop(true) },
		{ name: 'plain-loop-new-connections', description: 'plain loop of axios calls, a new connection per request', run: viaPlainLoop(false) },
	];

	try {
		// One unmeasured round each, so all run warm (JIT, the engine's first load).
		for (const contender of contenders) await contender.run(`warm-${contender.name}`, 500);
		const runsMs = new Map(contenders.map((contender) => [contender.name, [] as number[]]));
		// Interleaved, so a slow moment of the machine does not fall on one contender only.
		for (let run = 0; run < runs; run++) {
			for (const contender of contenders) {
				runsMs.get(contender.name)!.push(await contender.run(`${contender.name}-${run}`, items));
				// The sandbox keeps every request and user; each run starts from an empty one.
				sandbox.reset();
			}
		}
		const results = contenders.map(({ name, description }) => ({
			name,
			description,
			itemsPerSecond: (items / median(runsMs.get(name)!)) * 1000,
			runsMs: runsMs.get(name)!,
		}));
		const rate = (name: string) => results.find((result) => result.name === name)!.itemsPerSecond;
		return {
			items,
			concurrency,
			runs,
			results,
			ratio: rate('pack') / rate('plain-loop'),
			ratioToBareNode: rate('pack') / rate('bare-node'),
		};
	} finally {
		await sandbox.stop();
	}
}
