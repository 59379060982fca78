import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { augnoSandbox, augnoSandboxCredentials, type AugnoSandbox } from './augno';
import { flexpriceSandbox, flexpriceSandboxCredentials, type FlexpriceSandbox } from './flexprice';
import { fungiesSandbox, fungiesSandboxCredentials, type FungiesSandbox } from './fungies';
import { netBirdSandbox, netBirdSandboxCredentials, type NetBirdSandbox } from './netBird';
import { pulseCrmSandbox, pulseCrmSandboxCredentials, type PulseCrmSandbox } from './pulseCrm';
import type { ProviderSandbox } from './server';

/** A stand-in, with the users it holds: what the provider would have after a run. */
export type HoldingSandbox = ProviderSandbox & { users: unknown[] };

/** One provider's local stand-in, and the credential that points its node at it. */
export interface SandboxProvider<Sandbox extends HoldingSandbox = HoldingSandbox> {
	name: string;
	/** The node's type name inside the package, e.g. "flexprice". */
	nodeName: string;
	credentialType: string;
	create(): Sandbox;
	credentials(url: string): ICredentialDataDecryptedObject;
}

export const FLEXPRICE_SANDBOX: SandboxProvider<FlexpriceSandbox> = { name: 'Flexprice', nodeName: 'flexprice', credentialType: 'flexpriceApi', create: () => flexpriceSandbox(), credentials: flexpriceSandboxCredentials };
export const PULSE_CRM_SANDBOX: SandboxProvider<PulseCrmSandbox> = { name: 'Pulse CRM', nodeName: 'pulseCrm', credentialType: 'pulseCrmApi', create: () => pulseCrmSandbox(), credentials: pulseCrmSandboxCredentials };
export const AUGNO_SANDBOX: SandboxProvider<AugnoSandbox> = { name: 'Augno', nodeName: 'augno', credentialType: 'augnoApi', create: () => augnoSandbox(), credentials: augnoSandboxCredentials };
export const NETBIRD_SANDBOX: SandboxProvider<NetBirdSandbox> = { name: 'NetBird', nodeName: 'netBird', credentialType: 'netBirdApi', create: () => netBirdSandbox(), credentials: netBirdSandboxCredentials };
export const FUNGIES_SANDBOX: SandboxProvider<FungiesSandbox> = { name: 'Fungies', nodeName: 'fungies', credentialType: 'fungiesApi', create: () => fungiesSandbox(), credentials: fungiesSandboxCredentials };

export const SANDBOX_PROVIDERS: SandboxProvider[] = [FLEXPRICE_SANDBOX, PULSE_CRM_SANDBOX, AUGNO_SANDBOX, NETBIRD_SANDBOX, FUNGIES_SANDBOX];

export interface RunningSandbox {
	provider: SandboxProvider;
	sandbox: ProviderSandbox;
	credentials: ICredentialDataDecryptedObject;
}

/** Starts every provider's sandbox on 127.0.0.1 (consecutive ports from `firstPort`, or free ports). */
export async function startSandboxes(firstPort?: number): Promise<RunningSandbox[]> {
	return await Promise.all(
		SANDBOX_PROVIDERS.map(async (provider, index) => {
			const sandbox = await provider.create().start(firstPort === undefined ? 0 : firstPort + index);
			return { provider, sandbox, credentials: provider.credentials(sandbox.url) };
		}),
	);
}

/** Credentials by type, as the engine harness takes them. */
export function credentialsByType(running: RunningSandbox[]): Record<string, ICredentialDataDecryptedObject> {
	return Object.fromEntries(running.map(({ provider, credentials }) => [provider.credentialType, credentials]));
}

/** The id under which the examples reference a provider's sandbox credential. */
export const sandboxCredentialId = (provider: SandboxProvider) => `sandbox${provider.name.replace(/\W/g, '')}`;

/** The running sandboxes' credentials as `n8n import:credentials` takes them (plain data, encrypted on import). */
export function credentialsForN8nImport(running: RunningSandbox[]) {
	return running.map(({ provider, credentials }) => ({
		id: sandboxCredentialId(provider),
		name: `${provider.name} (local sandbox)`,
		type: provider.credentialType,
		data: credentials,
	}));
}
