import type { IDataObject } from 'n8n-workflow';

import { PROVIDERS, runningSandbox, runProvider } from '../harness/providers';

/** Addresses RFC 5322 allows (dot-atom local parts) and the providers take, with IDN domains. */
const VALID_ADDRESSES = [
	'a&b@example.com',
	'first=last@example.com',
	"o'brien@example.com",
	'x+tag@example.com',
	'ada@exämple.de',
	'ada@例え.jp',
];

/** Clearly not addresses, beyond the bad-input corpus' cases. */
const NOT_ADDRESSES = ['ada@example', '.ada@example.com', 'a..b@example.com', 'ada@1.2.3.4', 'ada@-example.com'];

describe.each(PROVIDERS)('$name → Email', (provider) => {
	const sandbox = runningSandbox(provider);

	const itemWith = (email: string, n: number): IDataObject => ({ ...provider.validItem(n), email });

	test('accepts every address RFC 5322 and the provider accept, and sends it as given', async () => {
		const { items } = await runProvider(provider, sandbox, VALID_ADDRESSES.map(itemWith));

		expect(items.map((item) => item.error)).toEqual(VALID_ADDRESSES.map(() => undefined));
		expect(sandbox.createCalls().map((request) => (request.body as IDataObject).email)).toEqual(VALID_ADDRESSES);
	});

	test('refuses what is clearly not an address before sending', async () => {
		const { items } = await runProvider(provider, sandbox, NOT_ADDRESSES.map(itemWith));

		expect(items.map((item) => String(item.error))).toEqual(
			NOT_ADDRESSES.map((_, index) => `Item ${index} is invalid: Email: must be a valid email address`),
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});
