import type { INodeProperties } from 'n8n-workflow';

import { z, type ZodRawShape } from './zod';

/**
 * An Update operation's changes, as n8n's own Update operations show them: one "Update Fields"
 * collection holding what may change, each field added only when it is to change, so what is
 * left out keeps its value at the provider.
 */
export const UPDATE_FIELDS = 'updateFields';

export function updateFieldsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Update Fields', name: UPDATE_FIELDS, type: 'collection', placeholder: 'Add Field', default: {}, options };
}

export const NOTHING_TO_CHANGE = 'needs at least one field to change';

/** The collection's schema: only the fields given, and at least one, checked before anything is sent. */
export function updateFieldsSchema<Shape extends ZodRawShape>(shape: Shape) {
	// An empty collection reaches the schema as nothing at all.
	return z.preprocess(
		(value) => value ?? {},
		z
			.object(shape)
			.strict()
			.refine((update) => Object.keys(update).length > 0, NOTHING_TO_CHANGE),
	);
}
