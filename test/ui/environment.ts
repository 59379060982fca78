import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

/**
 * Jest's node environment that tells the browser test which test just failed: jest gives an
 * afterEach hook no result, and a failing UI test is only understood with what the page showed
 * (editor.ui.ts saves a screenshot then).
 */
export default class BrowserTestEnvironment extends NodeEnvironment {
	handleTestEvent(event: Circus.Event): void {
		if (event.name === 'test_start') this.global.failedUiTest = undefined;
		if (event.name === 'test_fn_failure') this.global.failedUiTest = fullName(event.test);
	}
}

function fullName(test: Circus.TestEntry): string {
	const names: string[] = [test.name];
	for (let block: Circus.DescribeBlock | undefined = test.parent; block; block = block.parent) {
		if (block.name !== 'ROOT_DESCRIBE_BLOCK') names.unshift(block.name);
	}
	return names.join(' › ');
}
