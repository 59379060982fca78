import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { leakedSecrets } from '../harness/assertions';
import { loadPack, runWorkflow, testCredential, type WorkflowRun } from '../harness/engine';
import { createUsersWorkflow } from '../harness/workflow';
import { createUserOperation } from '../../nodes/Fungies/user/create';
import { FUNGIES_PUBLIC_KEY, FUNGIES_SECRET_KEY, fungiesSandbox, type FungiesSandbox } from '../sandbox/fungies';

let sandbox: FungiesSandbox;

beforeAll(async () => {
	sandbox = await fungiesSandbox().start();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	sandbox.users.length = 0;
});

const CREATE = 'POST /v0/users/create';
const PASSWORD = 'Str0ng!Passw0rd';

const credentials = (overrides: IDataObject = {}) => ({
	fungiesApi: { publicKey: FUNGIES_PUBLIC_KEY, secretKey: FUNGIES_SECRET_KEY, baseUrl: sandbox.url, ...overrides },
});

const BILLING_FIELDS = [
	'type', 'countryCode', 'firstName', 'lastName', 'companyName', 'dialCode', 'phoneNumber',
	'address', 'addressLine2', 'city', 'postalCode', 'state', 'taxId', 'taxNumber',
];

/** Every field mapped from the item, as a user maps a spreadsheet row: one expression per field. */
const fromItem: INodeParameters = {
	email: '={{ $json.email }}',
	password: '={{ $json.password }}',
	username: '={{ $json.username }}',
	internalId: '={{ $json.internalId }}',
	billingDetails: Object.fromEntries(BILLING_FIELDS.map((name) => [name, `={{ $json.billingDetails?.${name} }}`])),
	paymentData: {
		stripeCustomerId: '={{ $json.paymentData?.stripeCustomerId }}',
		paypalCustomerId: '={{ $json.paymentData?.paypalCustomerId }}',
	},
};

/**
 * The run as the Fungies node shows it: the Items node outputs its own input (which may hold a
 * password), so only the Create User node's data, the run's error and the logs are checked.
 */
function fungiesNodeOnly(result: WorkflowRun): WorkflowRun {
	const { runData } = result.run.data.resultData;
	const resultData = { ...result.run.data.resultData, runData: { 'Create User': runData['Create User'] ?? [] } };
	return { ...result, run: { ...result.run, data: { ...result.run.data, resultData } } };
}

async function createUsers(
	items: IDataObject[],
	parameters: INodeParameters = fromItem,
	{ continueOnFail = false, credentialOverrides = {} }: { continueOnFail?: boolean; credentialOverrides?: IDataObject } = {},
) {
	const result = await runWorkflow(
		createUsersWorkflow(items, { type: 'fungies', credentialType: 'fungiesApi', parameters, continueOnFail }),
		credentials(credentialOverrides),
	);
	return { ...result, created: result.output('Create User').map((item) => item.json) };
}

const companyBilling = {
	type: 'company',
	companyName: 'Acme Sp. z o.o.',
	taxId: 'eu_vat_poland',
	taxNumber: 'PL1234567890',
	countryCode: 'PL',
	firstName: 'Jan',
	lastName: 'Kowalski',
	dialCode: '+48',
	phoneNumber: '123456789',
	address: 'ul. Marszałkowska 1',
	addressLine2: 'lok. 10',
	city: 'Warsaw',
	postalCode: '00-001',
	state: 'Mazowieckie',
};

describe('Fungies → User → Create', () => {
	test('creates a user from an email alone and outputs the user, not the envelope', async () => {
		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect(created).toEqual([
			{ object: 'user', id: sandbox.users[0].id, email: 'ada@example.com', username: null, details: null, internalId: null },
		]);
		expect(sandbox.received(CREATE).map((r) => r.body)).toEqual([{ email: 'ada@example.com' }]);
	});

	test('sends every documented field: password, username, internal ID, company billing details and payment data', async () => {
		const paymentData = { stripeCustomerId: 'cus_QzHuLRwfKfp2WX', paypalCustomerId: 'KCE4828GQ37LL' };
		const { created, error } = await createUsers([
			{
				email: 'jan@example.com',
				password: PASSWORD,
				username: 'jan-k',
				internalId: 'crm-42',
				billingDetails: companyBilling,
				paymentData,
			},
		]);

		expect(error).toBeUndefined();
		expect(sandbox.received(CREATE)[0].body).toEqual({
			email: 'jan@example.com',
			password: PASSWORD,
			username: 'jan-k',
			internalId: 'crm-42',
			billingDetails: companyBilling,
			paymentData,
		});
		expect(created[0]).toMatchObject({ username: 'jan-k', internalId: 'crm-42', details: companyBilling });
	});

	test('fills the billing details and payment data from the node fields, with the country from the dropdown', async () => {
		const { error } = await createUsers([{}], {
			email: 'ivy@example.com',
			billingDetails: { type: 'individual', countryCode: 'US', postalCode: '94101', state: 'CA', city: 'San Francisco' },
			paymentData: { stripeCustomerId: 'cus_123' },
		});

		expect(error).toBeUndefined();
		expect(sandbox.received(CREATE)[0].body).toEqual({
			email: 'ivy@example.com',
			billingDetails: { type: 'individual', countryCode: 'US', postalCode: '94101', state: 'CA', city: 'San Francisco' },
			paymentData: { stripeCustomerId: 'cus_123' },
		});
	});

	test('leaves out billing details and payment data that were opened but left empty', async () => {
		await createUsers([{}], { email: 'ada@example.com', billingDetails: {}, paymentData: { stripeCustomerId: '' } });

		expect(sandbox.received(CREATE)[0].body).toEqual({ email: 'ada@example.com' });
	});

	test('accepts a lower-case country code and sends it in upper case', async () => {
		await createUsers([{ email: 'ada@example.com', billingDetails: { countryCode: 'gb' } }]);

		expect(sandbox.received(CREATE)[0].body).toEqual({ email: 'ada@example.com', billingDetails: { countryCode: 'GB' } });
	});

	test('does not require a postal code outside US, CA, UA and IN', async () => {
		const { error } = await createUsers([{ email: 'ada@example.com', billingDetails: { countryCode: 'PL' } }]);

		expect(error).toBeUndefined();
		expect(sandbox.users).toHaveLength(1);
	});

	test('Country and Tax ID start empty when added, and an empty one is not sent', async () => {
		const { nodeTypes } = await loadPack();
		const properties = nodeTypes.getByNameAndVersion('n8n-nodes-user-provisioning.fungies', 1).description.properties;
		const billing = properties.find((p) => p.name === 'billingDetails')!.options as Array<{ name: string; default?: unknown; options?: Array<{ value: string }> }>;
		for (const name of ['countryCode', 'taxId']) {
			const field = billing.find((option) => option.name === name)!;
			expect(field.default).toBe('');
			expect(field.options![0].value).toBe('');
		}

		// Both added in the editor and left as they start: nothing is sent, and no postal code is demanded.
		const { error } = await createUsers([{}], { email: 'ada@example.com', billingDetails: { countryCode: '', taxId: '', firstName: 'Ada' } });

		expect(error).toBeUndefined();
		expect(sandbox.received(CREATE)[0].body).toEqual({ email: 'ada@example.com', billingDetails: { firstName: 'Ada' } });
	});

	test('the country and tax ID dropdowns list every documented value, sorted by name', async () => {
		const { nodeTypes } = await loadPack();
		const properties = nodeTypes.getByNameAndVersion('n8n-nodes-user-provisioning.fungies', 1).description.properties;
		const billing = properties.find((p) => p.name === 'billingDetails')!.options as Array<{ name: string; options?: Array<{ name: string; value: string }> }>;
		const dropdown = (name: string) => billing.find((option) => option.name === name)!.options!;

		for (const [name, count] of [['countryCode', 235], ['taxId', 139]] as const) {
			// After the "Not Set" choice the collection starts with.
			const options = dropdown(name).slice(1);
			expect(options).toHaveLength(count);
			expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b, 'en')));
		}
		expect(dropdown('countryCode')).toContainEqual({ name: 'Poland', value: 'PL' });
		expect(dropdown('taxId')).toContainEqual({ name: 'Poland - EU VAT', value: 'eu_vat_poland' });
		expect(billing.map((option) => option.name)).toEqual([
			'address', 'addressLine2', 'city', 'companyName', 'countryCode', 'dialCode', 'firstName',
			'lastName', 'phoneNumber', 'postalCode', 'state', 'taxId', 'taxNumber', 'type',
		]);
	});

	describe('rejects before sending anything', () => {
		test.each([
			['a missing email', { email: undefined }, 'Email: is required'],
			['an invalid email', { email: 'not-an-email' }, 'Email: must be a valid email address'],
			['a password shorter than 8 characters', { password: 'Ab1!xyz' }, 'Password: must be at least 8 characters long'],
			['a password longer than 72 characters', { password: `Ab1!${'x'.repeat(69)}` }, 'Password: must be at most 72 characters long'],
			['a password without a special character', { password: 'Abcdefg12' }, 'Password: must contain at least one special character'],
			['a password without a number', { password: 'Abcdefg!!' }, 'Password: must contain at least one number'],
			['a password without an uppercase letter', { password: 'abcdefg1!' }, 'Password: must contain at least one uppercase letter'],
			['a blank username', { username: '   ' }, 'Username: must not be empty'],
			['a country outside the documented list', { billingDetails: { countryCode: 'XX' } }, 'Billing Details → Country: "XX" is not a country code Fungies accepts'],
			['a tax ID outside the documented list', { billingDetails: { taxId: 'pl_vat_poland' } }, 'Billing Details → Tax ID: "pl_vat_poland" is not a tax ID type Fungies accepts'],
			['a type other than individual or company', { billingDetails: { type: 'nonprofit' } }, "Billing Details → Type: Invalid enum value. Expected 'individual' | 'company'"],
			['a country code that is a number', { billingDetails: { countryCode: 48 } }, 'Billing Details → Country: must be a string, not a number'],
		])('%s', async (_case, fields, expected) => {
			const { error } = await createUsers([{ email: 'ada@example.com', ...fields }]);

			expect(error?.message).toContain('Item 0 is invalid');
			expect(error?.message).toContain(expected);
			expect(sandbox.requests).toHaveLength(0);
		});

		test.each([
			['US', 'United States'],
			['CA', 'Canada'],
			['UA', 'Ukraine'],
			['IN', 'India'],
		])('a billing address in %s without a postal code', async (countryCode, country) => {
			const { error } = await createUsers([{ email: 'ada@example.com', billingDetails: { countryCode, city: 'Somewhere' } }]);

			expect(error?.message).toContain(`Billing Details → Postal Code: is required for ${country}`);
			expect(sandbox.requests).toHaveLength(0);
		});

		test('a company without company name, tax ID and tax number, naming all three at once', async () => {
			const { error } = await createUsers([{ email: 'ada@example.com', billingDetails: { type: 'company', countryCode: 'PL' } }]);

			expect(error?.message).toBe(
				'Item 0 is invalid: Billing Details → Company Name: is required for a company; Billing Details → Tax ID: is required for a company; Billing Details → Tax Number: is required for a company',
			);
			expect(sandbox.requests).toHaveLength(0);
		});

		test.each([
			['company name', { companyName: undefined }, 'Company Name'],
			['tax ID', { taxId: undefined }, 'Tax ID'],
			['tax number', { taxNumber: undefined }, 'Tax Number'],
		])('a company without a %s', async (_case, without, label) => {
			const { error } = await createUsers([{ email: 'ada@example.com', billingDetails: { ...companyBilling, ...without } }]);

			expect(error?.message).toBe(`Item 0 is invalid: Billing Details → ${label}: is required for a company`);
			expect(sandbox.requests).toHaveLength(0);
		});

		test('an invalid item stops the run before any item is sent', async () => {
			const { error } = await createUsers([{ email: 'ok@example.com' }, { email: 'ada@example.com', password: 'weak' }]);

			expect(error?.message).toContain('Item 1 is invalid');
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	test('never repeats a rejected password in the error', async () => {
		const weak = 'weakpassword';
		const result = await createUsers([{ email: 'ada@example.com', password: weak }]);

		expect(result.error?.message).toContain('Password: must contain at least one uppercase letter');
		expect(leakedSecrets(fungiesNodeOnly(result), [weak])).toEqual([]);
	});

	test('sends the password but never puts it in the output', async () => {
		const result = await createUsers([{ email: 'ada@example.com', password: PASSWORD }]);

		expect(sandbox.users[0].password).toBe(PASSWORD);
		expect(result.created[0]).not.toHaveProperty('password');
		expect(leakedSecrets(fungiesNodeOnly(result), [PASSWORD])).toEqual([]);
	});

	test('leaves a password out of the output even if a response were to echo it', async () => {
		const user = { object: 'user', id: 'u-1', email: 'ada@example.com', username: null, details: null, internalId: null };
		sandbox.inject({
			kind: 'respond',
			response: { status: 200, body: { status: 'success', data: { user: { ...user, password: PASSWORD } } } },
		});

		const result = await createUsers([{ email: 'ada@example.com', password: PASSWORD }]);

		expect(result.created).toEqual([user]);
		expect(leakedSecrets(fungiesNodeOnly(result), [PASSWORD])).toEqual([]);
	});

	test('reports an email that is already taken, naming the email', async () => {
		await createUsers([{ email: 'ada@example.com' }]);
		const { error } = await createUsers([{ email: 'ADA@example.com' }]);

		expect(error?.message).toBe(
			'Fungies returned an error (400): A user with the email ADA@example.com already exists (Fungies: "User with this email already exists")',
		);
		expect(error?.description).toContain('The user was not created.');
		expect(sandbox.users).toHaveLength(1);
	});

	test("surfaces Fungies' own error message", async () => {
		sandbox.inject({ kind: 'respond', response: { status: 400, body: { status: 'error', error: { message: 'Sample error message' } } } });

		const { error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error?.message).toBe('Fungies returned an error (400): Sample error message');
	});

	test('reports a rejected secret key without repeating either key', async () => {
		const wrongSecret = 'sec_wrong_0123456789abcdef';
		const result = await createUsers([{ email: 'ada@example.com' }], fromItem, { credentialOverrides: { secretKey: wrongSecret } });

		expect(result.error?.message).toBe('Fungies did not accept the credential (401): Invalid secret key');
		expect(sandbox.received(CREATE)).toHaveLength(1);
		expect(sandbox.users).toHaveLength(0);
		expect(leakedSecrets(result, [wrongSecret, FUNGIES_PUBLIC_KEY])).toEqual([]);
	});

	test('sends both keys in the documented headers', async () => {
		await createUsers([{ email: 'ada@example.com' }]);

		const { headers } = sandbox.received(CREATE)[0];
		expect(headers['x-fngs-public-key']).toBe(FUNGIES_PUBLIC_KEY);
		expect(headers['x-fngs-secret-key']).toBe(FUNGIES_SECRET_KEY);
	});

	test('retries a 429 after Retry-After and creates the user once', async () => {
		sandbox.inject({
			kind: 'respond',
			response: { status: 429, headers: { 'Retry-After': '0' }, body: { status: 'error', error: { message: 'Too many requests' } } },
		});

		const { created, error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error).toBeUndefined();
		expect(created).toHaveLength(1);
		expect(sandbox.received(CREATE)).toHaveLength(2);
		expect(sandbox.users).toHaveLength(1);
	});

	test('does not retry a 500, since Fungies has no idempotency key, and says the outcome is unknown', async () => {
		sandbox.inject({ kind: 'respond', response: { status: 500, body: { status: 'error', error: { message: 'Internal error' } } } });

		const { error } = await createUsers([{ email: 'ada@example.com' }]);

		expect(error?.message).toBe('Fungies returned an error (500): Internal error');
		expect(error?.description).toContain('Outcome unknown');
		expect(sandbox.received(CREATE)).toHaveLength(1);
	});

	test('with Continue On Fail, gives one result per item in input order', async () => {
		await createUsers([{ email: 'taken@example.com' }]);
		sandbox.reset();

		const result = await createUsers(
			[
				{ email: 'one@example.com' },
				{ email: 'two@example.com', billingDetails: { countryCode: 'US' } },
				{ email: 'three@example.com', password: PASSWORD },
				{ email: 'taken@example.com' },
			],
			fromItem,
			{ continueOnFail: true },
		);
		const output = result.output('Create User');

		expect(result.error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json.email).toBe('one@example.com');
		expect(output[1].json).toMatchObject({ itemIndex: 1, fields: ['billingDetails.postalCode'], outcome: 'not_created' });
		expect(output[1].json.error).toContain('Billing Details → Postal Code: is required for United States');
		expect(output[2].json.email).toBe('three@example.com');
		expect(output[3].json).toMatchObject({ itemIndex: 3, outcome: 'not_created', httpCode: 400 });
		expect(output[3].json.error).toContain('A user with the email taken@example.com already exists');
		// The invalid item never reached the server.
		expect(sandbox.received(CREATE).map((r) => (r.body as IDataObject).email)).toEqual([
			'one@example.com',
			'three@example.com',
			'taken@example.com',
		]);
	});

	test('never puts the keys or a password in output or errors', async () => {
		const ada = { email: 'ada@example.com', password: PASSWORD };
		const runs = [
			await createUsers([ada, ada], fromItem, { continueOnFail: true }),
			await createUsers([{ email: 'x', password: PASSWORD }]),
			await createUsers([ada], fromItem, { credentialOverrides: { secretKey: 'sec_wrong_0123456789' } }),
		];

		for (const run of runs) {
			expect(run.secrets).toContain(FUNGIES_PUBLIC_KEY);
			expect(leakedSecrets(run)).toEqual([]);
			expect(leakedSecrets(fungiesNodeOnly(run), [PASSWORD])).toEqual([]);
		}
	});

	test('refuses a plain http base URL on another host before sending the keys', async () => {
		const { error } = await createUsers([{ email: 'ada@example.com' }], fromItem, {
			credentialOverrides: { baseUrl: 'http://api.fungies.example.com' },
		});

		expect(error?.message).toBe('The Base URL uses plain http, which would send your keys unencrypted. Nothing was sent.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('the credential test lists users: it succeeds with valid keys and fails with a wrong public key', async () => {
		const valid = await testCredential('fungiesApi', credentials().fungiesApi);
		const wrong = await testCredential('fungiesApi', credentials({ publicKey: 'pub_wrong_0123456789' }).fungiesApi);

		expect(valid).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringContaining('(401)') });
		expect(sandbox.received('GET /v0/users/list')).toHaveLength(2);
		expect(sandbox.received('GET /v0/users/list')[0].headers['x-fngs-secret-key']).toBe(FUNGIES_SECRET_KEY);
	});

	test('the credential defaults to the documented base URL', async () => {
		const { credentialTypes } = await loadPack();
		const baseUrl = credentialTypes.get('fungiesApi')!.properties.find((p) => p.name === 'baseUrl')!;

		expect(baseUrl.default).toBe('https://api.fungies.io');
	});

	// n8n drops keys a collection does not declare before the node sees them, so these values can
	// only come from elsewhere (a future version, a hand-edited workflow); the schema still refuses them.
	describe('the schema refuses keys Fungies does not document', () => {
		test.each([
			['billingDetails', { vatRate: '23' }, "Unrecognized key(s) in object: 'vatRate'"],
			['billingDetails', JSON.parse('{"__proto__": {"countryCode": "US"}}') as IDataObject, "Unrecognized key(s) in object: '__proto__'"],
			['paymentData', { adyenShopperReference: 'a' }, "Unrecognized key(s) in object: 'adyenShopperReference'"],
		])('%s with %j', (field, value, expected) => {
			const result = createUserOperation.schema.safeParse({ email: 'ada@example.com', [field]: value });

			expect(result.success).toBe(false);
			expect(result.error?.issues.map((issue) => issue.message)).toEqual([expected]);
		});
	});
});
