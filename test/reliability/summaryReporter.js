// Prints the reliability figures the suites recorded, as one table at the end of the run,
// and writes it to .ci/reliability/summary.md for the README.
const { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** Where each test file appends its figures (summary.ts) and this reporter adds them up. */
const SUMMARY_DIR = resolve(__dirname, '../../.ci/reliability');
const COLUMNS = [
	['casesTried', 'cases tried'],
	['faultsInjected', 'faults injected'],
	['itemsIn', 'items in'],
	['itemsOut', 'items out'],
	['usersCreated', 'users created'],
	['duplicates', 'duplicates'],
	['leaks', 'leaks'],
	['logLinesScanned', 'log lines scanned'],
	['badInputCases', 'bad inputs'],
	['badInputsRejectedBeforeNetwork', 'rejected before network'],
];

class ReliabilitySummaryReporter {
	onRunStart() {
		rmSync(SUMMARY_DIR, { recursive: true, force: true });
	}

	onRunComplete() {
		if (!existsSync(SUMMARY_DIR)) return;
		const bySuite = new Map();
		for (const file of readdirSync(SUMMARY_DIR).filter((name) => name.endsWith('.jsonl'))) {
			for (const line of readFileSync(join(SUMMARY_DIR, file), 'utf8').split('\n').filter(Boolean)) {
				const { suite, ...figures } = JSON.parse(line);
				const totals = bySuite.get(suite) ?? {};
				for (const [key, value] of Object.entries(figures)) totals[key] = (totals[key] ?? 0) + value;
				bySuite.set(suite, totals);
			}
		}
		if (bySuite.size === 0) return;
		const rows = [...bySuite.entries()].sort(([a], [b]) => a.localeCompare(b));
		const total = {};
		for (const [, figures] of rows) for (const [key, value] of Object.entries(figures)) total[key] = (total[key] ?? 0) + value;
		rows.push(['total', total]);

		const header = ['suite', ...COLUMNS.map(([, label]) => label)];
		const table = [header, ...rows.map(([suite, f]) => [suite, ...COLUMNS.map(([key]) => String(f[key] ?? 0))])];
		const markdown = [
			`| ${header.join(' | ')} |`,
			`| ${header.map(() => '---').join(' | ')} |`,
			...table.slice(1).map((row) => `| ${row.join(' | ')} |`),
		].join('\n');
		writeFileSync(join(SUMMARY_DIR, 'summary.md'), `${markdown}\n`);
		const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
		const lines = table.map((row) => row.map((cell, i) => cell.padStart(widths[i])).join('  '));
		process.stdout.write(`\nReliability summary\n${lines.join('\n')}\n\n`);
	}
}

module.exports = ReliabilitySummaryReporter;
module.exports.SUMMARY_DIR = SUMMARY_DIR;
