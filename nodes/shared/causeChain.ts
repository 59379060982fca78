/** Deeper than any wrapping n8n and its HTTP client do; a cycle of causes ends here too. */
const MAX_DEPTH = 5;

/**
 * The first thing `pick` finds along an error's `cause` chain, starting at the error itself:
 * n8n wraps the HTTP client's error (and a credential's sign-in error) in its own, so what the
 * pack needs sits somewhere down the chain.
 */
export function findInCauseChain<Found>(thrown: unknown, pick: (error: Record<string, unknown>) => Found | undefined): Found | undefined {
	let current: unknown = thrown;
	for (let depth = 0; depth < MAX_DEPTH && typeof current === 'object' && current !== null; depth++) {
		const error = current as Record<string, unknown>;
		const found = pick(error);
		if (found !== undefined) return found;
		current = error.cause;
	}
	return undefined;
}
