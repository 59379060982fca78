import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

import { z, type ZodIssue, type ZodTypeAny } from './zod';

/** Zod's defaults, in the words of a form: "is required" rather than "Required". */
const errorMap: z.ZodErrorMap = (issue, context) => {
	if (issue.code === 'invalid_type' && issue.received === 'undefined') return { message: 'is required' };
	if (issue.code === 'invalid_type') return { message: `must be a ${issue.expected}, not a ${issue.received}` };
	return { message: context.defaultError };
};

type PropertyOption = NonNullable<INodeProperties['options']>[number];

/** The name a user sees for a field path such as ['billingDetails', 'postalCode']. */
export function fieldLabel(path: ReadonlyArray<string | number>, properties: INodeProperties[]): string {
	const labels: string[] = [];
	let level: ReadonlyArray<INodeProperties | PropertyOption> = properties;
	for (const segment of path) {
		if (typeof segment === 'number') {
			labels.push(`#${segment + 1}`);
			continue;
		}
		const match = level.find((entry) => entry.name === segment);
		labels.push(match && 'displayName' in match ? match.displayName : String(segment));
		level = childrenOf(match);
	}
	return labels.join(' → ') || 'Input';
}

function childrenOf(entry: INodeProperties | PropertyOption | undefined): Array<INodeProperties | PropertyOption> {
	if (!entry) return [];
	if ('values' in entry && Array.isArray(entry.values)) return entry.values;
	if ('options' in entry && Array.isArray(entry.options)) return entry.options;
	return [];
}

function describeIssue(issue: ZodIssue, properties: INodeProperties[]): string {
	return `${fieldLabel(issue.path, properties)}: ${issue.message}`;
}

/**
 * Checks one item's resolved fields against the provider's documented rules. All failing
 * fields are reported at once, in one error that names the item, so a user fixes a row
 * in one go rather than one field per run.
 */
export function validateItem<Schema extends ZodTypeAny>(
	node: INode,
	schema: Schema,
	input: unknown,
	itemIndex: number,
	properties: INodeProperties[],
): z.infer<Schema> {
	const result = schema.safeParse(input, { errorMap });
	if (result.success) return result.data;

	const issues = result.error.issues;
	const fields = [...new Set(issues.map((issue) => fieldLabel(issue.path, properties)))];
	const error = new NodeOperationError(
		node,
		`Item ${itemIndex} is invalid: ${issues.map((issue) => describeIssue(issue, properties)).join('; ')}`,
		{
			itemIndex,
			description: `Nothing was sent for this item. Fix ${fields.join(', ')} and run it again.`,
		},
	);
	error.context.fields = issues.map((issue) => issue.path.join('.'));
	error.context.outcome = 'not_created';
	throw error;
}
