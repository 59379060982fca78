import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type WorkflowRun } from '../harness/engine';
import { createUsersWorkflow } from '../harness/workflow';
import { SANDBOX_PROVIDERS, type SandboxProvider } from '../sandbox';
import type { ProviderSandbox } from '../sandbox/server';

/** What the reliability suite needs, beyond the provider's sandbox entry, to drive its node. */
export interface ProviderUnderTest extends SandboxProvider {
	/** Whether create calls carry an idempotency key (so 5xx and dropped connections are retried). */
	idempotent: boolean;
	/** Node parameters that take every field from the item. */
	parameters: INodeParameters;
	/** A valid item for user number n. */
	validItem(n: number): IDataObject;
	/** The identity a duplicate would share (email, or username). */
	identityOf(user: unknown): string;
	/** Secrets the provider returned for a user (e.g. a generated password), hidden unless opted in. */
	returnedSecrets?(user: unknown): string[];
	/** Items for the 5,000-item load test: fewer where the documented limit makes 5,000 take minutes. */
	loadItems?: number;
}

const field = (name: string) => `={{ $json.${name} }}`;

function sandboxProvider(name: string): SandboxProvider {
	const provider = SANDBOX_PROVIDERS.find((candidate) => candidate.name === name);
	if (!provider) throw new Error(`No sandbox for ${name}`);
	return provider;
}

export const PROVIDERS: ProviderUnderTest[] = [
	{
		...sandboxProvider('Flexprice'),
		idempotent: false,
		parameters: { type: field('type'), email: field('email'), roles: field('roles') },
		validItem: (n) => ({ type: 'user', email: `user${n}@example.com`, roles: ['all_reader'] }),
		identityOf: (user) => (user as { email: string }).email,
		returnedSecrets: (user) => [(user as { password?: string }).password ?? ''],
	},
	{
		...sandboxProvider('Pulse CRM'),
		idempotent: false,
		parameters: { email: field('email') },
		validItem: (n) => ({ email: `user${n}@example.com` }),
		identityOf: (user) => (user as { email: string }).email,
		returnedSecrets: (user) => [(user as { token?: string }).token ?? ''],
	},
	{
		...sandboxProvider('Augno'),
		idempotent: true,
		parameters: {
			email: field('email'),
			username: field('username'),
			password: field('password'),
			name: field('name'),
			roleId: field('roleId'),
			departmentId: field('departmentId'),
			include: field('include'),
		},
		validItem: (n) => ({ email: `user${n}@example.com`, name: `User ${n}` }),
		// 20 requests a second, and every injected 429 spends a second's quota: 5,000 would take minutes.
		loadItems: 500,
		identityOf: (user) => (user as { email?: string; username?: string }).email ?? (user as { username: string }).username,
	},
	{
		...sandboxProvider('NetBird'),
		idempotent: false,
		parameters: {
			isServiceUser: field('isServiceUser'),
			email: field('email'),
			name: field('name'),
			role: field('role'),
			autoGroups: field('autoGroups'),
		},
		validItem: (n) => ({ isServiceUser: false, email: `user${n}@example.com`, name: `User ${n}`, role: 'user' }),
		identityOf: (user) => (user as { email: string }).email,
		// 120 requests a minute after a burst of 1,200, and every injected 429 empties the bucket.
		loadItems: 200,
	},
	{
		...sandboxProvider('Fungies'),
		idempotent: false,
		parameters: {
			email: field('email'),
			password: field('password'),
			username: field('username'),
			internalId: field('internalId'),
			// n8n drops a collection set to one expression: each field gets its own.
			billingDetails: Object.fromEntries(
				['type', 'countryCode', 'firstName', 'lastName', 'companyName', 'dialCode', 'phoneNumber', 'address', 'addressLine2', 'city', 'postalCode', 'state', 'taxId', 'taxNumber'].map(
					(name) => [name, `={{ $json.billingDetails?.${name} }}`],
				),
			),
			paymentData: {
				stripeCustomerId: '={{ $json.paymentData?.stripeCustomerId }}',
				paypalCustomerId: '={{ $json.paymentData?.paypalCustomerId }}',
			},
		},
		validItem: (n) => ({ email: `user${n}@example.com`, billingDetails: { countryCode: 'US', postalCode: `9${String(n).padStart(4, '0')}` } }),
		identityOf: (user) => (user as { email: string }).email,
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
			type: provider.nodeName,
			credentialType: provider.credentialType,
			parameters: { ...parameters, options },
			continueOnFail,
		}),
		{ [provider.credentialType]: provider.credentials(sandbox.url) },
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
