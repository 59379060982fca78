import type { INodeProperties } from 'n8n-workflow';

import { z } from './zod';

/** Field rules several providers share; provider-specific rules stay in the provider's folder. */

// RFC 5321 caps an address at 254 characters.
export const emailAddress = z.string().trim().max(254).email('must be a valid email address');

/**
 * A list of strings from a "multiple values" field, or one comma-separated string, which is
 * what an expression such as {{ $json.roles }} often gives.
 */
export const stringList = z.preprocess(
	(value) => (typeof value === 'string' ? value.split(',') : value),
	z.array(z.string().trim().min(1, 'must not be empty')),
);

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
export function passwordProperty(description: string): INodeProperties {
	return {
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description,
	};
}
