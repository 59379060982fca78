import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

import type { UserApiClient } from '../../shared/userClient';
import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import { updateFieldsProperty, updateFieldsSchema } from '../../shared/updateFields';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { flexpriceProvider } from '../api';
import { FLEXPRICE_DEFAULT_ROLE, rolesDescription, rolesFor, USER_ROLES, userRoleOptions } from './roles';
import { describeFlexpriceAccount, flexpriceUserLocator, requireFlexpriceAccount, type FlexpriceAccount } from './users';

const locator = flexpriceUserLocator('The user or service account to update');

// What Flexprice lets an API key change on another account: a user's roles (PUT
// /users/{id}/roles, user accounts only) and a service account's name (PUT /users/{id}, service
// accounts only). A user's email and name, and a service account's roles, cannot be changed.
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	updateFieldsProperty([
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: "The service account's new name. Flexprice renames service accounts only.",
		},
		{
			displayName: 'Roles',
			name: 'roles',
			type: 'multiOptions',
			options: userRoleOptions,
			default: [],
			description: `${rolesDescription('user')} They replace the user's roles. Flexprice changes the roles of users only, refuses while the user holds an active API key, and never lets a key change its own roles.`,
		},
	]),
];

// The same roles and rules as Create, with no "Flexprice's default": the update names every role
// the user ends up with, so they get no more rights than asked.
const userRoles = rolesFor([...USER_ROLES], 'user', 'must name at least one role').superRefine((roles, context) => {
	if (roles.includes(FLEXPRICE_DEFAULT_ROLE)) {
		context.addIssue({ code: 'custom', message: `"${FLEXPRICE_DEFAULT_ROLE}" is only for Create: name the roles the user should have` });
	}
});

const schema = z.object({
	user: userReferenceSchema(locator),
	updateFields: updateFieldsSchema({ name: z.string().trim().min(1, 'must not be empty').optional(), roles: userRoles.optional() }).refine(
		(update) => !(update.name && update.roles),
		'takes Roles (for a user) or Name (for a service account), not both',
	),
});

type UpdateFields = z.infer<typeof schema>['updateFields'];

/** The field the item gives that this kind of account cannot have changed, as an error; nothing is sent. */
function mismatch(node: INode, itemIndex: number, account: FlexpriceAccount, message: string): NodeOperationError {
	const error = new NodeOperationError(node, `${describeFlexpriceAccount(account)}: ${message}`, {
		itemIndex,
		description: 'Nothing was changed at the provider.',
	});
	error.context.outcome = 'not_changed';
	return error;
}

/**
 * Both calls are PUTs that set the field to the value given (RFC 9110, 9.2.2: idempotent), so the
 * same call sent again after a lost answer leaves the account as the first one did.
 */
async function applyUpdate(client: UserApiClient, account: FlexpriceAccount, update: UpdateFields, node: INode) {
	const { itemIndex } = client;
	const path = `/users/${encodeURIComponent(account.id)}`;
	if (account.type === 'user') {
		if (!update.roles) throw mismatch(node, itemIndex, account, "Flexprice's API cannot rename a user or change their email: give Roles");
		return (await client.change({ method: 'PUT', path: `${path}/roles`, body: { roles: update.roles } }, 'documentedIdempotent')).body;
	}
	if (!update.name) throw mismatch(node, itemIndex, account, "Flexprice fixes a service account's roles when it is created: give Name");
	return (await client.change({ method: 'PUT', path, body: { name: update.name } }, 'documentedIdempotent')).body;
}

export const updateUserOperation: UserOperation<typeof schema> = {
	provider: flexpriceProvider,
	value: 'update',
	name: 'Update',
	action: "Update a user's roles or a service account's name",
	description:
		"Replaces a user's roles (PUT /users/{ID}/roles) or renames a service account (PUT /users/{ID}); the account is read first to tell which. Flexprice refuses a role change while the user holds an active API key, and cannot change an email, a user's name or a service account's roles. Outputs the updated account.",
	fields,
	schema,
	done: 'updated',
	async run({ user, updateFields }, client, item) {
		const account = await requireFlexpriceAccount(client, user, item);
		return (await applyUpdate(client, account, updateFields, item.node)) as FlexpriceAccount;
	},
};
