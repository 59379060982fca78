import { findInCauseChain } from './causeChain';

/** Connection failures where the request provably never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CANCELLED_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);

/**
 * The network error's code (ECONNREFUSED, ETIMEDOUT, ...), wherever n8n's wrapping put it. Only
 * the code: the HTTP client's error itself holds the request, and with it the credential.
 */
export function connectionCodeOf(thrown: unknown): string | undefined {
	return findInCauseChain(thrown, (error) => (typeof error.code === 'string' ? error.code : undefined));
}

/** The request never left this machine, so nothing can have been created. */
export function neverReachedServer(code: string | undefined): boolean {
	return code !== undefined && NOT_SENT_CODES.has(code);
}

/** The execution was stopped while the request was in flight. */
export function wasCancelled(code: string | undefined): boolean {
	return code !== undefined && CANCELLED_CODES.has(code);
}

/**
 * Whether the server took longer than the request's timeout: a socket timeout, or the HTTP
 * client's own abort, which it marks ECONNABORTED with "timeout" in the message (a plain
 * ECONNABORTED is a connection the server closed).
 */
export function isTimeout(thrown: unknown): boolean {
	const code = connectionCodeOf(thrown);
	if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return true;
	const message = findInCauseChain(thrown, (error) => (typeof error.message === 'string' ? error.message : undefined));
	return code === 'ECONNABORTED' && /timeout/i.test(message ?? '');
}
