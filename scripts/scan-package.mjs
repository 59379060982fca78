// n8n's verification scan, run on this package before it is published.
//
// `npx @n8n/scan-community-package <name>` only scans a version already on the registry: it
// lints the source that the version's provenance points at, then the published tarball's
// compiled `.js` and `package.json`. This does the same two passes on what `npm publish`
// would upload now: the source in this checkout, and `npm pack`'s tarball, extracted. Both go
// through the scanner's own `analyzePackage`, so its rules and plugin versions are the ones
// n8n applies. Run it after `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Everything the package may ship: the build, and the files npm always adds.
const ALLOWED_IN_TARBALL = /^(dist\/.+|README\.md|LICENSE|package\.json)$/;
// What the scanner lints in a published tarball (analyzePackageByName in scanner.mjs).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

class ScanFailure extends Error {}

async function scan(workDir) {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	);
	console.log(`Packed ${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes`);

	const unexpected = packed.files.map((file) => file.path).filter((file) => !ALLOWED_IN_TARBALL.test(file));
	if (unexpected.length > 0) throw new ScanFailure(`the tarball holds files outside dist/:\n  ${unexpected.join('\n  ')}`);

	execFileSync('tar', ['-xzf', path.join(workDir, packed.filename), '-C', workDir]);
	const passes = [
		{ label: 'source (nodes/, credentials/, package.json)', dir: root, patterns: SOURCE_FILE_PATTERNS },
		{ label: 'tarball (compiled .js, package.json)', dir: path.join(workDir, 'package'), patterns: TARBALL_FILE_PATTERNS },
	];
	let passed = true;
	for (const pass of passes) {
		const result = await analyzePackage(pass.dir, pass.patterns);
		console.log(`${result.passed ? '✅' : '❌'} ${pass.label}${result.message ? `: ${result.message}` : ''}`);
		if (result.details) console.log(result.details);
		passed &&= result.passed;
	}
	if (!passed) throw new ScanFailure('n8n verification scan failed');
	console.log(`✅ ${packed.name}@${packed.version} passes n8n's community package scan`);
}

const workDir = mkdtempSync(path.join(tmpdir(), 'scan-package-'));
try {
	if (!existsSync(path.join(root, 'dist', 'nodes'))) throw new ScanFailure('dist/ is missing: run `npm run build` first');
	await scan(workDir);
} catch (error) {
	if (!(error instanceof ScanFailure)) throw error;
	console.error(`scan-package: ${error.message}`);
	process.exitCode = 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
