import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

/**
 * n8n calls a credential's `preAuthentication` with the credential's data and nothing about the
 * node, so a sign-in cannot read the node's Timeout option. The transport hands n8n the data
 * object it authenticates with, and n8n passes that same object to `preAuthentication`: the
 * timeout travels beside it, keyed by the object, never inside it (nothing is stored or logged).
 */
const signInTimeouts = new WeakMap<object, number>();

/** The credentials for one request, as n8n takes them, carrying the request's timeout for a sign-in. */
export function withSignInTimeout(
	credentials: ICredentialDataDecryptedObject,
	timeoutMs: number | undefined,
): ICredentialsDecrypted {
	if (timeoutMs !== undefined) signInTimeouts.set(credentials, timeoutMs);
	// Only the data is read by n8n's request helper; the id and name are not known to a node.
	return { id: '', name: '', type: '', data: credentials };
}

/** The timeout of the request this sign-in is for, or `fallback` (the credential test, another node). */
export function signInTimeoutOf(credentials: object, fallback: number): number {
	return signInTimeouts.get(credentials) ?? fallback;
}
