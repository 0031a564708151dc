import { describe, expect, it } from 'vitest';
import type { LocalLambdaHandler } from '../../../local/stepfunctions/engine.ts';
import { orderFulfilmentSubstitutions, readOrderFulfilmentDefinition } from '../../unit/local-stepfunctions/real-definition.ts';
import { TransientError, createInbox, createTestEngine, parseOutput, taskTokenOf } from './fixtures.ts';

type TaskName =
  | 'AcknowledgeOrder'
  | 'ConfirmResources'
  | 'AwaitNetworkBuild'
  | 'RequestActivation'
  | 'RecordCompletionReport'
  | 'AwaitCustomerAcceptance'
  | 'StartBilling'
  | 'CloseOrder'
  | 'RecordFailure';

interface Call {
  readonly task: TaskName;
  readonly event: unknown;
}

/**
 * The real definition with stand-in task functions: `behaviour` decides what each returns (default `{}`), callback
 * tasks hand their token to `tokens`. One workflow day lasts 100 ms.
 */
function orderFulfilment(behaviour: Partial<Record<TaskName, (event: unknown, call: number) => unknown>> = {}) {
  const calls: Call[] = [];
  const tokens = createInbox<{ task: TaskName; token: string }>();
  const callbackTasks = new Set<TaskName>(['AwaitNetworkBuild', 'RequestActivation', 'AwaitCustomerAcceptance']);
  const taskNames: TaskName[] = ['AcknowledgeOrder', 'ConfirmResources', 'AwaitNetworkBuild', 'RequestActivation', 'RecordCompletionReport', 'AwaitCustomerAcceptance', 'StartBilling', 'CloseOrder', 'RecordFailure'];
  const handlers: Record<string, LocalLambdaHandler> = {};
  for (const task of taskNames) {
    handlers[`kamflow-${task}`] = async (event) => {
      calls.push({ task, event });
      const result = behaviour[task]?.(event, calls.filter((call) => call.task === task).length) ?? {};
      if (callbackTasks.has(task)) tokens.put({ task, token: taskTokenOf(event) });
      return result;
    };
  }
  const testEngine = createTestEngine(readOrderFulfilmentDefinition(), handlers, {
    definitionSubstitutions: orderFulfilmentSubstitutions,
    stateMachineName: 'kamflow-order-fulfilment',
    timeScale: 864_000,
  });
  const expectToken = async (task: TaskName): Promise<string> => {
    const next = await tokens.next();
    expect(next.task).toBe(task);
    return next.token;
  };
  return { ...testEngine, calls, expectToken };
}

describe('the order fulfilment state machine, run locally', () => {
  it('closes the loop: acknowledgement, network build, activation, a rejected then accepted acceptance, billing, CRM close', async () => {
    const { engine, start, calls, expectToken } = orderFulfilment({
      AcknowledgeOrder: () => ({ decision: 'ACKNOWLEDGED' }),
      ConfirmResources: (_event, call) => ({ outcome: call === 1 ? 'SHORTFALL' : 'RESERVED' }),
    });
    const executionArn = await start({ orderId: 'ORD-1' }, 'ORD-1');

    await engine.sendTaskSuccess({ taskToken: await expectToken('AwaitNetworkBuild'), output: JSON.stringify({ agreedDate: '2031-03-01' }) });
    const firstActivation = await expectToken('RequestActivation');
    await engine.sendTaskHeartbeat({ taskToken: firstActivation });
    await engine.sendTaskSuccess({ taskToken: firstActivation, output: JSON.stringify({ circuitId: 'CKT-1' }) });
    await engine.sendTaskSuccess({ taskToken: await expectToken('AwaitCustomerAcceptance'), output: JSON.stringify({ decision: 'REJECTED' }) });
    const secondActivation = await expectToken('RequestActivation');
    expect(secondActivation).not.toBe(firstActivation);
    await engine.sendTaskSuccess({ taskToken: secondActivation, output: JSON.stringify({ circuitId: 'CKT-1' }) });
    await engine.sendTaskSuccess({ taskToken: await expectToken('AwaitCustomerAcceptance'), output: JSON.stringify({ decision: 'ACCEPTED' }) });

    const execution = await engine.waitForExecution(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(parseOutput(execution.output)).toEqual({
      orderId: 'ORD-1',
      acknowledgement: { decision: 'ACKNOWLEDGED' },
      resources: { outcome: 'RESERVED' },
      build: { agreedDate: '2031-03-01' },
      activation: { circuitId: 'CKT-1' },
      acceptance: { decision: 'ACCEPTED' },
    });
    expect(calls.map((call) => call.task)).toEqual([
      'AcknowledgeOrder',
      'ConfirmResources',
      'AwaitNetworkBuild',
      'ConfirmResources',
      'RequestActivation',
      'RecordCompletionReport',
      'AwaitCustomerAcceptance',
      'RequestActivation',
      'RecordCompletionReport',
      'AwaitCustomerAcceptance',
      'StartBilling',
      'CloseOrder',
    ]);
    expect(calls[0]?.event).toEqual({ orderId: 'ORD-1', executionId: executionArn });
    expect(calls[2]?.event).toEqual({ orderId: 'ORD-1', executionId: executionArn, taskToken: expect.stringMatching(/^AQ/) });
  });

  it('records the fallout when the provisioning system stops sending heartbeats, then fails the order', async () => {
    const { engine, start, calls, expectToken } = orderFulfilment();
    const executionArn = await start({ orderId: 'ORD-2', resumeFrom: 'ACTIVATION' });
    await expectToken('RequestActivation');

    const execution = await engine.waitForExecution(executionArn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'OrderFailed' });
    expect(calls.map((call) => call.task)).toEqual(['RequestActivation', 'RecordFailure']);
    expect(calls[1]?.event).toEqual({ orderId: 'ORD-2', executionId: executionArn, error: 'States.HeartbeatTimeout', cause: '' });
  });

  it('retries a transient failure of the acceptance check and ends at OrderRejected', async () => {
    const { engine, start, calls } = orderFulfilment({
      AcknowledgeOrder: (_event, call) => {
        if (call < 3) throw new TransientError('catalogue unavailable');
        return { decision: 'REJECTED' };
      },
    });
    const execution = await engine.waitForExecution(await start({ orderId: 'ORD-3' }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.map((call) => call.task)).toEqual(['AcknowledgeOrder', 'AcknowledgeOrder', 'AcknowledgeOrder']);
  });

  it('records a non-transient task error as fallout with the Lambda error as cause', async () => {
    const { engine, start, calls } = orderFulfilment({
      StartBilling: () => {
        throw new RangeError('no tariff for this bandwidth');
      },
    });
    const execution = await engine.waitForExecution(await start({ orderId: 'ORD-4', resumeFrom: 'BILLING_START' }));
    expect(execution).toMatchObject({ status: 'FAILED', error: 'OrderFailed' });
    const recordFailure = calls.find((call) => call.task === 'RecordFailure');
    expect(recordFailure?.event).toMatchObject({ orderId: 'ORD-4', error: 'RangeError' });
    const cause = (recordFailure?.event as { cause: string }).cause;
    expect(JSON.parse(cause)).toMatchObject({ errorType: 'RangeError', errorMessage: 'no tariff for this bandwidth' });
  });

  it('resumes at the recorded stage, and refuses a stage it does not know', async () => {
    const { engine, start, calls } = orderFulfilment();
    expect((await engine.waitForExecution(await start({ orderId: 'ORD-5', resumeFrom: 'CRM_CLOSE' }))).status).toBe('SUCCEEDED');
    expect(calls.map((call) => call.task)).toEqual(['CloseOrder']);
    expect(await engine.waitForExecution(await start({ orderId: 'ORD-6', resumeFrom: 'SOMEWHERE' }))).toMatchObject({
      status: 'FAILED',
      error: 'UnknownResumePoint',
      cause: 'resumeFrom does not name a stage of the order fulfilment loop',
    });
  });
});
