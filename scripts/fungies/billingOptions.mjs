// Writes nodes/Fungies/user/billingOptions.ts from the enums of POST /v0/users/create, as the
// provider page (an OpenAPI document in Markdown) gives them:
//   node scripts/fungies/billingOptions.mjs [fungies-create-user.md]          writes the file
//   node scripts/fungies/billingOptions.mjs [fungies-create-user.md] --check  fails if it differs
// The page defaults to ../shared/providers/fungies-create-user.md beside the repository.
// The page gives codes only, so country names come from CLDR (Intl.DisplayNames) and tax ID
// names are read from the value itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = resolve(REPOSITORY, 'nodes/Fungies/user/billingOptions.ts');
const DEFAULT_PAGE = resolve(REPOSITORY, '../shared/providers/fungies-create-user.md');

/** The values of the first `enum:` list under the property `name:` (as indented YAML). */
function enumOf(page, name) {
	const lines = page.split('\n');
	const start = lines.findIndex((line) => line.trim() === `${name}:`);
	if (start === -1) throw new Error(`No property "${name}" on the page`);
	const enumLine = lines.findIndex((line, index) => index > start && line.trim() === 'enum:');
	const values = [];
	for (const line of lines.slice(enumLine + 1)) {
		// YAML quotes a value that would read as something else ('NO' would be false).
		const item = /^\s*- (['"]?)(\S+?)\1\s*$/.exec(line);
		if (!item) break;
		values.push(item[2]);
	}
	if (values.length === 0) throw new Error(`The enum of "${name}" is empty`);
	return values;
}

const byName = (a, b) => a.name.localeCompare(b.name, 'en');

function countries(codes) {
	const names = new Intl.DisplayNames(['en'], { type: 'region' });
	return codes.map((value) => ({ name: names.of(value), value })).sort(byName);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** A name as tax ID values write it: "Bosnia & Herzegovina" → "bosnia_and_herzegovina". */
const asValueWords = (name) => name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '');

/**
 * Where the country starts in the words after the prefix. Mostly the type is one word; when the
 * words after several type words spell the prefix's country (`ca_gst_hst_canada`) or the EU
 * (`eu_oss_vat_eu`), the type is all of them.
 */
function countryStart(prefix, words) {
	const countries = new Set(['eu']);
	if (prefix !== 'eu') countries.add(asValueWords(regionNames.of(prefix.toUpperCase())));
	for (let start = 1; start < words.length; start++) if (countries.has(words.slice(start).join('_'))) return start;
	return 1;
}

const countryWord = (word) => (word === 'eu' ? 'European Union' : word === 'and' ? word : word.charAt(0).toUpperCase() + word.slice(1));

/**
 * `<country code or eu>_<type>_<country in words>`: `au_abn_australia` → "Australia - ABN",
 * `ca_gst_hst_canada` → "Canada - GST HST"; the EU's own types keep its prefix (`eu_vat_spain` →
 * "Spain - EU VAT", `eu_oss_vat_eu` → "European Union - EU OSS VAT").
 */
function taxIdTypes(values) {
	return values
		.map((value) => {
			const [prefix, ...words] = value.split('_');
			const start = countryStart(prefix, words);
			const type = [...(prefix === 'eu' ? [prefix] : []), ...words.slice(0, start)].join(' ').toUpperCase();
			return { name: `${words.slice(start).map(countryWord).join(' ')} - ${type}`, value };
		})
		.sort(byName);
}

const quoted = (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (options) => options.map(({ name, value }) => `\t{ name: ${quoted(name)}, value: ${quoted(value)} },`).join('\n');

function billingOptionsSource(page) {
	return `// Generated from the enums of POST /v0/users/create by scripts/fungies/billingOptions.mjs, do not edit by hand:
// https://docs.fungies.io/api-reference/users/create-a-new-user-account
// Country names are the English names from CLDR (Intl.DisplayNames), since the page gives only
// the codes; tax ID names are read from the value (<type>_<country>). Both lists are sorted by name.

/** \`billingDetails.countryCode\`: the ISO 3166-1 alpha-2 codes Fungies accepts. */
export const COUNTRIES = [
${list(countries(enumOf(page, 'countryCode')))}
] as const;

/** \`billingDetails.taxId\`: the kind of tax number, per country. */
export const TAX_ID_TYPES = [
${list(taxIdTypes(enumOf(page, 'taxId')))}
] as const;
`;
}

const args = process.argv.slice(2);
const mode = args.includes('--check') ? '--check' : 'write';
const pagePath = args.find((arg) => arg !== '--check') ?? DEFAULT_PAGE;
const source = billingOptionsSource(readFileSync(pagePath, 'utf8'));
if (mode === '--check') {
	if (readFileSync(OUTPUT, 'utf8') !== source) {
		console.error(`${OUTPUT} differs from what the page generates: run the script without --check`);
		process.exit(1);
	}
	console.log(`${OUTPUT} matches the page`);
} else {
	writeFileSync(OUTPUT, source);
	console.log(`wrote ${OUTPUT}`);
}
