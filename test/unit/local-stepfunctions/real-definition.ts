import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { orderFulfilmentDefinitionPath, partitionSubstitution, workflowTaskFunctions } from '../../../functions/workflow/task-functions.ts';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function localFunctionArn(taskName: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:kamflow-${taskName}`;
}

/** Same mapping CDK's definitionSubstitutions make: the partition, and one function ARN per `${...FunctionArn}` placeholder. */
export const orderFulfilmentSubstitutions: Record<string, string> = {
  [partitionSubstitution]: 'aws',
  ...Object.fromEntries(workflowTaskFunctions.map((task) => [task.substitution, localFunctionArn(task.name)])),
};

export function readOrderFulfilmentDefinition(): string {
  return readFileSync(join(repositoryRoot, orderFulfilmentDefinitionPath), 'utf8');
}
