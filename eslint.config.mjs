import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

// n8n's own lint for community packages (as in n8n-nodes-starter): eslint-plugin-n8n-nodes-base
// and @n8n/eslint-plugin-community-nodes, the rules n8n's verification runs, all left on,
// including the n8n Cloud ones (no-restricted-imports, no-restricted-globals) that the starter
// turns off.
export default [
	// The rules are for what n8n loads. Tests and dev scripts run only here: they start servers,
	// read files and use timers, and are type-checked by `npm run typecheck`.
	globalIgnores(['test/**', 'scripts/**', 'examples/**', '.ci/**', 'coverage/**', '*.config.js', 'gulpfile.js']),
	...config,
];
