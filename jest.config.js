/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 60_000,
	reporters: ['default', '<rootDir>/test/reliability/summaryReporter.js'],
};
