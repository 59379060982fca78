import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where each test file appends its figures; the summary reporter adds them up. */
export const SUMMARY_DIR = resolve(__dirname, '../../.ci/reliability');

export interface ReliabilityFigures {
	casesTried: number;
	faultsInjected: number;
	itemsIn: number;
	itemsOut: number;
	usersCreated: number;
	duplicates: number;
	leaks: number;
	logLinesScanned: number;
	badInputCases: number;
	badInputsRejectedBeforeNetwork: number;
}

export function record(suite: string, figures: Partial<ReliabilityFigures>): void {
	mkdirSync(SUMMARY_DIR, { recursive: true });
	appendFileSync(join(SUMMARY_DIR, `${process.pid}.jsonl`), `${JSON.stringify({ suite, ...figures })}\n`);
}
