// Puts back the lockfile entries of native bindings built for other platforms.
//
// A package such as unrs-resolver (used by @n8n/node-cli's lint config) lists one optional
// dependency per platform, `@unrs/resolver-binding-<os>-<cpu>[-<abi>]`. npm records them all in
// package-lock.json, but only when the registry serves them; where it serves only this
// platform's builds, `npm install` leaves the others out and `npm ci` then rejects the lock
// ("Missing: @unrs/resolver-binding-darwin-arm64@ from lock file"). This adds each missing
// binding back with its version and platform (read from its napi-rs name), without an integrity
// hash: `npm ci` skips it on any other platform and fetches it on its own, as npm would.
// Run after an `npm install` that regenerates the lock: `node scripts/lockfile-platform-bindings.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCKFILE = new URL('../package-lock.json', import.meta.url);
// napi-rs names: <os>-<cpu>[-<abi>], e.g. linux-arm-musleabihf, win32-x64-msvc.
const BINDING = /-(android|darwin|freebsd|linux|openharmony|win32)-(arm|arm64|ia32|loong64|ppc64|riscv64|s390x|x64)(?:-(\w+))?$/;

const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8'));
const { packages } = lock;

/** Where npm would look for `name` required from the package at `from` (node_modules/a/node_modules/b). */
function isResolvable(from, name) {
	for (let dir = from; ; dir = dir.slice(0, dir.lastIndexOf('/node_modules/'))) {
		if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
		if (!dir.includes('/node_modules/')) return Boolean(packages[`node_modules/${name}`]);
	}
}

const added = [];
const unknown = [];
for (const [location, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		if (isResolvable(location, name)) continue;
		const platform = BINDING.exec(name);
		if (!platform || !/^\d+\.\d+\.\d+/.test(version)) {
			unknown.push(`${name}@${version} (optional dependency of ${location || 'the root'})`);
			continue;
		}
		const [, os, cpu, abi] = platform;
		const binding = { version, cpu: [cpu], dev: entry.dev };
		if (abi?.startsWith('gnu')) binding.libc = ['glibc'];
		if (abi?.startsWith('musl')) binding.libc = ['musl'];
		Object.assign(binding, { optional: true, os: [os] });
		if (!binding.dev) delete binding.dev;
		packages[`node_modules/${name}`] = binding;
		added.push(`${name}@${version}`);
	}
}

if (added.length > 0) {
	// npm's own order: the root first, then locations sorted as npm sorts them.
	const sorted = Object.keys(packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en')));
	lock.packages = Object.fromEntries(sorted.map((key) => [key, packages[key]]));
	writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(added.length > 0 ? `Added to package-lock.json:\n  ${added.join('\n  ')}` : 'package-lock.json lists every platform binding');
if (unknown.length > 0) {
	console.error(`Optional dependencies missing from the lock that this script cannot describe:\n  ${unknown.join('\n  ')}`);
	process.exit(1);
}
