/**
 * Loading a definition (with CDK-style `${...}` substitutions) and deriving the copy the engine actually runs.
 *
 * The engine copy differs from the definition only where aws-local-stepfunctions@3 would not behave as AWS does; each
 * rewrite below names the engine behaviour it compensates for. The original definition is what gets validated.
 */
import { classifyTaskResource, pathFields, payloadTemplateFields } from './asl.ts';
import type { TaskResourceKind } from './asl.ts';
import { isJsonObject, parseJson, toJsonValue } from './json.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { MAX_TIMER_DELAY_MS } from './timers.ts';

/**
 * Error a pending task attempt raises just before the engine's own per-attempt timer would fire; a hidden first
 * retrier re-enters the state at once and the engine task handler resumes the same attempt (see engine.ts).
 */
export const ATTEMPT_RENEWAL_ERROR = 'KamflowLocal.TaskAttemptRenewal';

/**
 * Context key that carries the execution's fields. The engine overwrites `$$.Execution.StartTime` with its own clock
 * and, in Parallel branches and Map iterations, `$$.Execution.Input` with the branch input; paths to `$$.Execution`
 * are redirected here so they read what AWS would give.
 */
export const EXECUTION_CONTEXT_KEY = 'KamflowLocalExecution';

/** Stands for `$$.Task.Token` until the task handler swaps in the token minted for the attempt. */
export const TASK_TOKEN_PLACEHOLDER = '__KAMFLOW_LOCAL_TASK_TOKEN_PLACEHOLDER__';

/** Resource of the Task states that stand in for Wait states; it is never invoked (the task handler takes over). */
const WAIT_STAND_IN_RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:kamflow-local-wait-state';

/** Retry pauses are slept by the engine with a bare setTimeout; longer ones would fire after 1 ms. */
export const MAX_RETRY_PAUSE_SECONDS = Math.floor(MAX_TIMER_DELAY_MS / 1000);

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/** Parses the definition (when given as text) and replaces every `${Name}` as CDK's definitionSubstitutions do. */
export function loadDefinition(definition: string | object, substitutions: Readonly<Record<string, string>>): JsonObject {
  const parsed = typeof definition === 'string' ? parseJson(definition) : toJsonValue(definition);
  if (!isJsonObject(parsed)) throw new Error('The state machine definition must be a JSON object');
  const missing = new Set<string>();
  const substitute = (text: string): string =>
    text.replace(PLACEHOLDER, (placeholder, name: string) => {
      const replacement = substitutions[name];
      if (replacement === undefined) {
        missing.add(name);
        return placeholder;
      }
      return replacement;
    });
  const substituted = substituteStrings(parsed, substitute);
  if (missing.size > 0) {
    throw new Error(`No definition substitution for ${[...missing].map((name) => `\${${name}}`).join(', ')}`);
  }
  if (!isJsonObject(substituted)) throw new Error('The state machine definition must be a JSON object');
  return substituted;
}

function substituteStrings(value: JsonValue, substitute: (text: string) => string): JsonValue {
  if (typeof value === 'string') return substitute(value);
  if (Array.isArray(value)) return value.map((item) => substituteStrings(item, substitute));
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [substitute(key), substituteStrings(item, substitute)]));
  }
  return value;
}

export type LocalTaskSpec =
  | { readonly kind: Exclude<TaskResourceKind, 'lambda-function'>; readonly timeoutSeconds?: number; readonly heartbeatSeconds?: number }
  | { readonly kind: 'lambda-function'; readonly functionArn: string; readonly timeoutSeconds?: number }
  | { readonly kind: 'wait' };

export interface EngineDefinitionPlan {
  /** The definition handed to the engine (never validated by it: the original is). */
  readonly engineDefinition: JsonObject;
  /** Every Task state, and every Wait state (run as a Task), by name: each gets a local task handler. */
  readonly tasks: ReadonlyMap<string, LocalTaskSpec>;
  /** The Type each state has in the original definition. */
  readonly stateTypes: ReadonlyMap<string, string>;
  /** The state machine's own TimeoutSeconds, enforced outside the engine. */
  readonly executionTimeoutSeconds?: number;
}

export interface EngineDefinitionOptions {
  /** Divides Retry intervals and MaxDelaySeconds. */
  readonly timeScale: number;
  /** The per-attempt timer the engine arms for every Task: above the renewal delay, within setTimeout's range. */
  readonly engineTaskTimerSeconds: number;
}

export function planEngineDefinition(definition: JsonObject, options: EngineDefinitionOptions): EngineDefinitionPlan {
  const tasks = new Map<string, LocalTaskSpec>();
  const stateTypes = new Map<string, string>();

  const rewriteMachine = (machine: JsonObject): JsonObject => {
    const states = isJsonObject(machine.States) ? machine.States : {};
    const rewrittenStates: JsonObject = {};
    for (const [stateName, state] of Object.entries(states)) {
      if (!isJsonObject(state)) {
        rewrittenStates[stateName] = state;
        continue;
      }
      if (typeof state.Type === 'string') stateTypes.set(stateName, state.Type);
      rewrittenStates[stateName] = rewriteState(stateName, state);
    }
    return { ...machine, States: rewrittenStates };
  };

  const rewriteState = (stateName: string, original: JsonObject): JsonObject => {
    let state = rewriteCommonFields(stateName, original, options.timeScale);
    if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
      state.Choices = state.Choices.map(negateFalseTypeTests);
    }
    if (state.Type === 'Wait') {
      tasks.set(stateName, { kind: 'wait' });
      state = waitAsTask(state);
    }
    if (state.Type === 'Task') {
      const spec = taskSpecOf(original);
      if (spec !== undefined && !tasks.has(stateName)) tasks.set(stateName, spec);
      delete state.TimeoutSecondsPath;
      delete state.HeartbeatSeconds;
      delete state.HeartbeatSecondsPath;
      state.TimeoutSeconds = options.engineTaskTimerSeconds;
      state.Retry = [attemptRenewalRetrier(), ...(Array.isArray(state.Retry) ? state.Retry : [])];
    }
    if (isJsonObject(state.ItemProcessor)) state.ItemProcessor = rewriteMachine(state.ItemProcessor);
    if (isJsonObject(state.Iterator)) state.Iterator = rewriteMachine(state.Iterator);
    if (Array.isArray(state.Branches)) {
      state.Branches = state.Branches.map((branch) => (isJsonObject(branch) ? rewriteMachine(branch) : branch));
    }
    return state;
  };

  const engineDefinition = rewriteMachine(definition);
  const executionTimeoutSeconds = typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : undefined;
  // Enforced by the runtime with a chunked timer: the engine's bare setTimeout overflows above 24.8 days.
  delete engineDefinition.TimeoutSeconds;
  return executionTimeoutSeconds === undefined ? { engineDefinition, tasks, stateTypes } : { engineDefinition, tasks, stateTypes, executionTimeoutSeconds };
}

function taskSpecOf(state: JsonObject): LocalTaskSpec | undefined {
  const kind = classifyTaskResource(state.Resource);
  const timeouts = {
    ...(typeof state.TimeoutSeconds === 'number' ? { timeoutSeconds: state.TimeoutSeconds } : {}),
    ...(typeof state.HeartbeatSeconds === 'number' ? { heartbeatSeconds: state.HeartbeatSeconds } : {}),
  };
  if (kind === 'lambda-function' && typeof state.Resource === 'string') {
    return { kind, functionArn: state.Resource, ...(timeouts.timeoutSeconds === undefined ? {} : { timeoutSeconds: timeouts.timeoutSeconds }) };
  }
  if (kind === 'lambda-invoke' || kind === 'lambda-invoke-callback') return { kind, ...timeouts };
  return undefined;
}

/** Fields every kind of state shares: paths, payload templates, Retry and Catch. Returns a fresh object. */
function rewriteCommonFields(stateName: string, original: JsonObject, timeScale: number): JsonObject {
  const state: JsonObject = { ...original };
  for (const field of pathFields) {
    const expression = state[field];
    if (typeof expression === 'string') state[field] = redirectExecutionContext(expression);
  }
  for (const field of payloadTemplateFields) {
    const template = state[field];
    if (template !== undefined) state[field] = rewriteTemplate(template, stateName);
  }
  if (Array.isArray(state.Choices)) state.Choices = state.Choices.map(redirectChoiceRulePaths);
  // The engine treats ResultPath "$" as a field literally named "$" instead of "replace the whole input".
  if (state.ResultPath === '$') delete state.ResultPath;
  if (Array.isArray(state.Catch)) {
    state.Catch = state.Catch.map((catcher) => {
      if (!isJsonObject(catcher) || catcher.ResultPath !== '$') return catcher;
      const { ResultPath: _wholeInput, ...rest } = catcher;
      return rest;
    });
  }
  if (Array.isArray(state.Retry)) state.Retry = state.Retry.map((retrier) => (isJsonObject(retrier) ? scaleRetrier(retrier, timeScale) : retrier));
  return state;
}

/**
 * Retry pauses are scaled in the definition rather than with the engine's retryIntervalOverrides, which replace the
 * computed pause by a constant and so would drop BackoffRate, MaxDelaySeconds and JitterStrategy.
 */
function scaleRetrier(retrier: JsonObject, timeScale: number): JsonObject {
  const intervalSeconds = typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1;
  const maxDelaySeconds = typeof retrier.MaxDelaySeconds === 'number' ? retrier.MaxDelaySeconds / timeScale : Number.POSITIVE_INFINITY;
  return {
    ...retrier,
    IntervalSeconds: intervalSeconds / timeScale,
    MaxDelaySeconds: Math.min(maxDelaySeconds, MAX_RETRY_PAUSE_SECONDS),
  };
}

function attemptRenewalRetrier(): JsonObject {
  return { ErrorEquals: [ATTEMPT_RENEWAL_ERROR], IntervalSeconds: 0, BackoffRate: 1, MaxAttempts: 99_999_999 };
}

/**
 * The engine runs a Wait with one bare setTimeout (overflowing above 24.8 days) and cannot scale SecondsPath or
 * Timestamp durations. As a Task, its pause runs in the local task handler; Parameters evaluates the path fields
 * against the effective input exactly as the Wait state would.
 */
function waitAsTask(wait: JsonObject): JsonObject {
  const parameters: JsonObject = { 'input.$': '$' };
  if (wait.Seconds !== undefined) parameters.seconds = wait.Seconds;
  else if (typeof wait.SecondsPath === 'string') parameters['seconds.$'] = wait.SecondsPath;
  else if (wait.Timestamp !== undefined) parameters.timestamp = wait.Timestamp;
  else if (typeof wait.TimestampPath === 'string') parameters['timestamp.$'] = wait.TimestampPath;
  const task: JsonObject = { Type: 'Task', Resource: WAIT_STAND_IN_RESOURCE, Parameters: parameters };
  for (const field of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End'] as const) {
    const value = wait[field];
    if (value !== undefined) task[field] = value;
  }
  return task;
}

const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

/**
 * The engine evaluates `"IsPresent": false` (and the other type tests set to false) as `false && ...`, so the rule
 * never matches; `{ "Not": { ..., "IsPresent": true } }` is what AWS evaluates.
 */
function negateFalseTypeTests(rule: JsonValue): JsonValue {
  if (!isJsonObject(rule)) return rule;
  const fixed: JsonObject = { ...rule };
  for (const combinator of ['And', 'Or'] as const) {
    const children = fixed[combinator];
    if (Array.isArray(children)) fixed[combinator] = children.map(negateFalseTypeTests);
  }
  if (fixed.Not !== undefined) fixed.Not = negateFalseTypeTests(fixed.Not);
  const falseTest = TYPE_TESTS.find((test) => fixed[test] === false);
  if (falseTest === undefined) return fixed;
  const { Next: next, [falseTest]: _negated, ...condition } = fixed;
  const negated: JsonObject = { Not: { ...condition, [falseTest]: true } };
  if (next !== undefined) negated.Next = next;
  return negated;
}

function redirectChoiceRulePaths(rule: JsonValue): JsonValue {
  if (!isJsonObject(rule)) return rule;
  return Object.fromEntries(
    Object.entries(rule).map(([key, value]) => {
      if ((key === 'Variable' || key.endsWith('Path')) && typeof value === 'string') return [key, redirectExecutionContext(value)];
      if ((key === 'And' || key === 'Or') && Array.isArray(value)) return [key, value.map(redirectChoiceRulePaths)];
      if (key === 'Not') return [key, redirectChoiceRulePaths(value)];
      return [key, value];
    }),
  );
}

function redirectExecutionContext(expression: string): string {
  return expression.replace(/\$\$\.Execution\b/g, `$$$$.${EXECUTION_CONTEXT_KEY}`);
}

/**
 * `$$.State.Name` is known statically, so it becomes a literal: the engine's context object has no State.
 * Everything else referring to `$$.Execution` is redirected (see EXECUTION_CONTEXT_KEY).
 */
function rewriteTemplate(value: JsonValue, stateName: string): JsonValue {
  if (Array.isArray(value)) return value.map((item) => rewriteTemplate(item, stateName));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (!key.endsWith('.$') || typeof item !== 'string') return [key, rewriteTemplate(item, stateName)];
      if (item.trim() === '$$.State.Name') return [key.slice(0, -2), stateName];
      const quotedStateName = `'${stateName.replaceAll("'", "\\'")}'`;
      return [key, redirectExecutionContext(item).replace(/\$\$\.State\.Name\b/g, quotedStateName)];
    }),
  );
}

