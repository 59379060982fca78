/**
 * n8n's editor with the pack installed and credentials for every local provider sandbox,
 * for clicking through the nodes: packs the built pack, starts the sandboxes, imports their
 * credentials and the onboarding example, and runs `n8n start` (http://127.0.0.1:5678).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { credentialsForN8nImport, startSandboxes } from '../test/sandbox';

const ROOT = resolve(__dirname, '..');

async function main() {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-dev-'));
	const packed = spawnSync('npm', ['pack', '--pack-destination', folder, '--silent'], { cwd: ROOT, encoding: 'utf8' });
	const tarball = join(folder, packed.stdout.trim().split('\n').pop()!);

	const running = await startSandboxes(Number(process.env.SANDBOX_PORT ?? 4310));
	for (const { provider, sandbox } of running) console.log(`sandbox ${provider.name.padEnd(10)} ${sandbox.url}`);
	const credentialsFile = join(folder, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(credentialsForN8nImport(running)));

	const n8n = spawn('bash', ['scripts/n8n/dev.sh', tarball, credentialsFile, join(ROOT, 'examples/onboarding.json')], {
		cwd: ROOT,
		stdio: 'inherit',
	});
	const stop = () => n8n.kill('SIGTERM');
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.on('close', async (code) => {
		await Promise.all(running.map(({ sandbox }) => sandbox.stop()));
		process.exit(code ?? 0);
	});
}

void main();
