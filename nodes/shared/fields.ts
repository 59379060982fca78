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
