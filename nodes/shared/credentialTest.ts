import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { baseUrlOrRefusal, UnsafeBaseUrlError, type CredentialFieldNames } from './baseUrl';
import { connectionCodeOf, neverReachedServer } from './connectionFailure';
import { signInFailureOf } from './errors';
import type { ProviderDefinition } from './provider';

/** The read a credential's Test sends, after the credential's URL. */
export interface CredentialTestRequest {
	/** Appended to the base URL, e.g. "/users/me". */
	path: string;
	qs?: IDataObject;
}

type CredentialHeaders = (credentials: ICredentialDataDecryptedObject) => Record<string, string>;

/** A credential's `authenticate` as a function: what the Test can apply itself. */
type AuthenticateFunction = (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

const TEST_TIMEOUT_MS = 30_000;

/**
 * A credential's `authenticate`, as a function of its values: the node's requests and the
 * credential's Test both call it, so the Test sends exactly the headers a run sends.
 */
export function authenticateWithHeaders(headersOf: CredentialHeaders): AuthenticateFunction {
	return async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, ...headersOf(credentials) },
	});
}

/**
 * The Test of a credential, for a node's `methods.credentialTest` (and `testedBy` on the node's
 * credential entry). n8n runs a credential's declarative `test` request without the pack's URL
 * check and follows redirects with the key, so the pack tests programmatically instead: the
 * URL goes through the same check as a node run before anything is sent, a session credential
 * signs in through its own `preAuthentication`, and no redirect is ever followed.
 */
export function credentialTestFor(
	provider: ProviderDefinition,
	credentialType: ICredentialType & { authenticate: AuthenticateFunction },
	request: CredentialTestRequest,
): ICredentialTestFunction {
	return async function testCredential(this: ICredentialTestFunctions, credential) {
		return await runCredentialTest(this.helpers, provider, credentialType, request, credential.data ?? {});
	};
}

async function runCredentialTest(
	helpers: ICredentialTestFunctions['helpers'],
	provider: ProviderDefinition,
	credentialType: ICredentialType & { authenticate: AuthenticateFunction },
	request: CredentialTestRequest,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const fieldNames = provider.credentialFields;
	const baseUrl = baseUrlOrRefusal(provider.baseUrl(data), data.allowInsecureHttp === true, fieldNames);
	if (baseUrl instanceof UnsafeBaseUrlError) return failed(baseUrl.message, baseUrl.description);

	const httpRequest = withoutRedirects(helpers);
	let response: IN8nHttpFullResponse;
	try {
		const credentials = { ...data };
		if (credentialType.preAuthentication) {
			const session: IHttpRequestHelper = { helpers: { httpRequest } };
			Object.assign(credentials, await credentialType.preAuthentication.call(session, credentials));
		}
		const unauthenticated: IHttpRequestOptions = {
			method: 'GET',
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			returnFullResponse: true,
		};
		response = (await httpRequest(await credentialType.authenticate(credentials, unauthenticated))) as IN8nHttpFullResponse;
	} catch (error) {
		return unanswered(provider, error, fieldNames);
	}
	return verdict(provider, response, request, fieldNames);
}

/**
 * `httpRequest` for a credential's sign-in and Test, over the one helper n8n gives a credential
 * test function (`ICredentialTestFunctions` has only the request-style `request`). Redirects are
 * never followed: n8n would send the credential's headers to wherever the redirect points.
 * Statuses are returned, not thrown, and the client's request object (headers, key) is dropped.
 */
function withoutRedirects(helpers: ICredentialTestFunctions['helpers']): IHttpRequestHelper['helpers']['httpRequest'] {
	return async (options: IHttpRequestOptions) => {
		const answer = (await helpers.request({
			method: options.method ?? 'GET',
			uri: `${options.baseURL ?? ''}${options.url}`,
			qs: options.qs,
			headers: options.headers,
			body: options.body,
			json: true,
			followRedirect: false,
			followAllRedirects: false,
			simple: false,
			resolveWithFullResponse: true,
			timeout: options.timeout ?? TEST_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
		const response: IN8nHttpFullResponse = { statusCode: answer.statusCode, headers: answer.headers, body: answer.body };
		return options.returnFullResponse ? response : response.body;
	};
}

function verdict(
	provider: ProviderDefinition,
	response: IN8nHttpFullResponse,
	request: CredentialTestRequest,
	fieldNames: CredentialFieldNames | undefined,
): INodeCredentialTestResult {
	const { statusCode } = response;
	if (statusCode >= 200 && statusCode < 300) return { status: 'OK', message: 'Connection successful!' };

	const urlField = fieldNames?.url ?? 'Base URL';
	if (statusCode >= 300 && statusCode < 400) {
		const location = response.headers?.location;
		return failed(
			`The ${urlField} answered with a redirect (${statusCode})${redirectTarget(location)}. The redirect was not followed, so nothing was sent there.`,
			`If that address is your ${provider.name} server, enter it in "${urlField}".`,
		);
	}

	const providerMessage = provider.readError(response.body, { method: 'GET', path: request.path }).message;
	const answered = `${provider.name} answered ${statusCode}${providerMessage ? `: ${providerMessage}` : ''}`;
	if (statusCode === 401) {
		return failed(`${provider.name} did not accept the credential (401)${providerMessage ? `: ${providerMessage}` : ''}`, `Check ${fieldNames?.checkOnRejection ?? 'the key in the credential'}.`);
	}
	if (statusCode === 403) {
		return failed(answered, `The credential was recognised but may not read this account: check ${fieldNames?.checkOnRejection ?? 'the key in the credential'} and its permissions.`);
	}
	if (statusCode === 404) {
		return failed(answered, `Check the "${urlField}": ${provider.name}'s API was not found there.`);
	}
	return failed(answered);
}

/** Only the origin: the path or query of a redirect could carry something private. */
function redirectTarget(location: unknown): string {
	if (typeof location !== 'string') return '';
	try {
		return ` to ${new URL(location).origin}`;
	} catch {
		return '';
	}
}

/** The request never got an answer, or the credential's sign-in failed. */
function unanswered(provider: ProviderDefinition, error: unknown, fieldNames: CredentialFieldNames | undefined): INodeCredentialTestResult {
	const signIn = signInFailureOf(error);
	if (signIn) {
		return failed(`${provider.name} sign-in failed${signIn.httpCode ? ` (${signIn.httpCode})` : ''}: ${signIn.message}`, signIn.description);
	}
	if (error instanceof UnsafeBaseUrlError) return failed(error.message, error.description);
	const code = connectionCodeOf(error);
	return failed(
		`${provider.name} could not be reached${code ? ` (${code})` : ''}`,
		neverReachedServer(code)
			? `Check the "${fieldNames?.url ?? 'Base URL'}": nothing answered there.`
			: 'The server did not answer the test request.',
	);
}

/** n8n's credential modal shows only the message, so what to do goes in it too. */
function failed(message: string, advice?: string): INodeCredentialTestResult {
	return { status: 'Error', message: advice ? `${message.replace(/\.$/, '')}. ${advice}` : message };
}
