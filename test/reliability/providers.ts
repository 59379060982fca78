import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type WorkflowRun } from '../harness/engine';
import { createUsersWorkflow } from '../harness/workflow';
import { flexpriceSandbox, flexpriceSandboxCredentials } from '../sandbox/flexprice';
import type { ProviderSandbox } from '../sandbox/server';

/** What the reliability suite needs to drive one provider node against its sandbox. */
export interface ProviderUnderTest {
	name: string;
	nodeType: string;
	credentialType: string;
	/** Whether create calls carry an idempotency key (so 5xx and dropped connections are retried). */
	idempotent: boolean;
	/** The sandbox, plus its users: what the provider would hold after the run. */
	sandbox(): ProviderSandbox & { users: unknown[] };
	credentials(url: string): IDataObject;
	/** Node parameters that take every field from the item. */
	parameters: INodeParameters;
	/** A valid item for user number n. */
	validItem(n: number): IDataObject;
	/** The identity a duplicate would share (email, or username). */
	identityOf(user: unknown): string;
	/** Secrets the provider returned for a user (e.g. a generated password), hidden unless opted in. */
	returnedSecrets?(user: unknown): string[];
}

const field = (name: string) => `={{ $json.${name} }}`;

export const PROVIDERS: ProviderUnderTest[] = [
	{
		name: 'Flexprice',
		nodeType: 'flexprice',
		credentialType: 'flexpriceApi',
		idempotent: false,
		sandbox: flexpriceSandbox,
		credentials: flexpriceSandboxCredentials,
		parameters: { type: field('type'), email: field('email'), roles: field('roles') },
		validItem: (n) => ({ type: 'user', email: `user${n}@example.com` }),
		identityOf: (user) => (user as { email: string }).email,
		returnedSecrets: (user) => [(user as { password?: string }).password ?? ''],
	},
];

export interface ProviderRun extends WorkflowRun {
	items: IDataObject[];
}

/** Runs Items → provider node with the given items and extra node parameters. */
export async function runProvider(
	provider: ProviderUnderTest,
	sandbox: ProviderSandbox,
	items: IDataObject[],
	{
		options = {},
		continueOnFail = true,
		parameters = provider.parameters,
	}: { options?: INodeParameters; continueOnFail?: boolean; parameters?: INodeParameters } = {},
): Promise<ProviderRun> {
	const result = await runWorkflow(
		createUsersWorkflow(items, {
			type: provider.nodeType,
			credentialType: provider.credentialType,
			parameters: { ...parameters, options },
			continueOnFail,
		}),
		{ [provider.credentialType]: provider.credentials(sandbox.url) as never },
	);
	return { ...result, items: result.output('Create User').map((item) => item.json) };
}

/** Secrets the sandbox handed out that must not show up anywhere. */
export function returnedSecrets(provider: ProviderUnderTest, users: unknown[]): string[] {
	return users.flatMap((user) => provider.returnedSecrets?.(user) ?? []).filter(Boolean);
}

/** How many identities the sandbox holds more than once. */
export function duplicatesIn(provider: ProviderUnderTest, users: unknown[]): number {
	const identities = users.map((user) => provider.identityOf(user));
	return identities.length - new Set(identities).size;
}
