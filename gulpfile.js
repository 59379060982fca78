const { src, dest } = require('gulp');

// tsc only emits JavaScript; n8n also reads each node's icons and codex file from dist.
function copyNodeAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = copyNodeAssets;
