import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../local/stepfunctions/definition.ts';
import { isJsonObject } from '../../../local/stepfunctions/json.ts';
import type { JsonObject } from '../../../local/stepfunctions/json.ts';
import { assertRunsLocally, findUnsupportedFeatures } from '../../../local/stepfunctions/supported-features.ts';
import { orderFulfilmentSubstitutions, readOrderFulfilmentDefinition } from './real-definition.ts';

/** asl-validator 4 ships no type declarations: its CommonJS export is narrowed here. */
function runAslValidator(definition: unknown): { isValid: boolean; errors: unknown[] } {
  const validator: unknown = createRequire(import.meta.url)('asl-validator');
  if (typeof validator !== 'function') throw new Error('asl-validator does not export a function');
  const outcome: unknown = validator(definition, { checkPaths: true, checkArn: true });
  if (typeof outcome !== 'object' || outcome === null || !('isValid' in outcome) || !('errors' in outcome)) {
    throw new Error('unexpected asl-validator result');
  }
  return { isValid: outcome.isValid === true, errors: Array.isArray(outcome.errors) ? outcome.errors : [outcome.errors] };
}

function realDefinition(): JsonObject {
  return loadDefinition(readOrderFulfilmentDefinition(), orderFulfilmentSubstitutions);
}

function stateOf(definition: JsonObject, stateName: string): JsonObject {
  const states = definition.States;
  if (!isJsonObject(states)) throw new Error('no States');
  const state = states[stateName];
  if (!isJsonObject(state)) throw new Error(`no state ${stateName}`);
  return state;
}

/** A copy of the real definition with one state changed. */
function withStateChange(stateName: string, change: (state: JsonObject) => void): JsonObject {
  const definition = realDefinition();
  change(stateOf(definition, stateName));
  return definition;
}

describe('the real order fulfilment definition', () => {
  it('uses only features the local runtime runs as AWS does', () => {
    expect(findUnsupportedFeatures(realDefinition())).toEqual([]);
    expect(() => assertRunsLocally(realDefinition())).not.toThrow();
  });

  it('passes asl-validator 4 once its placeholders are substituted', () => {
    const { isValid, errors } = runAslValidator(realDefinition());
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('is rejected by asl-validator 4 when a transition target is missing (the check has teeth)', () => {
    const broken = withStateChange('StartBilling', (state) => void (state.Next = 'NoSuchState'));
    expect(runAslValidator(broken).isValid).toBe(false);
  });

  it('still contains placeholders that must be substituted (the validator would reject the raw text)', () => {
    expect(readOrderFulfilmentDefinition()).toContain('${AcknowledgeOrderFunctionArn}');
    expect(JSON.stringify(realDefinition())).not.toContain('${');
  });
});

describe('each unsupported feature injected into the real definition is refused, naming the state', () => {
  const injections: Array<{ feature: string; stateName: string; change: (state: JsonObject) => void; expected: RegExp }> = [
    { feature: 'JSONata on a state', stateName: 'AcknowledgeOrder', change: (state) => void (state.QueryLanguage = 'JSONata'), expected: /JSONata/ },
    { feature: 'Assign', stateName: 'ConfirmResources', change: (state) => void (state.Assign = { orderId: '$.orderId' }), expected: /Assign/ },
    { feature: 'Output', stateName: 'StartBilling', change: (state) => void (state.Output = '{% $states.input %}'), expected: /Output/ },
    { feature: 'Arguments', stateName: 'CloseOrder', change: (state) => void (state.Arguments = { FunctionName: 'x' }), expected: /Arguments/ },
    { feature: 'a JSONata expression', stateName: 'CloseOrder', change: (state) => void (state.Comment2 = '{% $now() %}'), expected: /JSONata expression/ },
    { feature: 'a JSONata Choice Condition', stateName: 'AcknowledgementDecision', change: (state) => void (state.Choices = [{ Condition: '{% true %}', Next: 'OrderRejected' }]), expected: /Condition/ },
    {
      feature: 'HeartbeatSecondsPath',
      stateName: 'AwaitCustomerAcceptance',
      change: (state) => void (state.HeartbeatSecondsPath = '$.heartbeat'),
      expected: /HeartbeatSecondsPath/,
    },
    { feature: 'TimeoutSecondsPath', stateName: 'AwaitNetworkBuild', change: (state) => void (delete state.TimeoutSeconds, (state.TimeoutSecondsPath = '$.timeout')), expected: /TimeoutSecondsPath/ },
    { feature: 'HeartbeatSeconds on a request-response task', stateName: 'StartBilling', change: (state) => void (state.HeartbeatSeconds = 60), expected: /HeartbeatSeconds on a Task that is not \.waitForTaskToken/ },
    { feature: 'a .sync integration', stateName: 'StartBilling', change: (state) => void (state.Resource = 'arn:aws:states:::states:startExecution.sync:2'), expected: /\.sync integration/ },
    { feature: 'an AWS SDK integration', stateName: 'CloseOrder', change: (state) => void (state.Resource = 'arn:aws:states:::aws-sdk:dynamodb:putItem'), expected: /Resource arn:aws:states:::aws-sdk:dynamodb:putItem/ },
    { feature: 'an activity', stateName: 'CloseOrder', change: (state) => void (state.Resource = 'arn:aws:states:us-east-1:000000000000:activity:close'), expected: /activity:close/ },
    { feature: 'a lambda:invoke parameter other than FunctionName/Payload', stateName: 'StartBilling', change: (state) => void (isJsonObject(state.Parameters) && (state.Parameters.InvocationType = 'Event')), expected: /InvocationType/ },
    { feature: '$$.Task.Token in a request-response task', stateName: 'StartBilling', change: (state) => void (isJsonObject(state.Parameters) && isJsonObject(state.Parameters.Payload) && (state.Parameters.Payload['token.$'] = '$$.Task.Token')), expected: /\$\$\.Task\.Token/ },
    { feature: '$$.State.EnteredTime', stateName: 'CloseOrder', change: (state) => void (isJsonObject(state.Parameters) && isJsonObject(state.Parameters.Payload) && (state.Parameters.Payload['entered.$'] = '$$.State.EnteredTime')), expected: /\$\$\.State\.EnteredTime/ },
    { feature: 'Credentials', stateName: 'CloseOrder', change: (state) => void (state.Credentials = { RoleArn: 'arn:aws:iam::000000000000:role/x' }), expected: /Credentials/ },
    { feature: 'a workflow variable reference', stateName: 'CloseOrder', change: (state) => void (isJsonObject(state.Parameters) && (state.Parameters['FunctionName.$'] = '$closeFunction', delete state.Parameters.FunctionName)), expected: /workflow variable/ },
  ];

  for (const { feature, stateName, change, expected } of injections) {
    it(`refuses ${feature}`, () => {
      const definition = withStateChange(stateName, change);
      const found = findUnsupportedFeatures(definition);
      expect(found).toContainEqual({ stateName, feature: expect.stringMatching(expected) });
      // Nothing else in the definition is reported.
      expect(found.every((unsupported) => unsupported.stateName === stateName)).toBe(true);
      expect(() => assertRunsLocally(definition)).toThrow(new RegExp(`state "${stateName}": .*${expected.source}`));
    });
  }

  it('refuses a distributed Map with ItemReader and ResultWriter, naming each feature', () => {
    const definition = withStateChange('StartBilling', (state) => {
      for (const key of Object.keys(state)) delete state[key];
      Object.assign(state, {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
        Next: 'CloseOrder',
      });
    });
    const features = findUnsupportedFeatures(definition).map(({ stateName, feature }) => `${stateName ?? ''}: ${feature}`);
    expect(features).toEqual([
      'StartBilling: distributed Map (ProcessorConfig.Mode: DISTRIBUTED)',
      'StartBilling: ItemReader (distributed Map)',
      'StartBilling: ResultWriter (distributed Map)',
    ]);
  });

  it('refuses top-level JSONata and lists every problem in one error', () => {
    const definition = withStateChange('AcknowledgeOrder', (state) => void (state.Assign = { x: 1 }));
    definition.QueryLanguage = 'JSONata';
    expect(() => assertRunsLocally(definition)).toThrow(/definition: JSONata[\s\S]*state "AcknowledgeOrder": Assign/);
  });

  it('refuses a Pass state whose Result the engine would ignore', () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Result: false, End: true } } };
    expect(findUnsupportedFeatures(definition)).toEqual([{ stateName: 'P', feature: expect.stringContaining('Pass with a Result of false') }]);
  });

  it('looks inside Parallel branches and Map item processors', () => {
    const definition = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } }],
          End: true,
        },
      },
    };
    expect(findUnsupportedFeatures(definition)).toEqual([{ stateName: 'Inner', feature: expect.stringContaining('arn:aws:states:::sqs:sendMessage') }]);
  });

  it('accepts Retry JitterStrategy and MaxDelaySeconds, which the engine honours', () => {
    const definition = withStateChange('AcknowledgeOrder', (state) => {
      state.Retry = [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3, MaxDelaySeconds: 5, JitterStrategy: 'FULL' }];
    });
    expect(findUnsupportedFeatures(definition)).toEqual([]);
  });

  it('refuses something that is not a definition at all', () => {
    expect(() => assertRunsLocally('nope')).toThrow(/not a state machine definition/);
  });
});
