import type { IDataObject } from 'n8n-workflow';

import { emailAddress, emailProperty } from './fields';
import type { ProviderDefinition } from './provider';
import type { UserApiClient } from './userClient';
import { userLocatorProperty, userReferenceSchema, type UserLocatorSettings, type UserReference } from './userLocator';
import type { UserOperation } from './userOperation';
import { notFoundItem, type ItemContext } from './userOutcomes';
import { z } from './zod';

/**
 * The read-only operations that are the same for every provider but for how the user is looked
 * up: a provider gives its lookup and its own description, and the fields, schema and outcome
 * (not_found, or the item's error) are these.
 */

const findByEmailSchema = z.object({ email: emailAddress });

export interface FindByEmailSettings {
	provider: ProviderDefinition;
	/** The call made and how the email is compared, for people and agents. */
	description: string;
	/** The user with the email, or undefined; more than one is the lookup's error. */
	find(client: UserApiClient, email: string, item: ItemContext): Promise<IDataObject | undefined>;
	secretFields?: string[];
}

/** Find by Email: the user the provider has for the email, or an item with outcome not_found. */
export function findByEmailOperation({ provider, description, find, secretFields }: FindByEmailSettings): UserOperation<typeof findByEmailSchema> {
	return {
		provider,
		value: 'findByEmail',
		name: 'Find by Email',
		action: 'Find a user by email',
		description,
		fields: [emailProperty('The email address to look up')],
		schema: findByEmailSchema,
		secretFields,
		async run({ email }, client, item) {
			return (await find(client, email, item)) ?? notFoundItem(email);
		},
	};
}

export interface GetSettings {
	provider: ProviderDefinition;
	locator: UserLocatorSettings;
	action: string;
	description: string;
	/** The user the reference names; one the provider does not have is the item's error. */
	require(client: UserApiClient, user: UserReference, item: ItemContext): Promise<IDataObject>;
}

/** Get: the User locator, and the user it names. */
export function getOperation({ provider, locator, action, description, require }: GetSettings) {
	const schema = z.object({ user: userReferenceSchema(locator) });
	const operation: UserOperation<typeof schema> = {
		provider,
		value: 'get',
		name: 'Get',
		action,
		description,
		fields: [userLocatorProperty(locator)],
		schema,
		async run({ user }, client, item) {
			return await require(client, user, item);
		},
	};
	return operation;
}
