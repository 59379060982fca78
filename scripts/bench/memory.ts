/**
 * Scenario 3: how much memory a run of 10,000 items adds. The pack runs in n8n's engine in a
 * child process; this process serves the sandbox (so its memory is not counted) and samples
 * the child's resident memory every 25 ms from /proc; the child reports the kernel's peak.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { flexpriceSandbox } from '../../test/sandbox/flexprice';

export interface MemoryRun {
	name: string;
	description: string;
	/** Resident memory with the pack and n8n's engine loaded (after a full GC), before the run. */
	loadedMiB: number;
	/** Highest resident memory during the run (kernel high-water mark). */
	peakMiB: number;
	peakGrowthMiB: number;
	/** Highest of the samples taken from outside every 25 ms, as a cross-check. */
	sampledPeakMiB: number;
	/** JS heap still in use after the run and a full GC, minus the same before the run. */
	retainedHeapMiB: number;
	created: number;
	runMs: number;
}

export interface MemoryResult {
	items: number;
	concurrency: number;
	/** Each contender's runs; its figures are the median run by peak growth. */
	runs: number;
	results: Array<MemoryRun & { peakGrowthRunsMiB: number[] }>;
}

const ROOT = resolve(__dirname, '../..');
const CONTENDERS = [
	{ name: 'pack', description: "this pack: Flexprice node in n8n-core's engine" },
	{ name: 'bare-node', description: 'bare n8n node of scenario 2 (expressions + httpRequestWithAuthentication only)' },
];

function rssKiBOf(pid: number): number | undefined {
	try {
		return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	} catch {
		return undefined;
	}
}

interface ChildMessage {
	phase: string;
	rssKiB: number;
	heapUsed: number;
	peakKiB?: number;
	created?: number;
	ms?: number;
}

async function measureOnce(url: string, node: string, items: number, concurrency: number): Promise<Omit<MemoryRun, 'name' | 'description'>> {
	const child = spawn(
		process.execPath,
		['--expose-gc', '--import', 'tsx', 'scripts/bench/memoryChild.ts', url, String(items), String(concurrency), node],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const messages: ChildMessage[] = [];
	let buffered = '';
	child.stdout.on('data', (chunk: Buffer) => {
		buffered += chunk.toString();
		for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
			messages.push(JSON.parse(buffered.slice(0, end)) as ChildMessage);
			buffered = buffered.slice(end + 1);
		}
	});
	const samples: number[] = [];
	const sampler = setInterval(() => {
		if (!messages.some((message) => message.phase === 'loaded')) return;
		const rss = rssKiBOf(child.pid!);
		if (rss) samples.push(rss);
	}, 25);
	const code = await new Promise<number | null>((done) => child.on('close', done));
	clearInterval(sampler);
	const loaded = messages.find((message) => message.phase === 'loaded');
	const done = messages.find((message) => message.phase === 'done');
	if (code !== 0 || !loaded || !done) throw new Error(`memory child exited with ${code}`);
	const mib = (kib: number) => kib / 1024;
	return {
		loadedMiB: mib(loaded.rssKiB),
		peakMiB: mib(done.peakKiB!),
		peakGrowthMiB: mib(done.peakKiB! - loaded.rssKiB),
		sampledPeakMiB: mib(Math.max(...samples)),
		retainedHeapMiB: (done.heapUsed - loaded.heapUsed) / 2 ** 20,
		created: done.created!,
		runMs: done.ms!,
	};
}

/**
 * Scenario 3: how much memory a run of 10,000 items adds. Each run is a child process; this
 * process serves the sandbox (so its memory is not counted) and samples the child's resident
 * memory from /proc. Peak RSS depends on when V8 collects garbage, so each contender runs
 * several times and the median is kept.
 */
export async function runScenario3({ items = 10_000, concurrency = 5, runs = 3 } = {}): Promise<MemoryResult> {
	const sandbox = flexpriceSandbox();
	await sandbox.start();
	try {
		const byContender = new Map(CONTENDERS.map(({ name }) => [name, [] as Array<Omit<MemoryRun, 'name' | 'description'>>]));
		for (let run = 0; run < runs; run++) {
			for (const { name } of CONTENDERS) {
				byContender.get(name)!.push(await measureOnce(sandbox.url, name, items, concurrency));
				sandbox.reset();
			}
		}
		return {
			items,
			concurrency,
			runs,
			results: CONTENDERS.map(({ name, description }) => {
				const measured = [...byContender.get(name)!].sort((a, b) => a.peakGrowthMiB - b.peakGrowthMiB);
				return {
					name,
					description,
					...measured[Math.floor(measured.length / 2)],
					peakGrowthRunsMiB: byContender.get(name)!.map((m) => Math.round(m.peakGrowthMiB)),
				};
			}),
		};
	} finally {
		await sandbox.stop();
	}
}
