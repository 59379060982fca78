/** The end-to-end tests in the real n8n app (npm run test:e2e); not part of npm test. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 20 * 60_000,
	// One n8n at a time: a burst timed beside another n8n's boot would measure the machine, not n8n.
	maxWorkers: 1,
};
