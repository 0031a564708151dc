/** Reading Amazon States Language definitions: where states, resources and path expressions live. */
import { isJsonObject } from './json.ts';
import type { JsonObject, JsonValue } from './json.ts';

export interface VisitedState {
  readonly stateName: string;
  readonly state: JsonObject;
  /** True inside a Parallel branch or a Map item processor: the engine runs those as nested state machines. */
  readonly nested: boolean;
}

/** Every state of the definition, including those in Parallel branches and Map item processors. */
export function listStates(definition: JsonObject): VisitedState[] {
  const visited: VisitedState[] = [];
  const visitMachine = (machine: JsonValue | undefined, nested: boolean): void => {
    if (!isJsonObject(machine) || !isJsonObject(machine.States)) return;
    for (const [stateName, state] of Object.entries(machine.States)) {
      if (!isJsonObject(state)) continue;
      visited.push({ stateName, state, nested });
      for (const child of nestedStateMachinesOf(state)) visitMachine(child, true);
    }
  };
  visitMachine(definition, false);
  return visited;
}

export function nestedStateMachinesOf(state: JsonObject): JsonObject[] {
  const machines: JsonObject[] = [];
  if (Array.isArray(state.Branches)) machines.push(...state.Branches.filter(isJsonObject));
  if (isJsonObject(state.ItemProcessor)) machines.push(state.ItemProcessor);
  if (isJsonObject(state.Iterator)) machines.push(state.Iterator);
  return machines;
}

export type TaskResourceKind = 'lambda-invoke' | 'lambda-invoke-callback' | 'lambda-function';

const LAMBDA_INVOKE = /^arn:aws[a-z-]*:states:::lambda:invoke$/;
const LAMBDA_INVOKE_CALLBACK = /^arn:aws[a-z-]*:states:::lambda:invoke\.waitForTaskToken$/;
const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]+))?$/;

export function classifyTaskResource(resource: JsonValue | undefined): TaskResourceKind | undefined {
  if (typeof resource !== 'string') return undefined;
  if (LAMBDA_INVOKE.test(resource)) return 'lambda-invoke';
  if (LAMBDA_INVOKE_CALLBACK.test(resource)) return 'lambda-invoke-callback';
  if (LAMBDA_FUNCTION_ARN.test(resource)) return 'lambda-function';
  return undefined;
}

/** State fields whose value is a JSONPath (or, for some, an intrinsic function). */
export const pathFields = [
  'InputPath',
  'OutputPath',
  'ResultPath',
  'ItemsPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
] as const;

/** State fields holding payload templates, where keys ending in `.$` take a path or an intrinsic function. */
export const payloadTemplateFields = ['Parameters', 'ResultSelector', 'ItemSelector'] as const;

export interface PathExpression {
  /** Where it was found, e.g. `Parameters.Payload.taskToken.$` or `Choices[0].Variable`. */
  readonly location: string;
  readonly expression: string;
  /** Which payload template it belongs to, if any. */
  readonly template?: (typeof payloadTemplateFields)[number];
}

/** Every JSONPath or intrinsic-function expression the state evaluates (not those of nested state machines). */
export function pathExpressionsOf(state: JsonObject): PathExpression[] {
  const found: PathExpression[] = [];
  for (const field of pathFields) {
    const expression = state[field];
    if (typeof expression === 'string') found.push({ location: field, expression });
  }
  for (const template of payloadTemplateFields) {
    const value = state[template];
    if (value === undefined) continue;
    forEachTemplateExpression(value, template, (location, expression) => found.push({ location, expression, template }));
  }
  if (Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, index) => forEachChoiceRuleExpression(rule, `Choices[${index}]`, found));
  }
  return found;
}

function forEachTemplateExpression(value: JsonValue, location: string, onExpression: (location: string, expression: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => forEachTemplateExpression(item, `${location}[${index}]`, onExpression));
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key.endsWith('.$') && typeof item === 'string') onExpression(`${location}.${key}`, item);
    else forEachTemplateExpression(item, `${location}.${key}`, onExpression);
  }
}

function forEachChoiceRuleExpression(rule: JsonValue, location: string, found: PathExpression[]): void {
  if (!isJsonObject(rule)) return;
  for (const [key, value] of Object.entries(rule)) {
    if ((key === 'Variable' || key.endsWith('Path')) && typeof value === 'string') {
      found.push({ location: `${location}.${key}`, expression: value });
    } else if ((key === 'And' || key === 'Or') && Array.isArray(value)) {
      value.forEach((child, index) => forEachChoiceRuleExpression(child, `${location}.${key}[${index}]`, found));
    } else if (key === 'Not') {
      forEachChoiceRuleExpression(value, `${location}.Not`, found);
    }
  }
}

/** References to the context object (`$$...`) inside a path or intrinsic-function expression. */
export function contextReferencesIn(expression: string): string[] {
  return expression.match(/\$\$(?:\.[A-Za-z0-9_]+|\[[^\]]*\])*/g) ?? [];
}
