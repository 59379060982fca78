/**
 * Run by scenario 3 in a process of its own (with --expose-gc): loads the pack into n8n's
 * engine, reports its memory once loaded, runs N creates (this pack's Flexprice node, or the
 * bare node of scenario 2) against the sandbox whose URL it is given, and reports the peak
 * (the kernel's high-water mark, VmHWM) and what is still held after a full garbage collection.
 */
import { readFileSync } from 'node:fs';

import { loadPack, runWorkflow } from '../../test/harness/engine';
import { createUsersWorkflow } from '../../test/harness/workflow';
import { flexpriceSandboxCredentials } from '../../test/sandbox/flexprice';
import { registerBareNode } from './overhead';

const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main() {
	const [url, itemsArg, concurrencyArg, node] = process.argv.slice(2);
	const items = Number(itemsArg);
	const concurrency = Number(concurrencyArg);
	await loadPack();
	await registerBareNode();
	global.gc?.();
	send({ phase: 'loaded', rssKiB: kib('VmRSS'), heapUsed: process.memoryUsage().heapUsed });

	const started = performance.now();
	const fromItem = { type: '={{ $json.type }}', email: '={{ $json.email }}', roles: ['all_reader'] };
	const result = await runWorkflow(
		createUsersWorkflow(
			Array.from({ length: items }, (_, n) => ({ type: 'user', email: `mem.user${n}@example.com` })),
			node === 'bare-node'
				? { type: 'benchBareNode', credentialType: 'flexpriceApi', parameters: { ...fromItem, concurrency } }
				: { type: 'flexprice', credentialType: 'flexpriceApi', parameters: { ...fromItem, options: { concurrency } } },
		),
		{ flexpriceApi: flexpriceSandboxCredentials(url) },
	);
	const ms = performance.now() - started;
	const peakKiB = kib('VmHWM');
	const created = result.output('Create User').filter((item) => item.json.error === undefined).length;
	global.gc?.();
	// The run's result is still referenced here, as n8n holds an execution's data until it is saved.
	send({ phase: 'done', rssKiB: kib('VmRSS'), peakKiB, heapUsed: process.memoryUsage().heapUsed, created, ms, kept: result.run.status });
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
