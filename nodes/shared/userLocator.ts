import type { INodeProperties } from 'n8n-workflow';

import { emailAddress } from './fields';
import { z } from './zod';

/** How an operation names the user it acts on: by email or by the provider's own ID. */
export type UserReference = { by: 'email'; email: string } | { by: 'id'; id: string };

export interface UserLocatorSettings {
	/** The provider's name, for descriptions. */
	providerName: string;
	/** Offered where the provider addresses or can look up users by email. */
	byEmail: boolean;
	/** Offered where the provider has an ID for one user; the placeholder is an ID of its shape. */
	byId?: { placeholder: string };
	/**
	 * "From List", where the provider has a list to search: the node's `listSearch` method, and
	 * what a chosen entry's value is (the provider's list gives emails or IDs).
	 */
	fromList?: { searchListMethod: string; yields: UserReference['by'] };
	/** What the operation does to the user, said in the field ("The user to deactivate"). */
	purpose: string;
}

/** The name of the user locator on every operation that acts on one user. */
export const USER_LOCATOR = 'user';

/** Loose on purpose: the exact rules are checked per item, where the error names the item. */
const EMAIL_LOOKS_LIKE = '^\\s*[^\\s@]+@[^\\s@]+\\s*$';

/**
 * The User field of an operation that acts on one user, as n8n's UX guidelines ask: a resource
 * locator with From List (search) where the provider has a list, By Email where it finds users
 * by email, and By ID where it has an ID. An expression or an agent's `$fromAI()` fills any mode.
 */
export function userLocatorProperty(settings: UserLocatorSettings): INodeProperties {
	const offered = new Set([settings.fromList && 'list', settings.byEmail && 'email', settings.byId && 'id']);
	const first = ['list', 'email', 'id'].find((mode) => offered.has(mode)) ?? 'id';
	return {
		displayName: 'User',
		name: USER_LOCATOR,
		type: 'resourceLocator',
		default: { mode: first, value: '' },
		required: true,
		description: `${settings.purpose} at ${settings.providerName}`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list' as const,
				placeholder: 'Select a user...',
				typeOptions: { searchListMethod: settings.fromList?.searchListMethod ?? '', searchable: true },
			},
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string' as const,
				placeholder: 'name@email.com',
				validation: [{ type: 'regex' as const, properties: { regex: EMAIL_LOOKS_LIKE, errorMessage: 'Not a valid email address' } }],
			},
			{ displayName: 'By ID', name: 'id', type: 'string' as const, placeholder: settings.byId?.placeholder ?? '' },
		].filter((mode) => offered.has(mode.name)),
	};
}

/** The locator's value from an item, as n8n stores it: `{ __rl, mode, value }`. */
const locatorValue = z.object({
	mode: z.string(),
	value: z.union([z.string(), z.number()], { errorMap: () => ({ message: 'is required' }) }).transform((value) => String(value).trim()),
});

/** The zod schema of the locator for these settings: `{ mode, value }` in, a {@link UserReference} out. */
export function userReferenceSchema(settings: UserLocatorSettings) {
	return locatorValue.transform((locator, context): UserReference => {
		const by = locator.mode === 'list' ? (settings.fromList?.yields ?? 'id') : locator.mode;
		if (locator.value === '') {
			context.addIssue({ code: 'custom', message: 'is required' });
			return z.NEVER;
		}
		if (by === 'email' && (settings.byEmail || settings.fromList?.yields === 'email')) {
			const email = emailAddress.safeParse(locator.value);
			if (email.success) return { by: 'email', email: email.data };
			context.addIssue({ code: 'custom', message: `${email.error.issues[0]?.message ?? 'must be a valid email address'}` });
			return z.NEVER;
		}
		if (by === 'id' && (settings.byId || settings.fromList?.yields === 'id')) return { by: 'id', id: locator.value };
		context.addIssue({ code: 'custom', message: `cannot be chosen "${locator.mode}" here` });
		return z.NEVER;
	});
}

/** The user as a message names it: "ada@example.com" or "ID acus_01…". */
export function describeUser(user: UserReference): string {
	return user.by === 'email' ? user.email : `ID ${user.id}`;
}

/** For a provider that addresses users by email only (its list yields emails too): the email. */
export function userEmailSchema(settings: UserLocatorSettings) {
	return userReferenceSchema(settings).transform((user, context) => {
		if (user.by === 'email') return user.email;
		context.addIssue({ code: 'custom', message: 'must be an email address' });
		return z.NEVER;
	});
}

/**
 * An optional resource locator other than the user (a role, a department), read as n8n stores
 * it: its value, or undefined when left empty.
 */
export const optionalLocatorValue = z.preprocess(
	(value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { value?: unknown }).value : value),
	z.string().trim().min(1, 'must not be empty').optional(),
);
