import type { INodeProperties } from 'n8n-workflow';

import { z } from './zod';

/** Field rules several providers share; provider-specific rules stay in the provider's folder. */

// RFC 5322's dot-atom local part: letters, digits and !#$%&'*+-/=?^_`{|}~, in dot-separated runs
// (so `a&b@…` and `first=last@…` are addresses). Quoted local parts ("john doe"@…) are left out:
// they are valid but rare, and providers' own checks differ on them.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
// A domain label: letters of any script (internationalised domains, RFC 5890), digits and inner
// hyphens, 1-63 characters.
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;

/** Whether a value reads as an address a mail server would take: local@host.tld. */
function isEmailAddress(value: string): boolean {
	const at = value.lastIndexOf('@');
	if (at <= 0) return false;
	const localPart = value.slice(0, at);
	const labels = value.slice(at + 1).split('.');
	// RFC 5321 caps the local part at 64 characters; a domain needs a name and a top-level part,
	// and a top-level domain is never all digits (that would be an IP address).
	return (
		localPart.length <= 64 &&
		LOCAL_PART.test(localPart) &&
		labels.length >= 2 &&
		labels.every((label) => DOMAIN_LABEL.test(label)) &&
		!/^\d+$/.test(labels[labels.length - 1])
	);
}

// RFC 5321 caps an address at 254 characters.
export const emailAddress = z
	.string()
	.trim()
	.max(254)
	.refine(isEmailAddress, 'must be a valid email address');

/**
 * A list of strings from a "multiple values" field, or one comma-separated string, which is
 * what an expression such as {{ $json.roles }} often gives.
 */
export const stringList = z.preprocess(
	(value) => (typeof value === 'string' ? value.split(',') : value),
	z.array(z.string().trim().min(1, 'must not be empty')),
);

/**
 * The values of a "multiple options" field, or one comma-separated string from an expression,
 * each one of `values`.
 */
export function optionList<Value extends string>(values: readonly [Value, ...Value[]]) {
	return z.preprocess(
		(value) => (typeof value === 'string' ? value.split(',').map((entry) => entry.trim()) : value),
		z.array(z.enum(values, { message: `must be one of ${values.join(', ')}` })),
	);
}

/** The Email field as a provider's form shows it, with the provider's own description. */
export function emailProperty(description: string, overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description,
		...overrides,
	};
}

/** A password the user sets for the new account: masked in the editor, never required by the form. */
export function passwordProperty(description: string, overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description,
		...overrides,
	};
}
