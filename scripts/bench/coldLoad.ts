/**
 * Scenario 4: how long n8n takes to load the pack, and how big it is. A fresh Node process
 * requires every node and credential file listed in package.json's n8n block, as n8n does at
 * startup; n8n-workflow is loaded first and not counted, since n8n has it loaded already.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ColdLoadResult {
	files: number;
	runs: number;
	/** Median over fresh processes: requiring every node and credential file. */
	loadMs: number;
	/** The same, with n8n-workflow's own load counted too. */
	loadWithWorkflowMs: number;
	pack: { tarballBytes: number; unpackedBytes: number; entries: number };
}

const ROOT = resolve(__dirname, '../..');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const LOADER = `
const { performance } = require('node:perf_hooks');
const files = JSON.parse(process.argv[1]);
const preload = process.argv[2] === 'preload';
const t0 = performance.now();
if (preload) require('n8n-workflow');
const t1 = performance.now();
for (const file of files) {
	const exported = require(file);
	// n8n instantiates each class it finds; do the same so descriptions are built.
	for (const value of Object.values(exported)) if (typeof value === 'function') new value();
}
const t2 = performance.now();
console.log(JSON.stringify({ loadMs: t2 - t1, totalMs: t2 - t0 }));
`;

export function runScenario4({ runs = 7 } = {}): ColdLoadResult {
	const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const files = [...pkg.n8n.credentials, ...pkg.n8n.nodes].map((file) => resolve(ROOT, file));
	const load = (mode: 'preload' | 'cold') =>
		JSON.parse(execFileSync(process.execPath, ['-e', LOADER, JSON.stringify(files), mode], { cwd: ROOT, encoding: 'utf8' })) as {
			loadMs: number;
			totalMs: number;
		};
	const withPreload: number[] = [];
	const cold: number[] = [];
	for (let run = 0; run < runs; run++) {
		withPreload.push(load('preload').loadMs);
		cold.push(load('cold').totalMs);
	}

	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
	}>;
	return {
		files: files.length,
		runs,
		loadMs: median(withPreload),
		loadWithWorkflowMs: median(cold),
		pack: { tarballBytes: packed.size, unpackedBytes: packed.unpackedSize, entries: packed.entryCount },
	};
}
