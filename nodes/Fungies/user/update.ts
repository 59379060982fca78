import type { INodeProperties } from 'n8n-workflow';

import { emailAddress, passwordProperty } from '../../shared/fields';
import { userLocatorProperty, userReferenceSchema } from '../../shared/userLocator';
import { NOTHING_TO_CHANGE, UPDATE_FIELDS, updateFieldsProperty } from '../../shared/updateFields';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { fungiesProvider } from '../api';
import { billingDetails, billingDetailsProperty, leftOutIfEmpty, password, paymentData, paymentDataProperty, text } from './create';
import { fungiesUserLocator, userOfResponse, userPath } from './users';

const locator = fungiesUserLocator('The user to update');

// PATCH /v0/users/{userId}/update, "Update an existing User's data and billing details": every
// field optional, the same rules as create. https://docs.fungies.io/api-reference/users/update-user-details
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	passwordProperty("A new password for the user's login to the store. Must be between 8 and 72 characters long and contain at least one special character, one number and one uppercase letter. Leave empty to keep the current one."),
	updateFieldsProperty([
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'A new email; it must be unique across all users' },
		{ displayName: 'Internal ID', name: 'internalId', type: 'string', default: '', description: 'Your own identifier for the user, sent in webhook notifications' },
		{ displayName: 'Username', name: 'username', type: 'string', default: '' },
	]),
	{ ...billingDetailsProperty, description: `${billingDetailsProperty.description} Only the details given are sent.` },
	paymentDataProperty,
];

const schema = z
	.object({
		user: userReferenceSchema(locator),
		password: password.optional(),
		updateFields: z.object({ email: emailAddress.optional(), internalId: text.optional(), username: text.optional() }).strict().default({}),
		billingDetails: leftOutIfEmpty(billingDetails),
		paymentData: leftOutIfEmpty(paymentData),
	})
	.refine(
		({ password: newPassword, updateFields, billingDetails: billing, paymentData: payment }) =>
			newPassword !== undefined || Object.keys(updateFields).length > 0 || billing !== undefined || payment !== undefined,
		{ message: NOTHING_TO_CHANGE, path: [UPDATE_FIELDS] },
	);

export const updateUserOperation: UserOperation<typeof schema> = {
	provider: fungiesProvider,
	value: 'update',
	name: 'Update',
	action: "Update a user's details",
	description:
		"Changes the user's email, password, username, internal ID, billing details or payment customer IDs (PATCH /v0/users/{userId}/update); what is left out stays as it is. Sent once: Fungies does not document it as idempotent. Outputs the updated user, never the password.",
	fields,
	schema,
	done: 'updated',
	secretFields: ['password'],
	async run({ user, password: newPassword, updateFields, billingDetails: billing, paymentData: payment }, client) {
		const id = user.by === 'id' ? user.id : '';
		const body = {
			...updateFields,
			...(newPassword === undefined ? {} : { password: newPassword }),
			...(billing === undefined ? {} : { billingDetails: billing }),
			...(payment === undefined ? {} : { paymentData: payment }),
		};
		return userOfResponse((await client.change({ method: 'PATCH', path: `${userPath(id)}/update`, body })).body);
	},
};
