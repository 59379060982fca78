import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { emailAddress, emailProperty, passwordProperty } from '../../shared/fields';
import type { CreateUserOperation } from '../../shared/createUser';
import { fieldsOf, isPlainObject } from '../../shared/plainObject';
import { z, type ZodTypeAny } from '../../shared/zod';
import { fungiesProvider } from '../api';
import { COUNTRIES, TAX_ID_TYPES } from './billingOptions';

// Country and Tax ID start empty: a default would be sent as the user's country or tax ID (and
// a country can demand a postal code) without anyone having chosen it.
const NOT_SET = { name: 'Not Set', value: '', description: 'Nothing is sent' };

// https://docs.fungies.io/api-reference/users/create-a-new-user-account
const billingDetailFields: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '' },
	{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		description: 'Required when the type is Company. Appears on generated invoices.',
	},
	{
		displayName: 'Country',
		name: 'countryCode',
		type: 'options',
		options: [NOT_SET, ...COUNTRIES],
		default: '',
		description: 'ISO 3166-1 alpha-2 country code (e.g. "US", "GB"). Required for payments.',
	},
	{
		displayName: 'Dial Code',
		name: 'dialCode',
		type: 'string',
		default: '',
		placeholder: '+48',
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
	{
		displayName: 'Postal Code',
		name: 'postalCode',
		type: 'string',
		default: '',
		description: 'Required for specific countries (US, CA, UA, IN)',
	},
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{
		displayName: 'Tax ID',
		name: 'taxId',
		type: 'options',
		options: [NOT_SET, ...TAX_ID_TYPES],
		default: '',
		description: 'The kind of tax number. Required when the type is Company.',
	},
	{
		displayName: 'Tax Number',
		name: 'taxNumber',
		type: 'string',
		default: '',
		placeholder: 'PL1234567890',
		description: 'Required when the type is Company. Appears on generated invoices.',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [{ name: 'Company', value: 'company' }, { name: 'Individual', value: 'individual' }],
		default: 'individual',
		description: 'For company accounts choose Company and provide the company name, tax ID and tax number',
	},
];

export const billingDetailsProperty: INodeProperties = {
	displayName: 'Billing Details',
	name: 'billingDetails',
	type: 'collection',
	placeholder: 'Add Billing Detail',
	default: {},
	description:
		'Billing information used for payments and invoices. Country is required for payments, and postal code too for US, CA, UA and IN.',
	options: billingDetailFields,
};

export const paymentDataProperty: INodeProperties = {
	displayName: 'Payment Data',
	name: 'paymentData',
	type: 'collection',
	placeholder: 'Add Customer ID',
	default: {},
	description:
		'Pre-existing payment provider (Stripe/PayPal) customer IDs. Only provide these when migrating users from another system or linking existing Stripe/PayPal customers; this is typically handled automatically during the first payment.',
	options: [
		{ displayName: 'PayPal Customer ID', name: 'paypalCustomerId', type: 'string', default: '', placeholder: 'KCE4828GQ37LL' },
		{ displayName: 'Stripe Customer ID', name: 'stripeCustomerId', type: 'string', default: '', placeholder: 'cus_QzHuLRwfKfp2WX' },
	],
};

const fields: INodeProperties[] = [
	emailProperty('Email of the user. Must be unique across all users.'),
	passwordProperty(
		'User password used for logging in to the Store application. Must be between 8 and 72 characters long and contain at least one special character, one number and one uppercase letter.',
	),
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		description: 'Username of the user',
	},
	{
		displayName: 'Internal ID',
		name: 'internalId',
		type: 'string',
		default: '',
		description:
			'A custom identifier for external system integration. It links users with external systems and is included in all webhook notifications.',
	},
	billingDetailsProperty,
	paymentDataProperty,
];

export const text = z.string().trim().min(1, 'must not be empty');

/** One of a documented list of values; the message names the bad value instead of listing hundreds. */
function oneOf<Value extends string>(options: ReadonlyArray<{ value: Value }>, what: string) {
	const values = options.map((option) => option.value) as [Value, ...Value[]];
	return z.string().pipe(
		z.enum(values, { errorMap: (_issue, context) => ({ message: `"${String(context.data)}" is not ${what} Fungies accepts` }) }),
	);
}

const countryCode = z.preprocess(
	// Country codes are often typed or mapped in lower case; Fungies' list is upper case.
	(value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
	oneOf(COUNTRIES, 'a country code'),
);

// "Password must contain at least one special character, one number and one uppercase letter.
// Password must be between 8 and 72 characters long." The special characters are the page's pattern.
export const password = z
	.string()
	.min(8, 'must be at least 8 characters long')
	.max(72, 'must be at most 72 characters long')
	.regex(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/, 'must contain at least one special character')
	.regex(/[0-9]/, 'must contain at least one number')
	.regex(/[A-Z]/, 'must contain at least one uppercase letter');

// "postalCode: Required for specific countries (US, CA, UA, IN)"
const POSTAL_CODE_COUNTRIES = new Set(['US', 'CA', 'UA', 'IN']);
// "For company accounts, set type to "company" and provide companyName, taxId and taxNumber."
const COMPANY_FIELDS = ['companyName', 'taxId', 'taxNumber'] as const;

export const billingDetails = z
	.object({
		type: z.enum(['individual', 'company']).optional(),
		countryCode: countryCode.optional(),
		firstName: text.optional(),
		lastName: text.optional(),
		companyName: text.optional(),
		dialCode: text.optional(),
		phoneNumber: text.optional(),
		address: text.optional(),
		addressLine2: text.optional(),
		city: text.optional(),
		postalCode: text.optional(),
		state: text.optional(),
		taxId: oneOf(TAX_ID_TYPES, 'a tax ID type').optional(),
		taxNumber: text.optional(),
	})
	.strict()
	.superRefine((details, context) => {
		if (details.countryCode && POSTAL_CODE_COUNTRIES.has(details.countryCode) && !details.postalCode) {
			const country = COUNTRIES.find((option) => option.value === details.countryCode)?.name;
			context.addIssue({ code: 'custom', path: ['postalCode'], message: `is required for ${country}` });
		}
		if (details.type !== 'company') return;
		for (const field of COMPANY_FIELDS) {
			if (!details[field]) context.addIssue({ code: 'custom', path: [field], message: 'is required for a company' });
		}
	});

export const paymentData = z.object({ stripeCustomerId: text.optional(), paypalCustomerId: text.optional() }).strict();

/** An empty collection (the user opened it but set nothing) is not sent. */
export const leftOutIfEmpty = <Schema extends ZodTypeAny>(schema: Schema) =>
	schema.optional().transform((value: z.infer<Schema> | undefined) =>
		value !== undefined && Object.keys(value as object).length > 0 ? value : undefined,
	);

const schema = z.object({
	email: emailAddress,
	password: password.optional(),
	username: text.optional(),
	internalId: text.optional(),
	billingDetails: leftOutIfEmpty(billingDetails),
	paymentData: leftOutIfEmpty(paymentData),
});

/** The created user from `{ status: "success", data: { user } }`. */
function createdUser(body: unknown): IDataObject {
	const created = fieldsOf(fieldsOf(body).data).user;
	if (!isPlainObject(created)) return { response: body as IDataObject[string] };
	// Fungies documents that the password is never returned; should it ever be, it stays out.
	return Object.fromEntries(Object.entries(created).filter(([key]) => key !== 'password'));
}

export const createUserOperation: CreateUserOperation<typeof schema> = {
	provider: fungiesProvider,
	action: 'Create a user',
	fields,
	schema,
	toRequest: (input) => ({ method: 'POST', path: '/v0/users/create', body: input }),
	toOutput: createdUser,
};
