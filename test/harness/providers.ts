/**
 * The one preamble of every test that drives a provider's node: each provider's node parameters
 * and a valid item (beside its stand-in, from test/sandbox), the stand-in's life around a test
 * file, and Items → provider node runs.
 */
import { NodeHelpers, type ICredentialDataDecryptedObject, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { resolve } from 'node:path';

import {
	AUGNO_SANDBOX,
	FLEXPRICE_SANDBOX,
	FUNGIES_SANDBOX,
	NETBIRD_SANDBOX,
	PULSE_CRM_SANDBOX,
	type HoldingSandbox,
	type SandboxProvider,
} from '../sandbox';
import type { AugnoSandbox } from '../sandbox/augno';
import type { FlexpriceSandbox } from '../sandbox/flexprice';
import type { FungiesSandbox } from '../sandbox/fungies';
import type { NetBirdSandbox } from '../sandbox/netBird';
import type { PulseCrmSandbox } from '../sandbox/pulseCrm';
import { loadPack, PACKAGE_DIR, runWorkflow, type WorkflowRun } from './engine';
import { createUsersWorkflow } from './workflow';

/** What a test needs, beyond the provider's stand-in, to drive its node. */
export interface ProviderUnderTest<Sandbox extends HoldingSandbox = HoldingSandbox> extends SandboxProvider<Sandbox> {
	/** Whether create calls carry an idempotency key (so 5xx and dropped connections are retried). */
	idempotent: boolean;
	/** Node parameters that take every field from the item, one expression per field, as a user maps a spreadsheet row. */
	parameters: INodeParameters;
	/** A valid item for user number n. */
	validItem(n: number): IDataObject;
	/** The identity a duplicate would share (email, or username). */
	identityOf(user: unknown): string;
	/** Secrets the provider returned for a user (e.g. a generated password), hidden unless opted in. */
	returnedSecrets?(user: unknown): string[];
	/** Items for the 5,000-item load test: fewer where the documented limit makes 5,000 take minutes. */
	loadItems?: number;
	/** Forgets what the pack keeps across runs in this process for the provider, as its stand-in's reset() forgets it. */
	forgetPackState?(): void;
}

const field = (name: string) => `={{ $json.${name} }}`;

export const FLEXPRICE: ProviderUnderTest<FlexpriceSandbox> = {
	...FLEXPRICE_SANDBOX,
	idempotent: false,
	parameters: { type: field('type'), email: field('email'), roles: field('roles') },
	validItem: (n) => ({ type: 'user', email: `user${n}@example.com`, roles: ['all_reader'] }),
	identityOf: (user) => (user as { email: string }).email,
	returnedSecrets: (user) => [(user as { password?: string }).password ?? ''],
};

export const PULSE_CRM: ProviderUnderTest<PulseCrmSandbox> = {
	...PULSE_CRM_SANDBOX,
	idempotent: false,
	parameters: { email: field('email') },
	validItem: (n) => ({ email: `user${n}@example.com` }),
	identityOf: (user) => (user as { email: string }).email,
	returnedSecrets: (user) => [(user as { token?: string }).token ?? ''],
	// The pack shares a session per key within the process; a reset stand-in has forgotten them all.
	forgetPackState: () => packModule<typeof import('../../nodes/PulseCrm/session')>('nodes/PulseCrm/session').forgetPulseCrmSessions(),
};

export const AUGNO: ProviderUnderTest<AugnoSandbox> = {
	...AUGNO_SANDBOX,
	idempotent: true,
	parameters: {
		email: field('email'),
		username: field('username'),
		password: field('password'),
		name: field('name'),
		roleId: field('roleId'),
		departmentId: field('departmentId'),
		// Expand in Response stays at its default (the user): the bad-input cases that map it say so.
	},
	validItem: (n) => ({ email: `user${n}@example.com`, name: `User ${n}` }),
	// 20 requests a second, and every injected 429 spends a second's quota: 5,000 would take minutes.
	loadItems: 500,
	identityOf: (user) => (user as { email?: string; username?: string }).email ?? (user as { username: string }).username,
};

export const NETBIRD: ProviderUnderTest<NetBirdSandbox> = {
	...NETBIRD_SANDBOX,
	idempotent: false,
	parameters: {
		isServiceUser: '={{ $json.isServiceUser ?? false }}',
		email: field('email'),
		name: field('name'),
		role: field('role'),
		autoGroups: field('autoGroups'),
	},
	validItem: (n) => ({ isServiceUser: false, email: `user${n}@example.com`, name: `User ${n}`, role: 'user' }),
	identityOf: (user) => (user as { email: string }).email,
	// 120 requests a minute after a burst of 1,200, and every injected 429 empties the bucket.
	loadItems: 200,
};

/** Fungies' billing details, each a field of the Billing Details collection. */
const FUNGIES_BILLING_FIELDS = [
	'type', 'countryCode', 'firstName', 'lastName', 'companyName', 'dialCode', 'phoneNumber',
	'address', 'addressLine2', 'city', 'postalCode', 'state', 'taxId', 'taxNumber',
];

export const FUNGIES: ProviderUnderTest<FungiesSandbox> = {
	...FUNGIES_SANDBOX,
	idempotent: false,
	parameters: {
		email: field('email'),
		password: field('password'),
		username: field('username'),
		internalId: field('internalId'),
		// n8n drops a collection set to one expression: each field gets its own.
		billingDetails: Object.fromEntries(FUNGIES_BILLING_FIELDS.map((name) => [name, `={{ $json.billingDetails?.${name} }}`])),
		paymentData: {
			stripeCustomerId: '={{ $json.paymentData?.stripeCustomerId }}',
			paypalCustomerId: '={{ $json.paymentData?.paypalCustomerId }}',
		},
	},
	validItem: (n) => ({ email: `user${n}@example.com`, billingDetails: { countryCode: 'US', postalCode: `9${String(n).padStart(4, '0')}` } }),
	identityOf: (user) => (user as { email: string }).email,
};

export const PROVIDERS: ProviderUnderTest[] = [FLEXPRICE, PULSE_CRM, AUGNO, NETBIRD, FUNGIES];

/** A module of the pack as n8n loads it from dist/: the instance the engine runs (one module registry per test file). */
function packModule<Module>(path: string): Module {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(resolve(PACKAGE_DIR, 'dist', path)) as Module;
}

/**
 * The provider's stand-in for the enclosing file or describe block: started before its tests,
 * stopped after them, and reset before each test (with what the pack keeps for it) unless
 * `resetBeforeEach` is false: a suite whose tests read what one beforeAll run left.
 */
export function runningSandbox<Sandbox extends HoldingSandbox>(
	provider: ProviderUnderTest<Sandbox>,
	{ resetBeforeEach = true }: { resetBeforeEach?: boolean } = {},
): Sandbox {
	const sandbox = provider.create();
	beforeAll(async () => void (await sandbox.start()));
	afterAll(async () => await sandbox.stop());
	if (resetBeforeEach) beforeEach(() => resetProvider(provider, sandbox));
	return sandbox;
}

/** The stand-in as at the start, and the pack forgetting what it kept for it (Pulse CRM's sessions). */
export function resetProvider(provider: ProviderUnderTest, sandbox: HoldingSandbox): void {
	sandbox.reset();
	provider.forgetPackState?.();
}

export interface ProviderRun extends WorkflowRun {
	items: IDataObject[];
}

export interface ProviderRunOptions {
	/** The node's Options collection; when left out, the parameters' own `options` (if any) stay. */
	options?: INodeParameters;
	continueOnFail?: boolean;
	parameters?: INodeParameters;
	/** The credential's data, instead of the stand-in's credential for this sandbox. */
	credentials?: ICredentialDataDecryptedObject;
	/** The workflow's id, which Augno's derived idempotency key includes. */
	workflowId?: string;
}

/** A User locator's value as n8n stores it, in one of its modes. */
export const userLocator = (mode: 'email' | 'id' | 'list', value: string) => ({ __rl: true, mode, value });

/**
 * Items → the provider's node with a User operation (find, get, update, deactivate, remove…),
 * run by n8n's engine: the node's output items and its execution hints.
 */
export async function runUserOperation(
	provider: ProviderUnderTest,
	sandbox: HoldingSandbox,
	operation: string,
	items: IDataObject[],
	parameters: INodeParameters = {},
	{ continueOnFail = false }: { continueOnFail?: boolean } = {},
) {
	const name = provider.nodeName;
	const result = await runWorkflow(
		createUsersWorkflow(items, { type: name, credentialType: provider.credentialType, name, parameters: { operation, ...parameters }, continueOnFail }),
		{ [provider.credentialType]: provider.credentials(sandbox.url) },
	);
	return {
		...result,
		items: result.output(name).map((item) => item.json),
		hints: result.run.data.resultData.runData[name]?.[0]?.hints ?? [],
	};
}

/** Runs Items → provider node with the given items and node parameters. */
export async function runProvider(
	provider: ProviderUnderTest,
	sandbox: HoldingSandbox,
	items: IDataObject[],
	{ options, continueOnFail = true, parameters = provider.parameters, credentials, workflowId }: ProviderRunOptions = {},
): Promise<ProviderRun> {
	const workflow = createUsersWorkflow(items, {
		type: provider.nodeName,
		credentialType: provider.credentialType,
		parameters: options === undefined ? parameters : { ...parameters, options },
		continueOnFail,
	});
	const result = await runWorkflow(
		{ ...workflow, id: workflowId },
		{ [provider.credentialType]: credentials ?? provider.credentials(sandbox.url) },
	);
	return { ...result, items: result.output('Create User').map((item) => item.json) };
}

export interface CreateUsersOptions {
	continueOnFail?: boolean;
	/** Values put over the stand-in's credential, e.g. a wrong key. */
	credentialOverrides?: IDataObject;
	/** A whole credential instead of the stand-in's (e.g. another sign-in method). */
	credential?: ICredentialDataDecryptedObject;
}

/**
 * What a provider's own test file starts with: its running stand-in (reset before each test),
 * the credential pointing at it, the node parameters mapping every field from the item, and
 * `createUsers`, which runs Items → the node and gives what the node put out as `created`, and
 * `runOperation`, which runs one of its other User operations.
 * Without Continue On Fail, as a user first builds the workflow.
 */
export function providerSuite<Sandbox extends HoldingSandbox>(provider: ProviderUnderTest<Sandbox>) {
	const sandbox = runningSandbox(provider);
	/** The stand-in's credential with `overrides`, keyed by type as the engine takes credentials. */
	const credentials = (overrides: IDataObject = {}): Record<string, ICredentialDataDecryptedObject> => ({
		[provider.credentialType]: { ...provider.credentials(sandbox.url), ...overrides } as ICredentialDataDecryptedObject,
	});
	async function createUsers(
		items: IDataObject[],
		parameters: INodeParameters = provider.parameters,
		{ continueOnFail = false, credentialOverrides = {}, credential }: CreateUsersOptions = {},
	) {
		const run = await runProvider(provider, sandbox, items, {
			parameters,
			continueOnFail,
			credentials: credential ?? credentials(credentialOverrides)[provider.credentialType],
		});
		return { ...run, created: run.items };
	}
	const runOperation = (operation: string, items: IDataObject[], parameters: INodeParameters = {}, settings: { continueOnFail?: boolean } = {}) =>
		runUserOperation(provider, sandbox, operation, items, parameters, settings);
	return { sandbox, fromItem: provider.parameters, credentials, createUsers, runOperation };
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

/** The description n8n gives an agent for the provider's node set to a User operation. */
export async function toolDescription(provider: ProviderUnderTest, operation: string): Promise<string> {
	const { nodeTypes, packageName } = await loadPack();
	const nodeType = nodeTypes.getByNameAndVersion(`${packageName}.${provider.nodeName}`, 1);
	const node = { parameters: { resource: 'user', operation } } as unknown as INode;
	return NodeHelpers.getToolDescriptionForNode(node, nodeType as never);
}
