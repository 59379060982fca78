import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

import { loadPack } from '../harness/engine';

const NODES_DIR = resolve(__dirname, '../../nodes');
const nodeClassFiles = readdirSync(NODES_DIR, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && entry.name !== 'shared')
	.map((entry) => join(NODES_DIR, entry.name, `${entry.name}.node.ts`));

/** Whether a method body holds a literal `this.continueOnFail()` call, as n8n's coming lint rule looks for it. */
function callsContinueOnFail(node: ts.Node): boolean {
	if (
		ts.isCallExpression(node) &&
		ts.isPropertyAccessExpression(node.expression) &&
		node.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
		node.expression.name.text === 'continueOnFail'
	) {
		return true;
	}
	return ts.forEachChild(node, callsContinueOnFail) === true;
}

function executeBodies(file: string): ts.Block[] {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const bodies: ts.Block[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isMethodDeclaration(node) && node.name.getText(source) === 'execute' && node.body) bodies.push(node.body);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return bodies;
}

describe('the node classes', () => {
	test.each(nodeClassFiles.map((file) => [file.slice(NODES_DIR.length + 1)]))(
		"%s calls this.continueOnFail() in execute (n8n's require-continue-on-fail)",
		(relative) => {
			const bodies = executeBodies(join(NODES_DIR, relative));

			expect(bodies).toHaveLength(1);
			expect(callsContinueOnFail(bodies[0])).toBe(true);
		},
	);

	test('every node without an idempotency key warns at the top that Retry On Fail can create users twice', async () => {
		const { nodeTypes, nodeTypeNames } = await loadPack();
		const firstProperty = Object.fromEntries(
			nodeTypeNames.map((name) => {
				const [property] = nodeTypes.getByNameAndVersion(name).description.properties;
				return [name.split('.')[1], property.type === 'notice' ? property.displayName : property.name];
			}),
		);

		expect(firstProperty).toEqual({
			augno: 'resource',
			flexprice: expect.stringContaining('Retry On Fail'),
			fungies: expect.stringContaining('Retry On Fail'),
			netBird: expect.stringContaining('Retry On Fail'),
			pulseCrm: expect.stringContaining('Retry On Fail'),
		});
		for (const notice of Object.values(firstProperty).filter((text) => text !== 'resource')) {
			expect(notice).toContain('If User Exists');
			expect(notice).toContain('Continue On Fail');
		}
	});

	test('every node offers Options → If User Exists, Error by default, naming the answer it recognises; Return Existing where it can Find by Email', async () => {
		const { nodeTypes, nodeTypeNames } = await loadPack();
		for (const name of nodeTypeNames) {
			const { properties } = nodeTypes.getByNameAndVersion(name).description;
			const options = properties.find((property) => property.name === 'options');
			const operations = (properties.find((property) => property.name === 'operation')?.options ?? []) as Array<{ value: string }>;
			const canFindByEmail = operations.some((operation) => operation.value === 'findByEmail');
			const ifUserExists = (options?.options as Array<{ name: string; default?: unknown; options?: unknown; description?: string }>).find(
				(option) => option.name === 'ifUserExists',
			);

			expect({ name, default: ifUserExists?.default, values: ifUserExists?.options }).toEqual({
				name,
				default: 'error',
				values: [
					expect.objectContaining({ name: 'Error', value: 'error' }),
					expect.objectContaining({ name: 'Skip', value: 'skip' }),
					...(canFindByEmail ? [expect.objectContaining({ name: 'Return Existing', value: 'returnExisting' })] : []),
				],
			});
			expect(ifUserExists?.description).toMatch(/already exists \(an? \d{3} /);
		}
	});

	test("an option that puts a returned secret into the output says a stopped run loses it without Continue On Fail", async () => {
		const { nodeTypes } = await loadPack();
		const secretOptions = ['flexprice', 'pulseCrm'].map((type) => {
			const options = nodeTypes
				.getByNameAndVersion(`n8n-nodes-user-provisioning.${type}`)
				.description.properties.find((property) => property.name === 'options');
			return (options?.options as Array<{ name: string; description?: string }>).find((option) => option.name === 'includeSecrets');
		});

		for (const option of secretOptions) {
			expect(option?.description).toContain('returns it only when the user is created');
			expect(option?.description).toContain('turn on Continue On Fail (or the error output)');
		}
	});
});
