import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';

import { requireSafeBaseUrl } from '../shared/baseUrl';
import { connectionCodeOf, isTimeout } from '../shared/connectionFailure';
import { SignInError } from '../shared/errors';
import { signInTimeoutOf } from '../shared/signInSettings';
import { retryAfterMs, type ResponseHeaders } from '../shared/rateLimitHeaders';
import { z } from '../shared/zod';
import { readPulseCrmError } from './api';

/** For a sign-in that no node asked for (the credential test); a node's sign-in takes its Timeout option. */
const SIGN_IN_TIMEOUT_MS = 30_000;
/**
 * How long a new session is handed to callers that did not have it yet: n8n stores the token
 * in the credential after the sign-in, and an item or execution that read the credential
 * before that would otherwise sign in again.
 */
const SESSION_SHARE_MS = 60_000;

// Pulse CRM's public auth docs: POST {base}/auth/login with { apiKey, apiSecret } answers with a
// session token and the key's primary account; GET {base}/auth/session returns the same for a live token.
const loginResponse = z.object({
	token: z.string().min(1),
	primaryAccount: z
		.object({ accountId: z.union([z.string(), z.number()]).optional() })
		.nullish(),
});

const hasAccountId = (credentials: ICredentialDataDecryptedObject) => String(credentials.accountId ?? '').trim() !== '';

interface SharedSession {
	session: IDataObject;
	signedInAt: number;
	/** The refused tokens it replaced: a caller still holding one gets this session. */
	replaced: Set<string>;
}

/** Sign-ins under way and the latest session, per API key (by hash) and base URL, in this process. */
const signInsUnderWay = new Map<string, Promise<IDataObject>>();
const latestSessions = new Map<string, SharedSession>();

function accountOf(credentials: ICredentialDataDecryptedObject): string {
	const secrets = createHash('sha256').update(`${String(credentials.apiKey)}\u0000${String(credentials.apiSecret)}`).digest('hex');
	return `${String(credentials.baseUrl ?? '').trim()}\n${secrets}`;
}

/**
 * The credential's `preAuthentication`. With an API key and secret it signs in and returns a
 * fresh session token and the key's primary account, which n8n keeps in the credential's hidden
 * fields (it calls this again when the token is empty or got a 401). A static access token needs
 * no sign-in, but then nothing tells us the account, so the credential must name it.
 *
 * One sign-in per key at a time (single flight): items and executions that need a session while
 * one is being made wait for it and share it, and so do those that read the credential before
 * n8n stored it. Only a caller whose token is the latest one (it was refused) starts a new sign-in.
 */
export async function startPulseCrmSession(
	http: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (credentials.authentication === 'accessToken') {
		if (!hasAccountId(credentials)) {
			throw new SignInError('the credential has no Account ID, which an access token needs', {
				description: 'Open the Pulse CRM credential and enter the Account ID (sent as X-Account-Id).',
			});
		}
		return {};
	}

	const account = accountOf(credentials);
	const now = Date.now();
	for (const [key, { signedInAt }] of latestSessions) {
		if (now - signedInAt >= SESSION_SHARE_MS) latestSessions.delete(key);
	}
	const presented = typeof credentials.sessionToken === 'string' ? credentials.sessionToken : '';
	const latest = latestSessions.get(account);
	// A token this process did not replace (the latest one, or one from before) was refused: sign in.
	if (latest && (presented === '' || latest.replaced.has(presented))) return { ...latest.session };

	let signIn = signInsUnderWay.get(account);
	if (!signIn) {
		const replaced = new Set([...(latest?.replaced ?? []), presented, String(latest?.session.sessionToken ?? '')].filter(Boolean));
		signIn = signInOnce(http, credentials)
			.then((session) => {
				latestSessions.set(account, { session, signedInAt: Date.now(), replaced });
				return session;
			})
			.finally(() => signInsUnderWay.delete(account));
		signInsUnderWay.set(account, signIn);
	}
	return { ...(await signIn) };
}

/** Forgets every shared session (tests that reset their stand-in's sessions start from none). */
export function forgetPulseCrmSessions(): void {
	latestSessions.clear();
}

async function signInOnce(http: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	const response = await sendLogin(http, credentials);
	const { statusCode, headers, body } = response;
	if (statusCode >= 300 && statusCode < 400) {
		throw new SignInError('the sign-in answered with a redirect instead of a session', {
			httpCode: statusCode,
			description: 'Check the base URL in the credential; it points elsewhere. The redirect was not followed.',
		});
	}
	if (statusCode < 200 || statusCode >= 300) {
		throw new SignInError(readPulseCrmError(body).message ?? `HTTP ${statusCode}`, {
			httpCode: statusCode,
			isTransient: statusCode === 429 || statusCode >= 500,
			retryAfterMs: retryAfterMs(headers as ResponseHeaders),
			description:
				statusCode === 401 || statusCode === 403 ? 'Check the API key and secret in the credential.' : undefined,
		});
	}

	const session = loginResponse.safeParse(body);
	if (!session.success) {
		throw new SignInError('the sign-in response has no session token');
	}
	const primaryAccountId = String(session.data.primaryAccount?.accountId ?? '');
	if (!primaryAccountId && !hasAccountId(credentials)) {
		throw new SignInError('the sign-in response names no primary account for the API key', {
			description: 'Open the Pulse CRM credential and enter the Account ID (sent as X-Account-Id).',
		});
	}
	return { sessionToken: session.data.token, primaryAccountId };
}

async function sendLogin(http: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IN8nHttpFullResponse> {
	// Checked here too: the credential test signs in without going through a node.
	const baseUrl = requireSafeBaseUrl(credentials.baseUrl, credentials.allowInsecureHttp === true);
	try {
		return (await http.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}/auth/login`,
			body: { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect would carry the key and secret to wherever it points.
			disableFollowRedirect: true,
			timeout: signInTimeoutOf(credentials, SIGN_IN_TIMEOUT_MS),
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// There is no node to build a NodeApiError with here; the transport turns this into one.
		throw unreachable(error, baseUrl);
	}
}

/**
 * The sign-in never got an answer. The HTTP client's error holds the request, key and secret
 * included: only its code is kept, and in the description, since n8n rewrites a message that holds one.
 */
function unreachable(error: unknown, baseUrl: string): SignInError {
	const code = connectionCodeOf(error);
	return new SignInError(isTimeout(error) ? 'the server did not answer in time' : 'the server could not be reached', {
		isTransient: true,
		description: `Signing in at ${baseUrl}/auth/login failed${code === undefined ? '' : ` with connection error ${code}`}. Check the base URL in the credential.`,
	});
}
