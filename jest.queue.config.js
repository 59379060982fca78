/** n8n in queue mode (main + workers, Postgres, Redis): npm run test:queue; not part of npm test. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 20 * 60_000,
};
