import type { INodeProperties } from 'n8n-workflow';

/**
 * One operation of the User resource as n8n's editor shows it. A node carries a list of them
 * (Create today; Find, Get, Update, Deactivate and Remove can join it), and the builder below
 * turns the list into the node's properties: the Resource and Operation selectors, then each
 * operation's own properties, shown only while it is selected.
 */
export interface OperationDescription {
	/** The Operation selector's value, e.g. "create": what `execute` dispatches on. */
	value: string;
	/** The Operation selector's label, e.g. "Create". */
	name: string;
	/** What the operation does, shown in n8n's action list, e.g. "Create a user". */
	action: string;
	/** What happens at the provider, under the option and in an agent's tool list (default: the action). */
	description?: string;
	/** Shown at the top of the node, above the selectors, while the operation is selected. */
	notices?: INodeProperties[];
	/** The operation's fields and options, in the order the editor shows them. */
	properties: INodeProperties[];
}

const USER_RESOURCE = 'user';

/** The node's properties for the User resource and the given operations; the first is the default. */
export function userResourceProperties(operations: OperationDescription[]): INodeProperties[] {
	if (operations.length === 0) throw new Error('The User resource needs at least one operation');
	const defaultOperation = operations[0].value;
	const shownFor = ({ value }: OperationDescription) => ({ resource: [USER_RESOURCE], operation: [value] });
	return [
		...operations.flatMap((operation) => (operation.notices ?? []).map((notice) => shownOnlyFor(notice, shownFor(operation)))),
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'User', value: USER_RESOURCE }],
			default: USER_RESOURCE,
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [USER_RESOURCE] } },
			options: operations.map(({ name, value, action, description }) => ({ name, value, action, description: description ?? action })),
			default: defaultOperation,
		},
		...operations.flatMap((operation) => operation.properties.map((property) => shownOnlyFor(property, shownFor(operation)))),
	];
}

/** The property with the operation's show-rule added to its own (its own rules on other fields stay). */
function shownOnlyFor(property: INodeProperties, show: Record<string, string[]>): INodeProperties {
	const { displayOptions } = property;
	return { ...property, displayOptions: { ...displayOptions, show: { ...show, ...displayOptions?.show } } };
}

/** An operation's fields followed by its Options collection, as n8n's own nodes end an operation. */
export function withOptionsCollection(fields: INodeProperties[], options: INodeProperties[]): INodeProperties[] {
	return [...fields, { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options }];
}
