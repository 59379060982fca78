import { NodeHelpers, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { isPlainObject } from './plainObject';

/** n8n leaves unfilled optional fields as '' or [] (or null from expressions): all mean "not given". */
export function withoutEmptyValues(value: unknown): unknown {
	if (value === '' || value === null) return undefined;
	if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(withoutEmptyValues);
	if (isPlainObject(value)) {
		// fromEntries defines own properties, so a "__proto__" key stays a key the schema rejects.
		return Object.fromEntries(
			Object.entries(value)
				.map(([key, entry]) => [key, withoutEmptyValues(entry)] as const)
				.filter(([, entry]) => entry !== undefined),
		);
	}
	return value;
}

/**
 * The item's values of the fields n8n shows, as n8n decides it: `displayOptions` (show, hide and
 * `_cnd` conditions) evaluated by n8n-workflow on the node's parameters, as the editor does. A
 * field shown by a rule on an expression (NetBird's Email when Service User is `{{ … }}`) is read
 * for every item, and the item's schema decides what its values mean. Fields that share a name
 * (one per branch) are read once, from whichever branch is shown.
 */
export function readFields(context: IExecuteFunctions, itemIndex: number, fields: INodeProperties[]): IDataObject {
	const node = context.getNode();
	const values: IDataObject = {};
	for (const field of fields) {
		if (field.name in values || !NodeHelpers.displayParameter(node.parameters, field, node, null)) continue;
		// A resource locator holds { mode, value }: the item needs the value (an ID) alone.
		const extractValue = field.type === 'resourceLocator';
		const value = withoutEmptyValues(context.getNodeParameter(field.name, itemIndex, null, { extractValue }));
		if (value !== undefined) values[field.name] = value as IDataObject[string];
	}
	return values;
}

/** The item's Options collection, without the options left empty. */
export function readOptions(context: IExecuteFunctions, itemIndex: number): unknown {
	return withoutEmptyValues(context.getNodeParameter('options', itemIndex, {}));
}
