import type { INodeProperties } from 'n8n-workflow';

import { optionList, stringList } from '../../shared/fields';
import { userEmailSchema, userLocatorProperty } from '../../shared/userLocator';
import { updateFieldsProperty, updateFieldsSchema } from '../../shared/updateFields';
import type { UserOperation } from '../../shared/userOperation';
import { z } from '../../shared/zod';
import { pulseCrmProvider } from '../api';
import { accountIdText } from './accounts';
import { pulseUserLocator, updateUser, USER_SECRET_FIELDS } from './users';

const locator = pulseUserLocator('The user to update');

// The NotificationPreference schema of PATCH /users/{email}: `event` (required), `accountId`
// ("if not provided this preference will be used as a default rule for all accounts") and
// `deliveryPref`, any of these five. The docs do not say whether the list replaces the user's
// preferences or is merged into them, so it is sent as given.
// https://44.docs.dev.pulsecrm.com/api-reference/patch-users-x-email-x.html
const DELIVERY_PREFERENCES = ['website', 'weekly_email_digest', 'monthly_email_digest', 'email', 'sms'] as const;
const DELIVERY_NAMES: Record<(typeof DELIVERY_PREFERENCES)[number], string> = {
	website: 'Website',
	weekly_email_digest: 'Weekly Email Digest',
	monthly_email_digest: 'Monthly Email Digest',
	email: 'Email',
	sms: 'SMS',
};

const notificationPreferencesProperty: INodeProperties = {
	displayName: 'Notification Preferences',
	name: 'notificationPreferences',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Preference',
	default: {},
	description:
		"How the user is notified of each event. Sent as given: Pulse CRM's docs do not say whether the list replaces the user's preferences or adds to them.",
	options: [
		{
			displayName: 'Preference',
			name: 'preference',
			values: [
				{
					displayName: 'Event',
					name: 'event',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'lead_assigned',
					description: "The event's name in Pulse CRM (its PulseEvents list), e.g. user_updated or lead_assigned",
				},
				{
					displayName: 'Account ID',
					name: 'accountId',
					type: 'string',
					default: '',
					placeholder: '2311',
					description: 'The account this preference is for. Empty: it is the default rule for all accounts.',
				},
				{
					displayName: 'Delivery',
					name: 'deliveryPref',
					type: 'multiOptions',
					options: DELIVERY_PREFERENCES.map((value) => ({ name: DELIVERY_NAMES[value], value })),
					default: [],
					description: 'How the user is notified of this event; none selected is sent as an empty list',
				},
			],
		},
	],
};

const notificationPreference = z
	.object({
		event: z.string().trim().min(1, 'is required'),
		accountId: accountIdText.optional(),
		// An empty Delivery reaches the schema as nothing at all.
		deliveryPref: optionList(DELIVERY_PREFERENCES).default([]),
	})
	.strict()
	.transform(({ accountId, ...preference }) => (accountId ? { ...preference, accountId } : preference));

/** The fixed collection's `{ preference: [...] }`, as the documented array. */
const notificationPreferences = z
	.object({ preference: z.array(notificationPreference).min(1, 'needs at least one preference') })
	.strict()
	.transform(({ preference }) => preference);

// PATCH /users/{email}: the documented body fields besides `active` (Deactivate and Reactivate
// set that one).
const fields: INodeProperties[] = [
	userLocatorProperty(locator),
	updateFieldsProperty([
		{ displayName: 'Image URL', name: 'imgSrc', type: 'string', default: '', description: "URL of the user's profile image" },
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Full name of the user' },
		notificationPreferencesProperty,
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: "The user's phone number" },
		{
			displayName: 'Roles',
			name: 'roles',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			placeholder: 'Manager',
			description: 'Role names, e.g. Admin, Manager. They replace the roles the user has.',
		},
		{ displayName: 'Team ID', name: 'teamId', type: 'number', default: 0, description: 'ID of the team the user belongs to' },
	]),
];

const schema = z.object({
	user: userEmailSchema(locator),
	updateFields: updateFieldsSchema({
		imgSrc: z.string().trim().url().optional(),
		name: z.string().trim().optional(),
		notificationPreferences: notificationPreferences.optional(),
		phone: z.string().trim().optional(),
		roles: stringList.optional(),
		teamId: z.number().int().min(0).optional(),
	}),
});

export const updateUserOperation: UserOperation<typeof schema> = {
	provider: pulseCrmProvider,
	value: 'update',
	name: 'Update',
	action: 'Update a user',
	description:
		"Changes the user's name, phone, image, team, roles or notification preferences (PATCH /users/{email}); fields left out stay as they are. Outputs the updated user.",
	fields,
	schema,
	done: 'updated',
	secretFields: USER_SECRET_FIELDS,
	async run({ user: email, updateFields }, client, item) {
		return await updateUser(client, email, updateFields, item);
	},
};
