/** The browser test in n8n's real editor (npm run test:ui); not part of npm test. */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 10 * 60_000,
};
