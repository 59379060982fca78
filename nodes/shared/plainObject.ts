import type { IDataObject } from 'n8n-workflow';

/** Whether a parsed JSON value is an object with keys (not null, not an array). */
export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value as an object to read fields from, or an empty one: a provider's body or envelope
 * can be anything, and a missing or odd part reads as "says nothing" rather than failing.
 */
export function fieldsOf(value: unknown): IDataObject {
	return isPlainObject(value) ? value : {};
}
