/**
 * Starts a local stand-in for every provider on 127.0.0.1 and prints their URLs and the
 * credentials that point the pack's nodes at them. Stops on Ctrl+C.
 * Usage: npm run sandbox [-- --port 4300] [-- --credentials-out file.json]
 */
import { writeFileSync } from 'node:fs';

import { credentialsForN8nImport, startSandboxes } from '../test/sandbox';

function argument(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function main() {
	const port = argument('port');
	const running = await startSandboxes(port === undefined ? undefined : Number(port));
	for (const { provider, sandbox } of running) console.log(`${provider.name.padEnd(10)} ${sandbox.url}`);

	const credentialsOut = argument('credentials-out');
	if (credentialsOut) {
		writeFileSync(credentialsOut, JSON.stringify(credentialsForN8nImport(running), null, 2));
		console.log(`Credentials for n8n written to ${credentialsOut}`);
	}
	console.log('Sandboxes running; press Ctrl+C to stop.');
	const stop = () => void Promise.all(running.map(({ sandbox }) => sandbox.stop())).then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
