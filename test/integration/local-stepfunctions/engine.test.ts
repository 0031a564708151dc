import { describe, expect, it } from 'vitest';
import type { LambdaContextLike } from '../../../local/stepfunctions/engine.ts';
import { mintTaskToken } from '../../../local/stepfunctions/task-token.ts';
import {
  OrderNotFound,
  TransientError,
  createInbox,
  createTestEngine,
  functionArn,
  parseOutput,
  rejectionOf,
  sleep,
  taskTokenOf,
} from './fixtures.ts';

const invoke = (functionName: string, payload: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionArn(functionName), Payload: payload },
});

const invokeAndWait = (functionName: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: functionArn(functionName), Payload: { 'orderId.$': '$.orderId', 'taskToken.$': '$$.Task.Token' } },
  ...extra,
});

describe('lambda:invoke tasks', () => {
  it('pass the Payload after Parameters and return the integration result, so ResultSelector $.Payload works', async () => {
    const seen: Array<{ event: unknown; context: LambdaContextLike }> = [];
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Price',
        States: {
          Price: {
            ...invoke('price', { 'orderId.$': '$.orderId', 'executionId.$': '$$.Execution.Id', 'state.$': '$$.State.Name' }),
            ResultSelector: { 'total.$': '$.Payload.total', 'status.$': '$.StatusCode', 'version.$': '$.ExecutedVersion' },
            ResultPath: '$.price',
            End: true,
          },
        },
      },
      {
        price: async (event, context) => {
          seen.push({ event, context });
          return { total: 42 };
        },
      },
    );
    const executionArn = await start({ orderId: 'order-1' });
    const execution = await engine.waitForExecution(executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual({ orderId: 'order-1', price: { total: 42, status: 200, version: '$LATEST' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.event).toEqual({ orderId: 'order-1', executionId: executionArn, state: 'Price' });
    expect(seen[0]?.context).toMatchObject({ functionName: 'price', invokedFunctionArn: functionArn('price'), functionVersion: '$LATEST' });
    expect(seen[0]?.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('returns the whole integration result when nothing selects from it', async () => {
    let requestId = '';
    const { engine, start } = createTestEngine(
      { StartAt: 'Echo', States: { Echo: { ...invoke('echo', { 'value.$': '$.value' }), End: true } } },
      {
        echo: async (event, context) => {
          requestId = context.awsRequestId;
          return event;
        },
      },
    );
    const execution = await engine.waitForExecution(await start({ value: 7 }));
    expect(parseOutput(execution.output)).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { value: 7 },
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: 200,
    });
  });

  it('round-trips payloads through JSON in both directions', async () => {
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Mutate',
        States: { Mutate: { ...invoke('mutate', { 'items.$': '$.items' }), ResultSelector: { 'result.$': '$.Payload' }, ResultPath: '$.out', End: true } },
      },
      {
        mutate: async (event) => {
          if (typeof event === 'object' && event !== null && 'items' in event && Array.isArray(event.items)) event.items.push('added by the handler');
          return { when: new Date('2030-01-01T00:00:00Z'), dropped: undefined, nothing: null };
        },
      },
    );
    const execution = await engine.waitForExecution(await start({ items: ['a'] }));
    expect(parseOutput(execution.output)).toEqual({ items: ['a'], out: { result: { when: '2030-01-01T00:00:00.000Z', nothing: null } } });
  });

  it('a handler returning nothing gives Payload null, as Lambda does', async () => {
    const { engine, start } = createTestEngine(
      { StartAt: 'Void', States: { Void: { ...invoke('void', {}), ResultSelector: { 'payload.$': '$.Payload' }, End: true } } },
      { void: async () => undefined },
    );
    expect(parseOutput((await engine.waitForExecution(await start())).output)).toEqual({ payload: null });
  });

  it('retries a handler error by its name with scaled, backed-off intervals, then succeeds', async () => {
    let calls = 0;
    const { engine, start, events } = createTestEngine(
      {
        StartAt: 'Flaky',
        States: {
          Flaky: {
            ...invoke('flaky', {}),
            Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 60, BackoffRate: 2, MaxAttempts: 3 }],
            ResultSelector: { 'calls.$': '$.Payload.calls' },
            End: true,
          },
        },
      },
      {
        flaky: async () => {
          calls += 1;
          if (calls < 3) throw new TransientError(`attempt ${calls} failed`);
          return { calls };
        },
      },
      // 60 s and 120 s of workflow time become 60 ms and 120 ms.
      { timeScale: 1000 },
    );
    const began = Date.now();
    const execution = await engine.waitForExecution(await start());
    const elapsed = Date.now() - began;

    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual({ calls: 3 });
    expect(elapsed).toBeGreaterThanOrEqual(170);
    expect(elapsed).toBeLessThan(5000);
    await engine.close();
    expect(events.filter((event) => event.type === 'StateRetried').map((event) => event.retryAttempt)).toEqual([1, 2]);
  });

  it('catches a named error with the Lambda error JSON as Cause, after exhausting retries', async () => {
    let calls = 0;
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Lookup',
        States: {
          Lookup: {
            ...invoke('lookup', {}),
            Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ['OrderNotFound'], ResultPath: '$.failure', Next: 'Missing' }],
            End: true,
          },
          Missing: { Type: 'Pass', End: true },
        },
      },
      {
        lookup: async () => {
          calls += 1;
          throw new OrderNotFound('order-9 does not exist');
        },
      },
      { timeScale: 1000 },
    );
    const execution = await engine.waitForExecution(await start({ orderId: 'order-9' }));
    const output = parseOutput(execution.output);

    expect(calls).toBe(1);
    expect(output).toMatchObject({ orderId: 'order-9', failure: { Error: 'OrderNotFound' } });
    const cause: unknown = JSON.parse((output as { failure: { Cause: string } }).failure.Cause);
    expect(cause).toMatchObject({ errorType: 'OrderNotFound', errorMessage: 'order-9 does not exist' });
    expect((cause as { trace: unknown }).trace).toEqual(expect.arrayContaining([expect.stringContaining('OrderNotFound: order-9 does not exist')]));
  });

  it('does not match an error subclass that leaves name as "Error" (errorType is the name, as on Lambda)', async () => {
    class ForgotToName extends Error {}
    let calls = 0;
    const { engine, start } = createTestEngine(
      {
        StartAt: 'T',
        States: { T: { ...invoke('t', {}), Retry: [{ ErrorEquals: ['ForgotToName'], IntervalSeconds: 1 }], End: true } },
      },
      {
        t: async () => {
          calls += 1;
          throw new ForgotToName('boom');
        },
      },
      { timeScale: 1000 },
    );
    const execution = await engine.waitForExecution(await start());
    expect(calls).toBe(1);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Error' });
    expect(JSON.parse(execution.cause ?? '')).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
  });

  it('fails an unknown function with Lambda.ResourceNotFoundException', async () => {
    const { engine, start } = createTestEngine({ StartAt: 'Ghost', States: { Ghost: { ...invoke('ghost', {}), End: true } } }, {});
    const execution = await engine.waitForExecution(await start());
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Lambda.ResourceNotFoundException');
    expect(execution.cause).toContain(functionArn('ghost'));
  });

  it('runs a plain function ARN Resource with the effective input as event and the raw result as output', async () => {
    const { engine, start } = createTestEngine(
      { StartAt: 'Legacy', States: { Legacy: { Type: 'Task', Resource: functionArn('legacy'), Parameters: { 'n.$': '$.n' }, End: true } } },
      { legacy: async (event) => ({ doubled: 2 * (event as { n: number }).n }) },
    );
    expect(parseOutput((await engine.waitForExecution(await start({ n: 21 }))).output)).toEqual({ doubled: 42 });
  });
});

describe('the context object', () => {
  it('gives $$.Execution, $$.StateMachine and $$.State as AWS does, also inside a Parallel branch', async () => {
    const contextFields = {
      'id.$': '$$.Execution.Id',
      'name.$': '$$.Execution.Name',
      'startTime.$': '$$.Execution.StartTime',
      'input.$': '$$.Execution.Input',
      'stateMachineId.$': '$$.StateMachine.Id',
      'stateMachineName.$': '$$.StateMachine.Name',
      'state.$': '$$.State.Name',
    };
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Top',
        States: {
          Top: { Type: 'Pass', Parameters: contextFields, ResultPath: '$.top', Next: 'Fan' },
          Fan: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Parameters: contextFields, End: true } } }],
            ResultPath: '$.branches',
            End: true,
          },
        },
      },
      {},
    );
    const executionArn = await start({ orderId: 'order-7' }, 'order-7-run');
    const execution = await engine.waitForExecution(executionArn);
    const expected = {
      id: executionArn,
      name: 'order-7-run',
      startTime: execution.startDate.toISOString(),
      input: { orderId: 'order-7' },
      stateMachineId: engine.stateMachineArn,
      stateMachineName: 'test-machine',
    };
    expect(executionArn).toBe(`arn:aws:states:us-east-1:000000000000:execution:test-machine:order-7-run`);
    expect(parseOutput(execution.output)).toEqual({
      orderId: 'order-7',
      top: { ...expected, state: 'Top' },
      branches: [{ ...expected, state: 'Inner' }],
    });
  });
});

describe('callback tasks (.waitForTaskToken)', () => {
  it('give the handler a fresh opaque token and complete with the SendTaskSuccess output', async () => {
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(
      { StartAt: 'Approve', States: { Approve: { ...invokeAndWait('approve'), ResultPath: '$.approval', End: true } } },
      {
        approve: async (event) => {
          tokens.put(taskTokenOf(event));
          return { accepted: true };
        },
      },
    );
    const executionArn = await start({ orderId: 'order-1' });
    const token = await tokens.next();
    expect(token).toMatch(/^AQ[A-Za-z0-9+/]{640}$/);
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');

    await engine.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ decision: 'APPROVED' }) });
    const execution = await engine.waitForExecution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual({ orderId: 'order-1', approval: { decision: 'APPROVED' } });
  });

  it('answer a token whose task has ended with TaskTimedOut, a malformed one with InvalidToken, an unknown one with TaskDoesNotExist', async () => {
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(
      { StartAt: 'Approve', States: { Approve: { ...invokeAndWait('approve'), End: true } } },
      { approve: async (event) => void tokens.put(taskTokenOf(event)) },
    );
    const executionArn = await start({ orderId: 'o' });
    const token = await tokens.next();

    expect((await rejectionOf(engine.sendTaskSuccess({ taskToken: token, output: '{not json' }))).name).toBe('InvalidOutput');
    await engine.sendTaskSuccess({ taskToken: token, output: '{}' });
    await engine.waitForExecution(executionArn);

    expect((await rejectionOf(engine.sendTaskSuccess({ taskToken: token, output: '{}' }))).name).toBe('TaskTimedOut');
    expect((await rejectionOf(engine.sendTaskFailure({ taskToken: token, error: 'Late' }))).name).toBe('TaskTimedOut');
    expect((await rejectionOf(engine.sendTaskHeartbeat({ taskToken: token }))).name).toBe('TaskTimedOut');
    expect((await rejectionOf(engine.sendTaskSuccess({ taskToken: 'bogus', output: '{}' }))).name).toBe('InvalidToken');
    expect((await rejectionOf(engine.sendTaskSuccess({ taskToken: mintTaskToken(), output: '{}' }))).name).toBe('TaskDoesNotExist');
    expect((await rejectionOf(engine.sendTaskSuccess({ taskToken: '', output: '{}' }))).name).toBe('ValidationException');
    const error = await rejectionOf(engine.sendTaskSuccess({ taskToken: token, output: '{}' }));
    expect(error.message).not.toContain(token);
  });

  it('turn SendTaskFailure into the task error, with its cause, for Catch', async () => {
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Approve',
        States: {
          Approve: { ...invokeAndWait('approve', { Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.failure', Next: 'Declined' }] }), End: true },
          Declined: { Type: 'Succeed' },
        },
      },
      { approve: async (event) => void tokens.put(taskTokenOf(event)) },
    );
    const executionArn = await start({ orderId: 'o' });
    await engine.sendTaskFailure({ taskToken: await tokens.next(), error: 'Rejected', cause: 'customer said no' });
    expect(parseOutput((await engine.waitForExecution(executionArn)).output)).toEqual({ orderId: 'o', failure: { Error: 'Rejected', Cause: 'customer said no' } });
  });

  it('accept SendTaskSuccess sent by the handler before it returns', async () => {
    const { engine, start } = createTestEngine(
      { StartAt: 'Instant', States: { Instant: { ...invokeAndWait('instant'), End: true } } },
      {
        instant: async (event) => {
          await engine.sendTaskSuccess({ taskToken: taskTokenOf(event), output: '{"fast":true}' });
          return 'ignored';
        },
      },
    );
    expect(parseOutput((await engine.waitForExecution(await start({ orderId: 'o' }))).output)).toEqual({ fast: true });
  });

  it('fail with the handler error, and mint a new token for the retried attempt', async () => {
    const tokens: string[] = [];
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Submit',
        States: { Submit: { ...invokeAndWait('submit', { Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 2 }] }), End: true } },
      },
      {
        submit: async (event) => {
          tokens.push(taskTokenOf(event));
          if (tokens.length === 1) throw new TransientError('provisioning system busy');
          await engine.sendTaskSuccess({ taskToken: taskTokenOf(event), output: '"done"' });
          return null;
        },
      },
      { timeScale: 1000 },
    );
    const execution = await engine.waitForExecution(await start({ orderId: 'o' }));
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect((await rejectionOf(engine.sendTaskSuccess({ taskToken: tokens[0] ?? '', output: '{}' }))).name).toBe('TaskTimedOut');
  });

  it('fail with States.HeartbeatTimeout when heartbeats stop, scaled by timeScale', async () => {
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(
      // One day of heartbeat at 864,000x is 100 ms.
      { StartAt: 'Activate', States: { Activate: { ...invokeAndWait('activate', { HeartbeatSeconds: 86_400, TimeoutSeconds: 1_209_600 }), End: true } } },
      { activate: async (event) => void tokens.put(taskTokenOf(event)) },
      { timeScale: 864_000 },
    );
    const executionArn = await start({ orderId: 'o' });
    const token = await tokens.next();
    const began = Date.now();
    const execution = await engine.waitForExecution(executionArn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(60);
    expect((await rejectionOf(engine.sendTaskHeartbeat({ taskToken: token }))).name).toBe('TaskTimedOut');
  });

  it('stay alive while heartbeats arrive, beyond HeartbeatSeconds in total', async () => {
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(
      { StartAt: 'Activate', States: { Activate: { ...invokeAndWait('activate', { HeartbeatSeconds: 86_400 }), End: true } } },
      { activate: async (event) => void tokens.put(taskTokenOf(event)) },
      { timeScale: 864_000 },
    );
    const executionArn = await start({ orderId: 'o' });
    const token = await tokens.next();
    for (let beat = 0; beat < 8; beat += 1) {
      await sleep(30);
      await engine.sendTaskHeartbeat({ taskToken: token });
    }
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    await engine.sendTaskSuccess({ taskToken: token, output: '{"activated":true}' });
    expect((await engine.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
  });

  it('time out with States.Timeout and an empty Cause, which States.TaskFailed does not catch but States.Timeout does', async () => {
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Await',
        States: {
          Await: {
            ...invokeAndWait('await', {
              TimeoutSeconds: 100,
              Catch: [
                { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.caught', Next: 'CaughtAsTaskFailed' },
                { ErrorEquals: ['States.Timeout'], ResultPath: '$.caught', Next: 'CaughtAsTimeout' },
              ],
            }),
            End: true,
          },
          CaughtAsTaskFailed: { Type: 'Fail', Error: 'WrongCatcher' },
          CaughtAsTimeout: { Type: 'Succeed' },
        },
      },
      { await: async () => null },
      { timeScale: 1000 },
    );
    const execution = await engine.waitForExecution(await start({ orderId: 'o' }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual({ orderId: 'o', caught: { Error: 'States.Timeout', Cause: '' } });
  });

  it('let States.TaskFailed catch a heartbeat timeout, as on AWS', async () => {
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Await',
        States: {
          Await: { ...invokeAndWait('await', { HeartbeatSeconds: 50, Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.caught', Next: 'Caught' }] }), End: true },
          Caught: { Type: 'Succeed' },
        },
      },
      { await: async () => null },
      { timeScale: 1000 },
    );
    const execution = await engine.waitForExecution(await start({ orderId: 'o' }));
    expect(parseOutput(execution.output)).toEqual({ orderId: 'o', caught: { Error: 'States.HeartbeatTimeout', Cause: '' } });
  });

  it('survive the engine\'s own per-attempt timer: a long wait is re-entered without re-invoking the handler', async () => {
    const tokens = createInbox<string>();
    let invocations = 0;
    const { engine, start, events } = createTestEngine(
      { StartAt: 'Await', States: { Await: { ...invokeAndWait('await'), ResultPath: '$.answer', Next: 'After' }, After: { Type: 'Pass', End: true } } },
      {
        await: async (event) => {
          invocations += 1;
          tokens.put(taskTokenOf(event));
        },
      },
      // The engine would time the attempt out after 40 ms (20 + 20 margin) without renewal.
      { engineTimerLimitMs: 20 },
    );
    const executionArn = await start({ orderId: 'o' });
    const token = await tokens.next();
    await sleep(200);
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    await engine.sendTaskSuccess({ taskToken: token, output: '{"late":true}' });
    const execution = await engine.waitForExecution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual({ orderId: 'o', answer: { late: true } });
    expect(invocations).toBe(1);
    await engine.close();
    expect(events.filter((event) => event.stateName === 'Await').map((event) => event.type)).toEqual(['StateEntered', 'LambdaFunctionInvoked', 'LambdaFunctionSucceeded', 'TaskSubmitted', 'TaskSucceeded', 'StateExited']);
  });

  it('keep counting TimeoutSeconds across those re-entries', async () => {
    const { engine, start } = createTestEngine(
      { StartAt: 'Await', States: { Await: { ...invokeAndWait('await', { TimeoutSeconds: 150 }), End: true } } },
      { await: async () => null },
      { engineTimerLimitMs: 20, timeScale: 1000 },
    );
    const began = Date.now();
    const execution = await engine.waitForExecution(await start({ orderId: 'o' }));
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(140);
    expect(Date.now() - began).toBeLessThan(2000);
  });

  it('never put a task token in an event', async () => {
    const tokens = createInbox<string>();
    const { engine, start, events } = createTestEngine(
      { StartAt: 'Await', States: { Await: { ...invokeAndWait('await'), End: true } } },
      {
        await: async (event) => {
          const token = taskTokenOf(event);
          tokens.put(token);
          throw new TransientError(`could not deliver ${token}`);
        },
      },
    );
    await engine.waitForExecution(await start({ orderId: 'o' }));
    const token = await tokens.next();
    await engine.close();
    expect(events.map((event) => event.type)).toContain('LambdaFunctionFailed');
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(events)).toContain('[task token]');
  });
});

describe('Map and Parallel states', () => {
  const mapOfCallbacks = {
    StartAt: 'EachCircuit',
    States: {
      EachCircuit: {
        Type: 'Map',
        ItemsPath: '$.circuits',
        ItemSelector: { 'circuitId.$': '$$.Map.Item.Value', 'position.$': '$$.Map.Item.Index', 'orderId.$': '$.orderId' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Activate',
          States: {
            Activate: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
              Parameters: { FunctionName: functionArn('activate'), Payload: { 'circuitId.$': '$.circuitId', 'position.$': '$.position', 'taskToken.$': '$$.Task.Token' } },
              End: true,
            },
          },
        },
        End: true,
      },
    },
  };

  it('run a callback task per Map item, each with its own token, and keep the item order', async () => {
    const tokens = createInbox<{ circuitId: string; position: number; token: string }>();
    const { engine, start } = createTestEngine(mapOfCallbacks, {
      activate: async (event) => {
        const { circuitId, position } = event as { circuitId: string; position: number };
        tokens.put({ circuitId, position, token: taskTokenOf(event) });
      },
    });
    const executionArn = await start({ orderId: 'o', circuits: ['CKT-A', 'CKT-B', 'CKT-C'] });
    const waiting = [await tokens.next(), await tokens.next(), await tokens.next()];
    expect(new Set(waiting.map((item) => item.token)).size).toBe(3);
    expect(waiting.map((item) => `${item.position}:${item.circuitId}`).sort()).toEqual(['0:CKT-A', '1:CKT-B', '2:CKT-C']);
    for (const item of [...waiting].reverse()) {
      await engine.sendTaskSuccess({ taskToken: item.token, output: JSON.stringify({ activated: item.circuitId }) });
    }
    const execution = await engine.waitForExecution(executionArn);
    expect(parseOutput(execution.output)).toEqual([{ activated: 'CKT-A' }, { activated: 'CKT-B' }, { activated: 'CKT-C' }]);
  });

  it('re-enter concurrent attempts of the same Map task state without mixing them up', async () => {
    const tokens = createInbox<{ circuitId: string; token: string }>();
    let invocations = 0;
    const { engine, start } = createTestEngine(
      mapOfCallbacks,
      {
        activate: async (event) => {
          invocations += 1;
          tokens.put({ circuitId: (event as { circuitId: string }).circuitId, token: taskTokenOf(event) });
        },
      },
      { engineTimerLimitMs: 15 },
    );
    const executionArn = await start({ orderId: 'o', circuits: ['CKT-A', 'CKT-B', 'CKT-C'] });
    const waiting = [await tokens.next(), await tokens.next(), await tokens.next()];
    for (const item of waiting) {
      await sleep(70);
      await engine.sendTaskSuccess({ taskToken: item.token, output: JSON.stringify({ activated: item.circuitId }) });
    }
    const execution = await engine.waitForExecution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual([{ activated: 'CKT-A' }, { activated: 'CKT-B' }, { activated: 'CKT-C' }]);
    expect(invocations).toBe(3);
  });

  it('run Lambda tasks in Parallel branches and fail the execution with a branch error', async () => {
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Left', States: { Left: { ...invoke('left', { 'n.$': '$.n' }), ResultSelector: { 'left.$': '$.Payload' }, End: true } } },
              { StartAt: 'Right', States: { Right: { ...invoke('right', { 'n.$': '$.n' }), ResultSelector: { 'right.$': '$.Payload' }, End: true } } },
            ],
            End: true,
          },
        },
      },
      {
        left: async (event) => (event as { n: number }).n + 1,
        right: async (event) => {
          if ((event as { n: number }).n < 0) throw new OrderNotFound('negative');
          return (event as { n: number }).n * 2;
        },
      },
    );
    expect(parseOutput((await engine.waitForExecution(await start({ n: 5 }))).output)).toEqual([{ left: 6 }, { right: 10 }]);
    expect(await engine.waitForExecution(await start({ n: -1 }))).toMatchObject({ status: 'FAILED', error: 'OrderNotFound' });
  });
});

describe('timeouts beyond what setTimeout can hold (24.8 days), at timeScale 1', () => {
  it('do not fire early: a bare setTimeout would end these after 1 ms', async () => {
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(
      {
        TimeoutSeconds: 99_999_999,
        StartAt: 'Await',
        States: {
          Await: { ...invokeAndWait('await', { TimeoutSeconds: 99_999_999, HeartbeatSeconds: 99_999_998 }), Next: 'Pause' },
          Pause: { Type: 'Wait', Seconds: 99_999_999, End: true },
        },
      },
      { await: async (event) => void tokens.put(taskTokenOf(event)) },
    );
    const executionArn = await start({ orderId: 'o' });
    const token = await tokens.next();
    await sleep(50);
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    await engine.sendTaskSuccess({ taskToken: token, output: '{}' });
    await sleep(50);
    // Now in the Wait state, still waiting.
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
  });
});

describe('Wait states', () => {
  it('wait Seconds divided by timeScale and pass their input through', async () => {
    const { engine, start, events } = createTestEngine({ StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 100, End: true } } }, {}, { timeScale: 1000 });
    const began = Date.now();
    const execution = await engine.waitForExecution(await start({ keep: 'me' }));
    expect(Date.now() - began).toBeGreaterThanOrEqual(90);
    expect(parseOutput(execution.output)).toEqual({ keep: 'me' });
    await engine.close();
    expect(events.find((event) => event.type === 'StateEntered')).toMatchObject({ stateName: 'Pause', stateType: 'Wait' });
  });

  it('wait SecondsPath and TimestampPath durations, scaled the same way, honouring InputPath and OutputPath', async () => {
    const { engine, start } = createTestEngine(
      {
        StartAt: 'BySeconds',
        States: {
          BySeconds: { Type: 'Wait', SecondsPath: '$.delay', Next: 'ByTimestamp' },
          ByTimestamp: { Type: 'Wait', TimestampPath: '$.until', InputPath: '$', OutputPath: '$.keep', End: true },
        },
      },
      {},
      { timeScale: 1000 },
    );
    const until = new Date(Date.now() + 100_000).toISOString();
    const began = Date.now();
    const execution = await engine.waitForExecution(await start({ delay: 100, until, keep: { kept: true } }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual({ kept: true });
    expect(Date.now() - began).toBeGreaterThanOrEqual(170);
  });

  it('fail with States.Runtime when SecondsPath is not a non-negative integer', async () => {
    const { engine, start } = createTestEngine({ StartAt: 'Pause', States: { Pause: { Type: 'Wait', SecondsPath: '$.delay', End: true } } }, {});
    expect(await engine.waitForExecution(await start({ delay: -5 }))).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('executions', () => {
  const waitingDefinition = { StartAt: 'Await', States: { Await: { ...invokeAndWait('await'), Next: 'After' }, After: { ...invoke('after', {}), End: true } } };

  it('time out as a whole after the state machine TimeoutSeconds, scaled', async () => {
    const { engine, start } = createTestEngine({ ...waitingDefinition, TimeoutSeconds: 100 }, { await: async () => null, after: async () => null }, { timeScale: 1000 });
    const execution = await engine.waitForExecution(await start({ orderId: 'o' }));
    expect(execution).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });

  it('stop with the given error and cause; the pending token then answers TaskTimedOut and nothing else runs', async () => {
    const tokens = createInbox<string>();
    let afterCalls = 0;
    const { engine, start } = createTestEngine(waitingDefinition, {
      await: async (event) => void tokens.put(taskTokenOf(event)),
      after: async () => {
        afterCalls += 1;
      },
    });
    const executionArn = await start({ orderId: 'o' });
    const token = await tokens.next();
    const { stopDate } = await engine.stopExecution({ executionArn, error: 'Cancelled', cause: 'customer withdrew' });
    const execution = await engine.waitForExecution(executionArn);
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'customer withdrew', stopDate });
    expect((await rejectionOf(engine.sendTaskSuccess({ taskToken: token, output: '{}' }))).name).toBe('TaskTimedOut');
    await sleep(20);
    expect(afterCalls).toBe(0);
  });

  it('are idempotent by name for the same input while running, and refuse a reused name otherwise', async () => {
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(waitingDefinition, { await: async (event) => void tokens.put(taskTokenOf(event)), after: async () => null });
    const first = await engine.startExecution({ stateMachineArn: engine.stateMachineArn, name: 'order-1', input: '{"orderId":"1"}' });
    const again = await engine.startExecution({ stateMachineArn: engine.stateMachineArn, name: 'order-1', input: '{"orderId":"1"}' });
    expect(again).toEqual(first);
    const differentInput = await rejectionOf(engine.startExecution({ stateMachineArn: engine.stateMachineArn, name: 'order-1', input: '{"orderId":"2"}' }));
    expect(differentInput.name).toBe('ExecutionAlreadyExists');

    await engine.sendTaskSuccess({ taskToken: await tokens.next(), output: '{}' });
    await engine.waitForExecution(first.executionArn);
    expect((await rejectionOf(start({ orderId: '1' }, 'order-1'))).name).toBe('ExecutionAlreadyExists');
  });

  it('reject bad requests with the AWS error names', async () => {
    const { engine } = createTestEngine(waitingDefinition, {});
    const startWith = (fields: { stateMachineArn?: string; name?: string; input?: string }) =>
      rejectionOf(engine.startExecution({ stateMachineArn: engine.stateMachineArn, ...fields }));
    expect((await startWith({ stateMachineArn: 'not-an-arn' })).name).toBe('InvalidArn');
    expect((await startWith({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:other' })).name).toBe('StateMachineDoesNotExist');
    expect((await startWith({ input: '{"unterminated"' })).name).toBe('InvalidExecutionInput');
    expect((await startWith({ name: 'has spaces' })).name).toBe('InvalidName');
    expect((await rejectionOf(engine.describeExecution({ executionArn: 'nope' }))).name).toBe('InvalidArn');
    const missing = 'arn:aws:states:us-east-1:000000000000:execution:test-machine:missing';
    expect((await rejectionOf(engine.describeExecution({ executionArn: missing }))).name).toBe('ExecutionDoesNotExist');
    expect((await rejectionOf(engine.stopExecution({ executionArn: missing }))).name).toBe('ExecutionDoesNotExist');
  });

  it('are listed newest first, filtered by status and paginated', async () => {
    const { engine, start } = createTestEngine({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }, {});
    for (const name of ['a', 'b', 'c']) await engine.waitForExecution(await start({}, name));
    const firstPage = await engine.listExecutions({ stateMachineArn: engine.stateMachineArn, maxResults: 2 });
    expect(firstPage.executions.map((execution) => execution.name)).toEqual(['c', 'b']);
    expect(firstPage.nextToken).toBeDefined();
    const secondPage = await engine.listExecutions({ stateMachineArn: engine.stateMachineArn, maxResults: 2, ...(firstPage.nextToken === undefined ? {} : { nextToken: firstPage.nextToken }) });
    expect(secondPage).toEqual({ executions: [expect.objectContaining({ name: 'a', status: 'SUCCEEDED' })] });
    expect((await engine.listExecutions({ stateMachineArn: engine.stateMachineArn, statusFilter: 'RUNNING' })).executions).toEqual([]);
  });

  it('report a Fail state\'s Error and Cause, and nothing when it has none', async () => {
    const { engine, start } = createTestEngine(
      {
        StartAt: 'Route',
        States: {
          Route: { Type: 'Choice', Choices: [{ Variable: '$.bare', BooleanEquals: true, Next: 'Bare' }], Default: 'Explained' },
          Explained: { Type: 'Fail', Error: 'OrderFailed', Cause: 'see the fallout queue' },
          Bare: { Type: 'Fail' },
        },
      },
      {},
    );
    expect(await engine.waitForExecution(await start({ bare: false }))).toMatchObject({ status: 'FAILED', error: 'OrderFailed', cause: 'see the fallout queue' });
    const bare = await engine.waitForExecution(await start({ bare: true }));
    expect(bare.status).toBe('FAILED');
    expect(bare).not.toHaveProperty('error');
    expect(bare).not.toHaveProperty('cause');
  });

  it('are all aborted by close(), which leaves no timer behind and can be called twice', async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const tokens = createInbox<string>();
    const { engine, start } = createTestEngine(
      { ...waitingDefinition, TimeoutSeconds: 99_999_999 },
      { await: async (event) => void tokens.put(taskTokenOf(event)), after: async () => null },
    );
    const executionArn = await start({ orderId: 'o' });
    await tokens.next();
    expect(process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length).toBeGreaterThan(timersBefore);

    await engine.close();
    await engine.close();
    expect((await engine.describeExecution({ executionArn })).status).toBe('ABORTED');
    expect(process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
    expect((await rejectionOf(start({}))).message).toMatch(/closed/);
  });
});

describe('the definition check at construction', () => {
  it('refuses a definition the runtime cannot run faithfully, naming the state', () => {
    expect(() =>
      createTestEngine({ StartAt: 'Sync', States: { Sync: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true } } }, {}),
    ).toThrow(/state "Sync": \.sync integration/);
  });

  it('refuses a definition the engine\'s validator rejects', () => {
    expect(() => createTestEngine({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }, {})).toThrow(/invalid/i);
  });
});
