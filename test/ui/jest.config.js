/** The browser test in n8n's real editor (npm run test:ui); not part of npm test. */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	// Tells each afterEach which test failed, so the page is saved as a screenshot.
	testEnvironment: '<rootDir>/test/ui/environment.ts',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 10 * 60_000,
};
