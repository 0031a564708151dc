/**
 * What the local runtime (aws-local-stepfunctions@3 plus the workarounds in this folder) runs as AWS does. Anything
 * else is refused up front: the engine would otherwise ignore it silently (JSONata `Output`, `Assign`,
 * `HeartbeatSeconds`...) or fail at run time in a way AWS would not.
 *
 * Supported: Task (lambda:invoke, lambda:invoke.waitForTaskToken, Lambda function ARNs), Pass, Choice, Wait (all four
 * duration fields), Parallel, inline Map, Succeed, Fail; InputPath/Parameters/ResultSelector/ResultPath/OutputPath;
 * intrinsic functions; Retry (including BackoffRate, MaxDelaySeconds and JitterStrategy, which the engine honours)
 * and Catch; TimeoutSeconds on Tasks and on the state machine; HeartbeatSeconds on callback Tasks;
 * `$$.Execution.*`, `$$.StateMachine.*`, `$$.Map.*`, `$$.State.Name` in payload templates and `$$.Task.Token` in the
 * Parameters of a callback Task.
 */
import { classifyTaskResource, contextReferencesIn, listStates, pathExpressionsOf } from './asl.ts';
import { isJsonObject } from './json.ts';
import type { JsonObject, JsonValue } from './json.ts';

export interface UnsupportedFeature {
  /** The state using the feature; undefined for the top level of the definition. */
  readonly stateName?: string;
  readonly feature: string;
}

const LAMBDA_INVOKE_PARAMETERS = new Set(['FunctionName', 'Payload']);
const DISTRIBUTED_MAP_FIELDS = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'Label',
];
const JSONATA_EXPRESSION = /^\s*\{%[\s\S]*%\}\s*$/;
// `$name` (a workflow variable) as opposed to `$`, `$.x`, `$[0]` or `$$...`.
const VARIABLE_REFERENCE = /(^|[^$\w.])\$[A-Za-z_]\w*/;

export function findUnsupportedFeatures(definition: unknown): UnsupportedFeature[] {
  if (!isJsonObject(definition) || typeof definition.StartAt !== 'string' || !isJsonObject(definition.States)) {
    return [{ feature: 'not a state machine definition (a JSON object with StartAt and States)' }];
  }
  const found: UnsupportedFeature[] = [];
  if (definition.QueryLanguage === 'JSONata') found.push({ feature: 'JSONata (QueryLanguage: "JSONata")' });

  for (const { stateName, state } of listStates(definition)) {
    const report = (feature: string): void => {
      found.push({ stateName, feature });
    };
    findJsonataAndVariables(state, report);
    switch (state.Type) {
      case 'Task':
        findTaskProblems(state, report);
        break;
      case 'Map':
        findMapProblems(state, report);
        break;
      case 'Pass':
        // The engine tests `if (Result)`, so a falsy Result is replaced by the state input.
        if ('Result' in state && !state.Result) report(`Pass with a Result of ${JSON.stringify(state.Result)} (the engine ignores falsy results)`);
        break;
      default:
        break;
    }
    findContextObjectProblems(state, report);
  }
  return found;
}

export function assertRunsLocally(definition: unknown): void {
  const unsupported = findUnsupportedFeatures(definition);
  if (unsupported.length === 0) return;
  const lines = unsupported.map(({ stateName, feature }) => `  - ${stateName === undefined ? 'definition' : `state "${stateName}"`}: ${feature}`);
  throw new Error(`The state machine definition uses features the local Step Functions runtime cannot run as AWS does:\n${lines.join('\n')}`);
}

function findJsonataAndVariables(state: JsonObject, report: (feature: string) => void): void {
  if (state.QueryLanguage === 'JSONata') report('JSONata (QueryLanguage: "JSONata")');
  if ('Assign' in state) report('Assign (workflow variables)');
  if ('Output' in state) report('Output (JSONata field)');
  if ('Arguments' in state) report('Arguments (JSONata field)');
  for (const holder of [...arrayField(state, 'Choices'), ...arrayField(state, 'Catch')]) {
    if (!isJsonObject(holder)) continue;
    if ('Condition' in holder) report('Condition in a Choice rule (JSONata)');
    if ('Assign' in holder) report('Assign (workflow variables)');
    if ('Output' in holder) report('Output (JSONata field)');
  }
  if (containsJsonataExpression(state)) report('JSONata expression ({% ... %})');
  for (const { location, expression } of pathExpressionsOf(state)) {
    if (VARIABLE_REFERENCE.test(expression)) report(`workflow variable reference in ${location} (${expression})`);
  }
}

function findTaskProblems(state: JsonObject, report: (feature: string) => void): void {
  const kind = classifyTaskResource(state.Resource);
  const resource = typeof state.Resource === 'string' ? state.Resource : JSON.stringify(state.Resource);
  if (kind === undefined) {
    if (/\.sync(:\d+)?$/.test(resource)) report(`.sync integration (Resource ${resource})`);
    else report(`Resource ${resource} (only lambda:invoke, lambda:invoke.waitForTaskToken and Lambda function ARNs run locally)`);
  }
  if ('TimeoutSecondsPath' in state) report('TimeoutSecondsPath');
  if ('HeartbeatSecondsPath' in state) report('HeartbeatSecondsPath');
  if ('HeartbeatSeconds' in state && kind !== 'lambda-invoke-callback') report('HeartbeatSeconds on a Task that is not .waitForTaskToken');
  if ('Credentials' in state) report('Credentials (cross-account role)');
  if (kind === 'lambda-invoke' || kind === 'lambda-invoke-callback') {
    const parameters = state.Parameters;
    if (!isJsonObject(parameters) || !('FunctionName' in parameters || 'FunctionName.$' in parameters)) {
      report('lambda:invoke without Parameters.FunctionName');
      return;
    }
    for (const key of Object.keys(parameters)) {
      const field = key.endsWith('.$') ? key.slice(0, -2) : key;
      if (!LAMBDA_INVOKE_PARAMETERS.has(field)) report(`lambda:invoke parameter ${field} (only FunctionName and Payload are supported)`);
    }
  }
}

function findMapProblems(state: JsonObject, report: (feature: string) => void): void {
  const processor = state.ItemProcessor;
  if (isJsonObject(processor) && isJsonObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED') {
    report('distributed Map (ProcessorConfig.Mode: DISTRIBUTED)');
  }
  for (const field of DISTRIBUTED_MAP_FIELDS) {
    if (field in state) report(`${field} (distributed Map)`);
  }
  if ('Items' in state) report('Items (JSONata field)');
}

function findContextObjectProblems(state: JsonObject, report: (feature: string) => void): void {
  const isCallbackTask = state.Type === 'Task' && classifyTaskResource(state.Resource) === 'lambda-invoke-callback';
  for (const { location, expression, template } of pathExpressionsOf(state)) {
    for (const reference of contextReferencesIn(expression)) {
      if (reference === '$$') {
        report(`the whole context object ($$) in ${location}`);
      } else if (/^\$\$\.Task\b/.test(reference)) {
        if (!(reference === '$$.Task.Token' && isCallbackTask && template === 'Parameters')) {
          report(`${reference} in ${location} (only $$.Task.Token, in the Parameters of a .waitForTaskToken Task)`);
        }
      } else if (/^\$\$\.State\b/.test(reference)) {
        if (!(reference === '$$.State.Name' && template !== undefined)) {
          report(`${reference} in ${location} (only $$.State.Name, in Parameters, ResultSelector or ItemSelector)`);
        }
      } else if (!/^\$\$\.(Execution|StateMachine|Map)\b/.test(reference)) {
        report(`unknown context object field ${reference} in ${location}`);
      }
    }
  }
}

function arrayField(state: JsonObject, field: string): JsonValue[] {
  const value = state[field];
  return Array.isArray(value) ? value : [];
}

/** Looks through the state's own fields, not into the states of its Parallel branches or Map processor. */
function containsJsonataExpression(value: JsonValue, isStateLevel = true): boolean {
  if (typeof value === 'string') return JSONATA_EXPRESSION.test(value);
  if (Array.isArray(value)) return value.some((item) => containsJsonataExpression(item, false));
  if (!isJsonObject(value)) return false;
  return Object.entries(value).some(([key, item]) => {
    if (isStateLevel && (key === 'Branches' || key === 'ItemProcessor' || key === 'Iterator' || key === 'Comment')) return false;
    return containsJsonataExpression(item, false);
  });
}
