/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 60_000,
	// The pacing tests read arrival times at stand-ins in jest's own process: a second test file
	// running beside them (the load test) bunches those arrivals on a 2-core machine, which
	// reads as a 429 the pack did not cause. One file at a time, as on an idle machine.
	maxWorkers: 1,
	reporters: ['default', '<rootDir>/test/reliability/summaryReporter.js'],
};
