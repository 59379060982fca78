// The published package has no runtime dependencies: n8n installs community packages
// without devDependencies, so zod is bundled once into the file every node imports it from.
import { build } from 'esbuild';

await build({
	entryPoints: ['nodes/shared/zod.ts'],
	outfile: 'dist/nodes/shared/zod.js',
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	legalComments: 'inline',
	logLevel: 'warning',
});
