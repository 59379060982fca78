/**
 * npm run bench: the pack's bulk speed, overhead, memory and load time, on this machine.
 * Prints every figure, writes them to docs/benchmarks/results.json and draws the chart of
 * scenario 1 (docs/benchmarks/scenario1-rate.svg).
 * BENCH_SCENARIOS=1,2,3,4,5 picks scenarios (the others keep their last figures);
 * BENCH_REPORT_ONLY=1 prints the last figures and redraws the chart without running anything.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { lineChart } from './chart';
import { runScenario4, type ColdLoadResult } from './coldLoad';
import { runScenario3, type MemoryResult } from './memory';
import { runScenario2, type OverheadResult } from './overhead';
import { AUGNO_LIMIT, LATENCY_MS, runScenario1, type VariantResult } from './realN8n';
import { BURST_SIZE, runScenario5, type BurstVariantResult } from './webhookBurst';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'docs/benchmarks');
const ITEMS_SCENARIO_1 = 1000;
const SMOOTHING_SECONDS = 9;

const scenarios = new Set((process.env.BENCH_SCENARIOS ?? '1,2,3,4,5').split(',').map((s) => s.trim()));
const fixed = (value: number | undefined, digits = 1) => (value === undefined ? '—' : value.toFixed(digits));
const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

function table(header: string[], rows: Array<Array<string | number>>): string {
	return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function machine() {
	const n8nLine = (() => {
		try {
			return /n8n version: (\S+) \(node (\S+)\)/.exec(readFileSync(join(tmpdir(), 'n8n-bench-last', 'pack', 'run.log'), 'utf8'));
		} catch {
			return null;
		}
	})();
	return {
		cores: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
		cpu: cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		n8n: n8nLine ? `${n8nLine[1]} (its own Node ${n8nLine[2]})` : 'not run',
	};
}

/** The shortest possible run: every window filled, the first at once, plus one answer's latency. */
function idealMs(items: number): number {
	return (Math.ceil(items / AUGNO_LIMIT.limit) - 1) * AUGNO_LIMIT.windowMs + LATENCY_MS;
}

function report1(results: VariantResult[]): string {
	const ideal = idealMs(ITEMS_SCENARIO_1);
	// A run that left users uncreated has no rate worth comparing: it stopped early.
	const rows = results.map((r) => [
		r.description,
		seconds(r.wallMs),
		r.failedItems > 0 ? `— (${r.items - r.failedItems} created)` : fixed(r.createdPerSecond, 2),
		r.failedItems > 0 ? '—' : `${fixed(r.percentOfLimit)}%`,
		r.failedItems > 0 ? '—' : `${fixed((ideal / r.wallMs) * 100)}%`,
		r.rateLimited,
		r.failedItems,
		r.duplicates,
		r.busiestSecond,
		`${r.n8n.status}, ${seconds(r.n8n.nodeExecutionMs)} node / ${seconds(r.n8n.executionMs)} run`,
	]);
	return [
		`Scenario 1: ${ITEMS_SCENARIO_1} Augno creates in real n8n, local Augno enforcing ${AUGNO_LIMIT.limit} req/s (sliding window), ${LATENCY_MS} ms latency.`,
		`Timed by the sandbox: first request received → last response sent. Ideal (every window full): ${seconds(ideal)} = ${fixed((ITEMS_SCENARIO_1 / ideal) * 1000, 2)} created/s.`,
		'',
		table(
			['run', 'wall (sandbox)', 'created/s', '% of 20/s', '% of ideal', '429s', 'failed items', 'duplicates', 'busiest 1 s', 'n8n: status, node / execution time'],
			rows,
		),
	].join('\n');
}

/** Averages each second with its neighbours (a centred window of `span` seconds, shorter at the ends). */
function smoothed(values: number[], span: number): number[] {
	const half = Math.floor(span / 2);
	return values.map((_, second) => {
		const window = values.slice(Math.max(0, second - half), second + half + 1);
		return window.reduce((sum, value) => sum + value, 0) / window.length;
	});
}

function chart1(results: VariantResult[]): string {
	const pack = results.find((r) => r.name === 'pack');
	const http = results.filter((r) => r.name.startsWith('http-'));
	const best = http.filter((r) => r.failedItems === 0).sort((a, b) => a.wallMs - b.wallMs)[0];
	// A failed run last, so its short line is drawn on top.
	const others = http.filter((r) => r !== best).sort((a, b) => a.failedItems - b.failedItems);
	const label = (r: VariantResult) =>
		r.failedItems > 0
			? `${r.description}: stopped after ${seconds(r.wallMs)}, ${r.failedItems} of ${r.items} refused (429)`
			: `${r.description}: ${seconds(r.wallMs)}${r === best ? ' (best HTTP Request setting)' : ''}`;
	const colors: Record<string, string> = { pack: '#1f77b4', best: '#ff7f0e', failed: '#d62728', other: '#8c8c8c' };
	const series = [
		...(pack ? [{ label: label(pack), values: smoothed(pack.perSecond, SMOOTHING_SECONDS), color: colors.pack }] : []),
		...(best ? [{ label: label(best), values: smoothed(best.perSecond, SMOOTHING_SECONDS), color: colors.best, dashed: true }] : []),
		...others.map((r) => ({
			label: label(r),
			values: r.failedItems > 0 ? r.perSecond : smoothed(r.perSecond, SMOOTHING_SECONDS),
			color: r.failedItems > 0 ? colors.failed : colors.other,
			dashed: true,
		})),
	];
	return lineChart(series, {
		title: `${ITEMS_SCENARIO_1} Augno creates in n8n: users created per second`,
		subtitle: `Local Augno: ${AUGNO_LIMIT.limit} req/s sliding window, ${LATENCY_MS} ms latency. Counted by the server; moving average over ${SMOOTHING_SECONDS} s (batches of 20 make single seconds jumpy).`,
		xLabel: 'seconds since the first request',
		yLabel: 'users created per second',
		reference: { value: AUGNO_LIMIT.limit, label: `Augno's limit: ${AUGNO_LIMIT.limit}/s` },
	});
}

function report2(r: OverheadResult): string {
	return [
		`Scenario 2: ${r.items} creates, ${r.concurrency} at once, zero-latency local server without a rate limit (median of ${r.runs} interleaved runs after a warm-up).`,
		'',
		table(
			['run', 'items/s', 'runs (ms)'],
			r.results.map((run) => [run.description, fixed(run.itemsPerSecond, 0), run.runsMs.map((ms) => ms.toFixed(0)).join(', ')]),
		),
		'',
		`Pack / plain loop: ${fixed(r.ratio * 100)}%. Pack / bare n8n node: ${fixed(r.ratioToBareNode * 100)}%.`,
	].join('\n');
}

function report3(r: MemoryResult): string {
	return [
		`Scenario 3: ${r.items} creates (${r.concurrency} at once) in n8n-core's engine, each run in a child process (median of ${r.runs} by peak growth).`,
		'',
		table(
			['run', 'loaded (before)', 'peak RSS (VmHWM)', 'peak RSS growth', 'growth in each run', 'peak sampled every 25 ms', 'JS heap kept after the run (after GC)', 'created', 'run time'],
			r.results.map((m) => [
				m.description,
				`${fixed(m.loadedMiB)} MiB`,
				`${fixed(m.peakMiB)} MiB`,
				`${fixed(m.peakGrowthMiB)} MiB`,
				m.peakGrowthRunsMiB.map((g) => `${g}`).join(', '),
				`${fixed(m.sampledPeakMiB)} MiB`,
				`${fixed(m.retainedHeapMiB)} MiB`,
				m.created,
				seconds(m.runMs),
			]),
		),
	].join('\n');
}

function report4(r: ColdLoadResult): string {
	return [
		`Scenario 4: fresh Node process requiring all ${r.files} files of package.json's n8n block (median of ${r.runs}).`,
		'',
		table(
			['load (n8n-workflow already loaded, as in n8n)', 'load including n8n-workflow', 'packed tarball', 'unpacked', 'files'],
			[[`${fixed(r.loadMs)} ms`, `${fixed(r.loadWithWorkflowMs)} ms`, `${fixed(r.pack.tarballBytes / 1024)} KiB`, `${fixed(r.pack.unpackedBytes / 1024)} KiB`, r.pack.entries]],
		),
	].join('\n');
}

function report5(results: BurstVariantResult[]): string {
	const floor = results.find((r) => r.name === 'noop');
	const budget = floor ? 1.25 * Math.max(10_000, floor.wallMs) : undefined;
	return [
		`Scenario 5: ${BURST_SIZE} simultaneous one-item webhook executions in real n8n (n8n start, production webhooks), each creating one Augno user; local Augno enforcing ${AUGNO_LIMIT.limit} req/s (sliding window), ${LATENCY_MS} ms latency.`,
		`Timed by the caller: first webhook sent → last answer received. Issue 11's target: at most 2% of requests refused (429), within 125% of max(10 s, the no-op time)${budget ? ` = ${seconds(budget)}` : ''}.`,
		'',
		table(
			['run', 'wall (caller)', 'vs no-op', 'failed', 'duplicates', 'requests', '429s', '429 share', 'created/s'],
			results.map((r) => [
				r.description,
				seconds(r.wallMs),
				floor && r !== floor ? `${fixed((r.wallMs / floor.wallMs) * 100, 0)}%` : '—',
				r.failed,
				r.name === 'noop' ? '—' : r.duplicates,
				r.name === 'noop' ? '—' : r.requests,
				r.name === 'noop' ? '—' : r.rateLimited,
				r.name === 'noop' ? '—' : `${fixed((r.rateLimited / Math.max(1, r.requests)) * 100)}%`,
				r.name === 'noop' ? '—' : fixed(r.createdPerSecond, 1),
			]),
		),
	].join('\n');
}

interface Results {
	machine?: ReturnType<typeof machine>;
	date?: string;
	benchSeconds?: number;
	scenario1?: VariantResult[];
	scenario2?: OverheadResult;
	scenario3?: MemoryResult;
	scenario4?: ColdLoadResult;
	scenario5?: BurstVariantResult[];
}

function packTarball(): string {
	const packDir = mkdtempSync(join(tmpdir(), 'n8n-bench-pack-'));
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--pack-destination', packDir, '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
	) as Array<{ filename: string }>;
	return join(packDir, packed.filename);
}

async function main() {
	const started = Date.now();
	mkdirSync(OUT, { recursive: true });
	const file = join(OUT, 'results.json');
	// Scenarios not run this time keep their last figures.
	const results: Results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Results) : {};
	const reportOnly = process.env.BENCH_REPORT_ONLY === '1';

	if (!reportOnly) {
		if (scenarios.has('1')) {
			console.log('Scenario 1: real n8n (about a minute per run, plus n8n boot)');
			results.scenario1 = await runScenario1({ items: ITEMS_SCENARIO_1, tarball: packTarball(), outDir: join(tmpdir(), 'n8n-bench-last') });
		}
		if (scenarios.has('5')) {
			console.log('Scenario 5: a webhook burst in real n8n (n8n start)');
			results.scenario5 = await runScenario5({ tarball: packTarball() });
		}
		if (scenarios.has('2')) {
			console.log('Scenario 2: overhead against a plain loop');
			results.scenario2 = await runScenario2();
		}
		if (scenarios.has('3')) {
			console.log('Scenario 3: memory');
			results.scenario3 = await runScenario3();
		}
		if (scenarios.has('4')) {
			console.log('Scenario 4: cold load and packed size');
			results.scenario4 = runScenario4();
		}
		results.machine = machine();
		results.date = new Date().toISOString();
		results.benchSeconds = Math.round((Date.now() - started) / 1000);
		writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
	}

	if (results.scenario1) writeFileSync(join(OUT, 'scenario1-rate.svg'), chart1(results.scenario1));
	const reports = [
		results.scenario1 && report1(results.scenario1),
		results.scenario2 && report2(results.scenario2),
		results.scenario3 && report3(results.scenario3),
		results.scenario4 && report4(results.scenario4),
		results.scenario5 && report5(results.scenario5),
	].filter(Boolean);
	const info = results.machine;
	console.log(
		`\nMachine: ${info?.cores} cores (${info?.cpu}), ${info?.memoryGiB} GiB, Node ${info?.node}, n8n ${info?.n8n}\n\n${reports.join('\n\n')}\n\n` +
			`${reportOnly ? `Figures of ${results.date}` : `Bench took ${results.benchSeconds} s`}. ` +
			`Figures: docs/benchmarks/results.json, chart: docs/benchmarks/scenario1-rate.svg`,
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
