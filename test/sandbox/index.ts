import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { flexpriceSandbox, flexpriceSandboxCredentials } from './flexprice';
import type { ProviderSandbox } from './server';

/** One provider's local stand-in, and the credential that points its node at it. */
export interface SandboxProvider {
	name: string;
	credentialType: string;
	create(): ProviderSandbox;
	credentials(url: string): ICredentialDataDecryptedObject;
}

export const SANDBOX_PROVIDERS: SandboxProvider[] = [
	{ name: 'Flexprice', credentialType: 'flexpriceApi', create: flexpriceSandbox, credentials: flexpriceSandboxCredentials },
];

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
