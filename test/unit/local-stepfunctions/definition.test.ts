import { describe, expect, it } from 'vitest';
import {
  ATTEMPT_RENEWAL_ERROR,
  EXECUTION_CONTEXT_KEY,
  MAX_RETRY_PAUSE_SECONDS,
  loadDefinition,
  planEngineDefinition,
} from '../../../local/stepfunctions/definition.ts';
import { isJsonObject } from '../../../local/stepfunctions/json.ts';
import type { JsonObject } from '../../../local/stepfunctions/json.ts';
import { orderFulfilmentSubstitutions, readOrderFulfilmentDefinition } from './real-definition.ts';

function stateOf(definition: JsonObject, stateName: string): JsonObject {
  const states = definition.States;
  if (!isJsonObject(states) || !isJsonObject(states[stateName])) throw new Error(`no state ${stateName}`);
  return states[stateName];
}

const plan = (definition: JsonObject, timeScale = 1) => planEngineDefinition(definition, { timeScale, engineTaskTimerSeconds: 1234 });

describe('loadDefinition', () => {
  it('replaces every ${...} placeholder of the real definition with its substitution', () => {
    const definition = loadDefinition(readOrderFulfilmentDefinition(), orderFulfilmentSubstitutions);
    const parameters = stateOf(definition, 'AwaitNetworkBuild').Parameters;
    expect(isJsonObject(parameters) && parameters.FunctionName).toBe('arn:aws:lambda:us-east-1:000000000000:function:kamflow-AwaitNetworkBuild');
    expect(JSON.stringify(definition)).not.toMatch(/\$\{/);
  });

  it('refuses a definition with a placeholder nobody substitutes, naming it', () => {
    const { AcknowledgeOrderFunctionArn: _left, ...incomplete } = orderFulfilmentSubstitutions;
    expect(() => loadDefinition(readOrderFulfilmentDefinition(), incomplete)).toThrow('No definition substitution for ${AcknowledgeOrderFunctionArn}');
  });

  it('accepts a parsed object and does not keep a reference to it', () => {
    const original = { StartAt: 'A', States: { A: { Type: 'Pass', Result: { fn: '${Fn}' }, End: true } } };
    const loaded = loadDefinition(original, { Fn: 'arn:x' });
    expect(stateOf(loaded, 'A').Result).toEqual({ fn: 'arn:x' });
    expect(original.States.A.Result.fn).toBe('${Fn}');
  });
});

describe('planEngineDefinition', () => {
  it('turns "IsPresent": false into a negated IsPresent, which the engine evaluates as AWS does', () => {
    const definition = loadDefinition(readOrderFulfilmentDefinition(), orderFulfilmentSubstitutions);
    const choices = stateOf(plan(definition).engineDefinition, 'RouteToResumePoint').Choices;
    expect(Array.isArray(choices) && choices[0]).toEqual({ Not: { Variable: '$.resumeFrom', IsPresent: true }, Next: 'AcknowledgeOrder' });
    expect(Array.isArray(choices) && choices[1]).toEqual({ Variable: '$.resumeFrom', StringEquals: 'ORDER_ACCEPTANCE', Next: 'AcknowledgeOrder' });
  });

  it('negates false type tests nested in And/Or/Not too', () => {
    const definition: JsonObject = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.a', IsNull: false }, { Not: { Variable: '$.b', IsString: false } }], Next: 'D' }], Default: 'D' },
        D: { Type: 'Succeed' },
      },
    };
    const choices = stateOf(plan(definition).engineDefinition, 'C').Choices;
    expect(choices).toEqual([{ And: [{ Not: { Variable: '$.a', IsNull: true } }, { Not: { Not: { Variable: '$.b', IsString: true } } }], Next: 'D' }]);
  });

  it('scales Retry pauses by the time scale, keeping backoff and jitter, and caps them within setTimeout range', () => {
    const definition: JsonObject = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'f' },
          Retry: [
            { ErrorEquals: ['A'], IntervalSeconds: 60, BackoffRate: 3, MaxAttempts: 5, JitterStrategy: 'FULL', MaxDelaySeconds: 600 },
            { ErrorEquals: ['B'] },
          ],
          End: true,
        },
      },
    };
    const retry = stateOf(plan(definition, 60).engineDefinition, 'T').Retry;
    expect(retry).toEqual([
      { ErrorEquals: [ATTEMPT_RENEWAL_ERROR], IntervalSeconds: 0, BackoffRate: 1, MaxAttempts: 99_999_999 },
      { ErrorEquals: ['A'], IntervalSeconds: 1, BackoffRate: 3, MaxAttempts: 5, JitterStrategy: 'FULL', MaxDelaySeconds: 10 },
      { ErrorEquals: ['B'], IntervalSeconds: 1 / 60, MaxDelaySeconds: MAX_RETRY_PAUSE_SECONDS },
    ]);
  });

  it('gives every Task the engine timer and drops the timeouts the runtime enforces itself', () => {
    const definition = loadDefinition(readOrderFulfilmentDefinition(), orderFulfilmentSubstitutions);
    const planned = plan({ ...definition, TimeoutSeconds: 500 });
    const activation = stateOf(planned.engineDefinition, 'RequestActivation');
    expect(activation.TimeoutSeconds).toBe(1234);
    expect(activation).not.toHaveProperty('HeartbeatSeconds');
    expect(planned.engineDefinition).not.toHaveProperty('TimeoutSeconds');
    expect(planned.executionTimeoutSeconds).toBe(500);
    expect(planned.tasks.get('RequestActivation')).toEqual({ kind: 'lambda-invoke-callback', timeoutSeconds: 1_209_600, heartbeatSeconds: 86_400 });
    expect(planned.tasks.get('AcknowledgeOrder')).toEqual({ kind: 'lambda-invoke' });
    expect([...planned.tasks.keys()].sort()).toEqual(
      ['AcknowledgeOrder', 'AwaitCustomerAcceptance', 'AwaitNetworkBuild', 'AwaitResume', 'CancelOrder', 'CloseOrder', 'ConfirmResources', 'HandleInterruption', 'RecordCompletionReport', 'RecordFailure', 'RequestActivation', 'StartBilling'],
    );
  });

  it('redirects $$.Execution paths and writes $$.State.Name as a literal', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Pass',
          Parameters: { 'id.$': '$$.Execution.Id', 'name.$': '$$.State.Name', 'label.$': "States.Format('{} in {}', $$.State.Name, $$.Execution.Name)" },
          End: true,
        },
      },
    };
    expect(stateOf(plan(definition).engineDefinition, 'P').Parameters).toEqual({
      'id.$': `$$.${EXECUTION_CONTEXT_KEY}.Id`,
      name: 'P',
      'label.$': `States.Format('{} in {}', 'P', $$.${EXECUTION_CONTEXT_KEY}.Name)`,
    });
  });

  it('runs a Wait state as a Task whose Parameters carry the duration, and records its original type', () => {
    const definition = { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.delay', InputPath: '$.inner', End: true } } };
    const planned = plan(definition);
    const wait = stateOf(planned.engineDefinition, 'W');
    expect(wait).toMatchObject({ Type: 'Task', Parameters: { 'input.$': '$', 'seconds.$': '$.delay' }, InputPath: '$.inner', End: true });
    expect(planned.tasks.get('W')).toEqual({ kind: 'wait' });
    expect(planned.stateTypes.get('W')).toBe('Wait');
  });

  it('treats ResultPath "$" as AWS does (replace the input) instead of the engine\'s field named "$"', () => {
    const definition: JsonObject = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'f' },
          ResultPath: '$',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'E' }],
          End: true,
        },
        E: { Type: 'Succeed' },
      },
    };
    const task = stateOf(plan(definition).engineDefinition, 'T');
    expect(task).not.toHaveProperty('ResultPath');
    expect(task.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'E' }]);
  });
});
