import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';

import { safeBaseUrl } from '../shared/baseUrl';
import { SignInError } from '../shared/errors';
import { retryAfterMs } from '../shared/transport';
import { z } from '../shared/zod';
import { readPulseCrmError } from './api';

const SIGN_IN_TIMEOUT_MS = 30_000;

// Pulse CRM's public auth docs: POST {base}/auth/login with { apiKey, apiSecret } answers with a
// session token and the key's primary account; GET {base}/auth/session returns the same for a live token.
const loginResponse = z.object({
	token: z.string().min(1),
	primaryAccount: z
		.object({ accountId: z.union([z.string(), z.number()]).optional() })
		.nullish(),
});

const hasAccountId = (credentials: ICredentialDataDecryptedObject) => String(credentials.accountId ?? '').trim() !== '';

/**
 * The credential's `preAuthentication`. With an API key and secret it signs in and returns a
 * fresh session token and the key's primary account, which n8n keeps in the credential's hidden
 * fields (it calls this again when the token is empty or got a 401). A static access token needs
 * no sign-in, but then nothing tells us the account, so the credential must name it.
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
			retryAfterMs: retryAfterMs(headers as Record<string, string | string[] | undefined>),
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
	const baseUrl = safeBaseUrl(credentials.baseUrl, credentials.allowInsecureHttp === true);
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
			timeout: SIGN_IN_TIMEOUT_MS,
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
	const { code = (error as { cause?: { code?: unknown } }).cause?.code } = error as { code?: unknown };
	const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT';
	return new SignInError(timedOut ? 'the server did not answer in time' : 'the server could not be reached', {
		isTransient: true,
		description: `Signing in at ${baseUrl}/auth/login failed${typeof code === 'string' ? ` with connection error ${code}` : ''}. Check the base URL in the credential.`,
	});
}
