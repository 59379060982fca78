import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

/**
 * How a credential's form names the fields a message asks the user to look at, so that a
 * message says "Management URL" and "token" where the form says so.
 */
export interface CredentialFieldNames {
	/** The URL field's display name, e.g. "Management URL". */
	url: string;
	/** What the credential sends, in the form's words, e.g. "token", "API key". */
	secret: string;
	/** The fields to check when the provider rejects the credential, e.g. the "API Key" field. */
	checkOnRejection: string;
}

const GENERIC_FIELD_NAMES: CredentialFieldNames = {
	url: 'Base URL',
	secret: 'key',
	checkOnRejection: 'the key in the credential',
};

/**
 * Whether a URL's host is this machine. Works on the hostname as WHATWG's URL parser writes it,
 * which already turns 127.1, 2130706433 and [0:0:0:0:0:0:0:1] into 127.0.0.1 and [::1], and an
 * IPv4-mapped address such as [::ffff:127.0.0.1] into [::ffff:7f00:1] (hex, first group 7f00–7fff).
 * Nothing else counts: a name other than localhost could resolve anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
	return (
		hostname === 'localhost' ||
		hostname === '[::1]' ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
		/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(hostname)
	);
}

/** A base URL that must not be used, with what the user should change. */
export class UnsafeBaseUrlError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'UnsafeBaseUrlError';
	}
}

/**
 * The base URL without a trailing slash, or why it must not be used. The one check for a node's
 * requests, a credential's sign-in and a credential's Test, so all three accept the same URLs.
 */
export function baseUrlOrRefusal(
	rawUrl: unknown,
	allowInsecureHttp: boolean,
	fieldNames: CredentialFieldNames = GENERIC_FIELD_NAMES,
): string | UnsafeBaseUrlError {
	const { url: urlField, secret } = fieldNames;
	let url: URL;
	try {
		url = new URL(String(rawUrl ?? '').trim());
	} catch {
		return new UnsafeBaseUrlError(
			`The ${urlField} in the credential is not a valid URL`,
			`Open the credential and enter a full URL such as https://api.example.com in "${urlField}".`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return new UnsafeBaseUrlError(`The ${urlField} must use https, not ${url.protocol}`);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
		return new UnsafeBaseUrlError(
			`The ${urlField} uses plain http, which would send your ${secret} unencrypted. Nothing was sent.`,
			`Use an https URL in "${urlField}", or turn on "Allow Insecure HTTP" in the credential if the server is on a trusted network. Without it, plain http is allowed only to this machine (localhost, 127.x.x.x, [::1]).`,
		);
	}
	return url.href.replace(/\/+$/, '');
}

/**
 * Checks a base URL taken from a credential and returns it without a trailing slash.
 * Plain http would send the admin key in clear text, so it is refused unless the host is
 * this machine or the credential explicitly allows it. Usable where there is no node, such
 * as a credential's sign-in.
 */
export function requireSafeBaseUrl(rawUrl: unknown, allowInsecureHttp = false, fieldNames?: CredentialFieldNames): string {
	const checked = baseUrlOrRefusal(rawUrl, allowInsecureHttp, fieldNames);
	if (checked instanceof UnsafeBaseUrlError) throw checked;
	return checked;
}

/** `requireSafeBaseUrl` for a node: a refused URL becomes the node's error. */
export function requireSafeBaseUrlForNode(
	node: INode,
	rawUrl: unknown,
	allowInsecureHttp = false,
	fieldNames?: CredentialFieldNames,
): string {
	const checked = baseUrlOrRefusal(rawUrl, allowInsecureHttp, fieldNames);
	if (checked instanceof UnsafeBaseUrlError) {
		throw new NodeOperationError(node, checked.message, { description: checked.description });
	}
	return checked;
}

/**
 * The credential field the checks above read as `allowInsecureHttp`: every credential with a
 * configurable URL offers it, saying what would travel unencrypted.
 */
export function allowInsecureHttpProperty({
	exposes,
	urlName = 'base URL',
	displayOptions,
}: {
	/** What the credential sends, e.g. "The API key then travels". */
	exposes: string;
	urlName?: string;
	displayOptions?: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: 'Allow Insecure HTTP',
		name: 'allowInsecureHttp',
		type: 'boolean',
		default: false,
		...(displayOptions ? { displayOptions } : {}),
		description: `Whether to allow a plain http:// ${urlName} on a host other than this machine. ${exposes} unencrypted.`,
	};
}
