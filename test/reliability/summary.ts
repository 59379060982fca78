import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// The folder is named once, in the reporter: jest loads it as plain JavaScript, untransformed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SUMMARY_DIR } = require('./summaryReporter') as { SUMMARY_DIR: string };

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
