import type { WorkflowRun } from './engine';

/**
 * Everything a user or a log could see of a run: every node's output items and errors, the
 * workflow error with its description (serialised the way n8n stores executions), and the logs.
 */
export function visibleText(result: WorkflowRun): string {
	const { error } = result;
	return [
		JSON.stringify(result.run.data.resultData.runData),
		JSON.stringify(error ?? null),
		error?.message ?? '',
		error?.description ?? '',
		result.logs,
	].join('\n');
}

/** The credential values (and any extra secrets) that appear in what the run exposes. */
export function leakedSecrets(result: WorkflowRun, extraSecrets: string[] = []): string[] {
	const text = visibleText(result);
	return [...result.secrets, ...extraSecrets].filter((secret) => secret && text.includes(secret));
}
