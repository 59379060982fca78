/**
 * The pack's main job, on built-in defaults: starts a local stand-in for every provider,
 * runs the onboarding example workflow through n8n's execution engine with credentials
 * pointing at those stand-ins, and prints what each provider created and received.
 * No keys, no network beyond 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { runWorkflow, type WorkflowJson } from '../test/harness/engine';
import { credentialsByType, startSandboxes } from '../test/sandbox';

const EXAMPLE = resolve(__dirname, '../examples/onboarding.json');
const SECRET_KEY = /password|secret|token|key/i;

function masked(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(masked);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [key, SECRET_KEY.test(key) ? '***' : masked(entry)]),
	);
}

function summary(json: Record<string, unknown>): string {
	const user = (json.user as Record<string, unknown> | undefined) ?? json;
	return ['id', 'email', 'username', 'name', 'type', 'role', 'status']
		.filter((key) => user[key] !== undefined && user[key] !== '' && typeof user[key] !== 'object')
		.map((key) => `${key}=${String(user[key])}`)
		.join('  ');
}

async function main() {
	const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as WorkflowJson;
	const running = await startSandboxes();
	try {
		console.log(`Onboarding example: ${EXAMPLE}`);
		console.log(`Local provider sandboxes: ${running.map(({ provider, sandbox }) => `${provider.name} ${sandbox.url}`).join(', ')}\n`);

		const result = await runWorkflow(workflow, credentialsByType(running));
		const employee = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.set');
		if (employee) console.log(`New employee: ${JSON.stringify(result.output(employee.name)[0]?.json)}\n`);

		let failures = result.error ? 1 : 0;
		for (const { provider, sandbox } of running) {
			const node = workflow.nodes.find((n) => n.credentials?.[provider.credentialType]);
			const items = node ? result.output(node.name) : [];
			const ok = items.length > 0 && items.every((item) => item.json.error === undefined);
			if (!ok) failures++;
			console.log(`${provider.name}: ${ok ? 'created' : 'FAILED'}`);
			for (const item of items) console.log(`  output    ${item.json.error ? String(item.json.error) : summary(item.json)}`);
			for (const request of sandbox.requests) {
				console.log(`  received  ${request.method} ${request.path} ${JSON.stringify(masked(request.body) ?? '')}`);
			}
		}
		if (result.error) console.log(`\nWorkflow error: ${result.error.message}`);
		console.log(`\n${running.length - Math.min(failures, running.length)} of ${running.length} providers created the employee's account.`);
		process.exitCode = failures === 0 ? 0 : 1;
	} finally {
		await Promise.all(running.map(({ sandbox }) => sandbox.stop()));
	}
}

void main();
