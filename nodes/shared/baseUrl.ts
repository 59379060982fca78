import { NodeOperationError, type INode } from 'n8n-workflow';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Checks a base URL taken from a credential and returns it without a trailing slash.
 * Plain http would send the admin key in clear text, so it is refused unless the host is
 * this machine or the credential explicitly allows it.
 */
export function checkBaseUrl(node: INode, rawUrl: unknown, allowInsecureHttp = false): string {
	let url: URL;
	try {
		url = new URL(String(rawUrl ?? '').trim());
	} catch {
		throw new NodeOperationError(node, 'The base URL in the credential is not a valid URL', {
			description: 'Open the credential and enter a full URL such as https://api.example.com',
		});
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(node, `The base URL must use https, not ${url.protocol}`);
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
		throw new NodeOperationError(node, 'The base URL uses plain http, which would send your key unencrypted', {
			description:
				'Use an https URL, or turn on "Allow Insecure HTTP" in the credential if the server is on a trusted network.',
		});
	}
	return url.href.replace(/\/+$/, '');
}
