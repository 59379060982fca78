import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
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

/** The base URL without a trailing slash, or why it must not be used. */
function checkedBaseUrl(rawUrl: unknown, allowInsecureHttp: boolean): string | UnsafeBaseUrlError {
	let url: URL;
	try {
		url = new URL(String(rawUrl ?? '').trim());
	} catch {
		return new UnsafeBaseUrlError(
			'The base URL in the credential is not a valid URL',
			'Open the credential and enter a full URL such as https://api.example.com',
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return new UnsafeBaseUrlError(`The base URL must use https, not ${url.protocol}`);
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
		return new UnsafeBaseUrlError(
			'The base URL uses plain http, which would send your key unencrypted',
			'Use an https URL, or turn on "Allow Insecure HTTP" in the credential if the server is on a trusted network.',
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
export function safeBaseUrl(rawUrl: unknown, allowInsecureHttp = false): string {
	const checked = checkedBaseUrl(rawUrl, allowInsecureHttp);
	if (checked instanceof UnsafeBaseUrlError) throw checked;
	return checked;
}

/** `safeBaseUrl` for a node: a refused URL becomes the node's error. */
export function checkBaseUrl(node: INode, rawUrl: unknown, allowInsecureHttp = false): string {
	const checked = checkedBaseUrl(rawUrl, allowInsecureHttp);
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
