import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { isPlainObject } from './plainObject';

/** Names of the operation's password fields, at any depth: what must never be shown, logged or hashed. */
export function secretFieldNames(fields: INodeProperties[]): Set<string> {
	const names = new Set<string>();
	const visit = (entries: ReadonlyArray<unknown>) => {
		for (const entry of entries) {
			if (!isPlainObject(entry)) continue;
			const property = entry as Partial<INodeProperties> & { values?: unknown[] };
			if (property.typeOptions?.password === true && property.name) names.add(property.name);
			if (Array.isArray(property.options)) visit(property.options);
			if (Array.isArray(property.values)) visit(property.values);
		}
	};
	visit(fields);
	return names;
}

/**
 * n8n attaches the node, with its parameters, to an error that stops the run, then logs and
 * stores it. A value typed into a password field of the node (not an expression) is hidden there.
 */
export function withSecretParametersHidden(error: unknown, fields: INodeProperties[]): unknown {
	const secretNames = secretFieldNames(fields);
	const node = isPlainObject(error) ? error.node : undefined;
	if (secretNames.size === 0 || !isPlainObject(error) || !isPlainObject(node) || !isPlainObject(node.parameters)) return error;
	const hidden: IDataObject = { ...node.parameters };
	for (const name of secretNames) {
		const value = hidden[name];
		if (typeof value === 'string' && value !== '' && !value.startsWith('=')) hidden[name] = '(hidden)';
	}
	error.node = { ...node, parameters: hidden };
	return error;
}
