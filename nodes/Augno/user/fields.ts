import type { INodeProperties } from 'n8n-workflow';

import { z } from '../../shared/zod';

/** Dropdown options for enum values, named in Title Case ("order_acknowledgement" → "Order Acknowledgement"). */
export const asOptions = (values: readonly string[]) =>
	values.map((value) => ({
		name: value.replace(/_/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase()),
		value,
	}));

// Create and Update Account User: "3–255 characters; letters, numbers, underscores, and hyphens",
// checked here so a bad row never reaches Augno.
export const username = z
	.string()
	.trim()
	.min(3)
	.max(255)
	.regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, numbers, underscores and hyphens');

// The documented enum values of `preferences[].notification_type`, in alphabetical order; the
// dropdown and the schema share them.
const NOTIFICATION_TYPES = ['invoice', 'order_acknowledgement', 'purchase_order_submission'] as const;

/**
 * Notification Preferences, as Create and Update Account User take them:
 * `preferences: [{ notification_type, enabled }]`. Only Create offers them (see update.ts for
 * why Update does not); `description` says where they apply.
 */
export function notificationPreferencesProperty(description: string): INodeProperties {
	return {
		displayName: 'Notification Preferences',
		name: 'preferences',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Preference',
		default: {},
		description,
		options: [
			{
				displayName: 'Preference',
				name: 'preference',
				values: [
					{
						displayName: 'Notification Type',
						name: 'notificationType',
						type: 'options',
						options: asOptions(NOTIFICATION_TYPES),
						default: 'invoice',
					},
					{
						displayName: 'Enabled',
						name: 'enabled',
						type: 'boolean',
						default: true,
						description: 'Whether this notification type is enabled for the account user',
					},
				],
			},
		],
	};
}

/** The fixedCollection's value as n8n stores it: `{ preference: [{ notificationType, enabled }] }`. */
export const notificationPreferencesSchema = z
	.object({
		preference: z
			.array(z.object({ notificationType: z.enum(NOTIFICATION_TYPES), enabled: z.boolean() }).strict())
			.optional(),
	})
	.strict();

type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;

/** Augno's `preferences` body field, or undefined when no preference was added (nothing is sent then). */
export function notificationPreferencesBody(input: NotificationPreferencesInput | undefined) {
	const preferences = input?.preference ?? [];
	if (preferences.length === 0) return undefined;
	return preferences.map(({ notificationType, enabled }) => ({ notification_type: notificationType, enabled }));
}
