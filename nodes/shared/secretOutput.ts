import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ProviderDefinition } from './provider';

/** A response field that holds a secret, such as a generated password. */
export interface SecretOutput {
	fields: string[];
	/** Label of the option that puts them in the output, e.g. "Include Generated Password". */
	displayName: string;
	description: string;
}

/**
 * The option that puts the secret in the output. A secret the provider returns only at creation
 * is lost when a later item stops the run, because n8n then discards the node's output: the
 * option says how to keep it.
 */
export function includeSecretsProperty(provider: ProviderDefinition, secretOutput: SecretOutput): INodeProperties {
	return {
		displayName: secretOutput.displayName,
		name: 'includeSecrets',
		type: 'boolean',
		default: false,
		description: includeSecretsDescription(provider, secretOutput),
	};
}

function includeSecretsDescription(provider: ProviderDefinition, secretOutput: SecretOutput): string {
	return `${secretOutput.description} ${provider.name} returns it only when the user is created: without Continue On Fail, a later failure in the run discards the output and it is lost, so turn on Continue On Fail (or the error output) when you need it.`;
}

/** The output without the secret fields, unless the user asked for them. */
export function withoutSecretOutput(output: IDataObject, secretOutput: SecretOutput | undefined, include: boolean): IDataObject {
	if (!secretOutput || include) return output;
	return Object.fromEntries(Object.entries(output).filter(([key]) => !secretOutput.fields.includes(key)));
}
