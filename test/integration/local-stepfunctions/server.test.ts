import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidArn,
  InvalidOutput,
  InvalidToken,
  ListExecutionsCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { startStepFunctionsServer } from '../../../local/stepfunctions/server.ts';
import type { StepFunctionsServer } from '../../../local/stepfunctions/server.ts';
import { mintTaskToken } from '../../../local/stepfunctions/task-token.ts';
import { OrderNotFound, TransientError, createInbox, createTestEngine, functionArn, parseOutput, rejectionOf, sleep, taskTokenOf } from './fixtures.ts';
import type { LocalLambdaHandler } from '../../../local/stepfunctions/engine.ts';

const openServers: StepFunctionsServer[] = [];
const openClients: SFNClient[] = [];

afterEach(async () => {
  for (const client of openClients.splice(0)) client.destroy();
  await Promise.all(openServers.splice(0).map((server) => server.close()));
});

/**
 * A small order workflow served over HTTP: `Validate` (lambda:invoke, retried on TransientError, OrderNotFound caught)
 * then `Provision` (callback task with heartbeats, timeout and heartbeat failures caught as fallout).
 */
const definition = {
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: functionArn('validate'), Payload: { 'orderId.$': '$.orderId' } },
      ResultSelector: { 'valid.$': '$.Payload.valid' },
      ResultPath: '$.validation',
      Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ['OrderNotFound'], ResultPath: '$.failure', Next: 'Rejected' }],
      Next: 'Provision',
    },
    Provision: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: functionArn('provision'), Payload: { 'orderId.$': '$.orderId', 'taskToken.$': '$$.Task.Token' } },
      HeartbeatSeconds: 3600,
      TimeoutSeconds: 86_400,
      ResultPath: '$.provisioning',
      Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], ResultPath: '$.failure', Next: 'Stalled' }],
      End: true,
    },
    Rejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'the order does not exist' },
    Stalled: { Type: 'Pass', Result: 'stalled', ResultPath: '$.outcome', End: true },
  },
};

async function serve(handlers: Partial<Record<'validate' | 'provision', LocalLambdaHandler>>) {
  const tokens = createInbox<string>();
  const { engine } = createTestEngine(
    definition,
    {
      validate: handlers.validate ?? (async () => ({ valid: true })),
      provision:
        handlers.provision ??
        (async (event) => {
          tokens.put(taskTokenOf(event));
          return { accepted: true };
        }),
    },
    // An hour of heartbeat is one second (room for a busy machine between a task's start and the test's answer); the
    // retry pauses are about a millisecond.
    { timeScale: 3_600 },
  );
  const server = await startStepFunctionsServer(engine, { port: 0 });
  openServers.push(server);
  const client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  openClients.push(client);

  const start = async (input: unknown, name?: string) => {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: engine.stateMachineArn, input: JSON.stringify(input), ...(name === undefined ? {} : { name }) }));
    if (started.executionArn === undefined) throw new Error('StartExecution returned no executionArn');
    return started;
  };
  const describeWhenDone = async (executionArn: string): Promise<DescribeExecutionCommandOutput> => {
    for (let polls = 0; polls < 500; polls += 1) {
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') return described;
      await sleep(10);
    }
    throw new Error(`${executionArn} did not finish`);
  };
  return { engine, server, client, tokens, start, describeWhenDone };
}

describe('the Step Functions server, driven by @aws-sdk/client-sfn', () => {
  it('runs a callback task to completion with SendTaskSuccess and describes the execution', async () => {
    const { engine, client, tokens, start, describeWhenDone } = await serve({});
    const started = await start({ orderId: 'ORD-1' }, 'ORD-1');
    expect(started.startDate).toBeInstanceOf(Date);
    const executionArn = started.executionArn ?? '';

    const running = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({ status: 'RUNNING', name: 'ORD-1', stateMachineArn: engine.stateMachineArn, input: '{"orderId":"ORD-1"}' });
    expect(running.startDate?.getTime()).toBe((await engine.describeExecution({ executionArn })).startDate.getTime());

    await client.send(new SendTaskSuccessCommand({ taskToken: await tokens.next(), output: JSON.stringify({ circuitId: 'CKT-9' }) }));
    const done = await describeWhenDone(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(parseOutput(done.output)).toEqual({ orderId: 'ORD-1', validation: { valid: true }, provisioning: { circuitId: 'CKT-9' } });
  });

  it('answers a second SendTaskSuccess for the same token with TaskTimedOut', async () => {
    const { client, tokens, start, describeWhenDone } = await serve({});
    const { executionArn } = await start({ orderId: 'ORD-2' });
    const taskToken = await tokens.next();
    await client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    const second = await rejectionOf(client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })));
    expect(second.name).toBe('TaskTimedOut');
    expect(second).toBeInstanceOf(TaskTimedOut);
    expect((await describeWhenDone(executionArn ?? '')).status).toBe('SUCCEEDED');
  });

  it('names the error for a bogus token, an unknown token and output that is not JSON', async () => {
    const { client, tokens, start } = await serve({});
    await start({ orderId: 'ORD-3' });
    const bogus = await rejectionOf(client.send(new SendTaskSuccessCommand({ taskToken: 'bogus-token', output: '{}' })));
    expect(bogus).toBeInstanceOf(InvalidToken);
    expect(bogus.name).toBe('InvalidToken');
    const unknown = await rejectionOf(client.send(new SendTaskHeartbeatCommand({ taskToken: mintTaskToken() })));
    expect(unknown).toBeInstanceOf(TaskDoesNotExist);
    const notJson = await rejectionOf(client.send(new SendTaskSuccessCommand({ taskToken: await tokens.next(), output: 'not json' })));
    expect(notJson).toBeInstanceOf(InvalidOutput);
  });

  it('fails the task on SendTaskFailure with its error and cause', async () => {
    const { client, tokens, start, describeWhenDone } = await serve({});
    const { executionArn } = await start({ orderId: 'ORD-4' });
    await client.send(new SendTaskFailureCommand({ taskToken: await tokens.next(), error: 'PortUnavailable', cause: 'port 7 is faulty' }));
    expect(await describeWhenDone(executionArn ?? '')).toMatchObject({ status: 'FAILED', error: 'PortUnavailable', cause: 'port 7 is faulty' });
  });

  it('catches a heartbeat timeout quickly under timeScale; heartbeats sent in time keep the task alive', async () => {
    const { client, tokens, start, describeWhenDone } = await serve({});
    const stalled = await start({ orderId: 'ORD-5' });
    await tokens.next();
    const stalledDone = await describeWhenDone(stalled.executionArn ?? '');
    expect(stalledDone.status).toBe('SUCCEEDED');
    expect(parseOutput(stalledDone.output)).toMatchObject({ outcome: 'stalled', failure: { Error: 'States.HeartbeatTimeout', Cause: '' } });

    const alive = await start({ orderId: 'ORD-6' });
    const taskToken = await tokens.next();
    // 8 beats 200 ms apart: 1.6 s in all, longer than the heartbeat limit (one second here).
    for (let beat = 0; beat < 8; beat += 1) {
      await sleep(200);
      await client.send(new SendTaskHeartbeatCommand({ taskToken }));
    }
    await client.send(new SendTaskSuccessCommand({ taskToken, output: '{"circuitId":"CKT-6"}' }));
    const aliveDone = await describeWhenDone(alive.executionArn ?? '');
    expect(parseOutput(aliveDone.output)).toMatchObject({ provisioning: { circuitId: 'CKT-6' } });
  });

  it('retries a handler throwing TransientError, then succeeds', async () => {
    let validations = 0;
    const { client, tokens, start, describeWhenDone } = await serve({
      validate: async () => {
        validations += 1;
        if (validations <= 2) throw new TransientError('catalogue unavailable');
        return { valid: true };
      },
    });
    const { executionArn } = await start({ orderId: 'ORD-7' });
    await client.send(new SendTaskSuccessCommand({ taskToken: await tokens.next(), output: '{}' }));
    const done = await describeWhenDone(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(validations).toBe(3);
  });

  it('catches a named handler error and routes to the catcher', async () => {
    const { start, describeWhenDone } = await serve({
      validate: async () => {
        throw new OrderNotFound('ORD-8 is not in the CRM');
      },
    });
    const { executionArn } = await start({ orderId: 'ORD-8' });
    expect(await describeWhenDone(executionArn ?? '')).toMatchObject({ status: 'FAILED', error: 'OrderRejected', cause: 'the order does not exist' });
  });

  it('stops and lists executions', async () => {
    const { engine, client, tokens, start } = await serve({});
    const { executionArn } = await start({ orderId: 'ORD-9' }, 'ORD-9');
    await tokens.next();
    const stopped = await client.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'withdrawn' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'withdrawn' });

    const listed = await client.send(new ListExecutionsCommand({ stateMachineArn: engine.stateMachineArn, statusFilter: 'ABORTED' }));
    expect(listed.executions).toEqual([expect.objectContaining({ executionArn, name: 'ORD-9', status: 'ABORTED', startDate: expect.any(Date), stopDate: expect.any(Date) })]);
  });

  it('maps service errors to the SDK exception classes', async () => {
    const { engine, client, start } = await serve({});
    await start({ orderId: 'ORD-10' }, 'ORD-10');
    expect(await rejectionOf(start({ orderId: 'other' }, 'ORD-10'))).toBeInstanceOf(ExecutionAlreadyExists);
    expect(await rejectionOf(client.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })))).toBeInstanceOf(InvalidArn);
    const missing = `arn:aws:states:us-east-1:000000000000:execution:test-machine:missing`;
    expect(await rejectionOf(client.send(new DescribeExecutionCommand({ executionArn: missing })))).toBeInstanceOf(ExecutionDoesNotExist);
    const otherMachine = await rejectionOf(client.send(new StartExecutionCommand({ stateMachineArn: `${engine.stateMachineArn}-other` })));
    expect(otherMachine.name).toBe('StateMachineDoesNotExist');
    const invalidInput = await rejectionOf(client.send(new StartExecutionCommand({ stateMachineArn: engine.stateMachineArn, input: '{' })));
    expect(invalidInput.name).toBe('InvalidExecutionInput');
  });

  it('answers an unknown operation with UnknownOperationException, and dates as epoch seconds', async () => {
    const { server, engine } = await serve({});
    const post = (target: string, body: unknown) =>
      fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target }, body: JSON.stringify(body) });

    const unknown = await post('AWSStepFunctions.CreateStateMachine', {});
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: expect.stringMatching(/#UnknownOperationException$/) });

    const started = await post('AWSStepFunctions.StartExecution', { stateMachineArn: engine.stateMachineArn, input: '{"orderId":"ORD-11"}' });
    expect(started.status).toBe(200);
    expect(started.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const body: unknown = await started.json();
    expect(body).toEqual({ executionArn: expect.stringContaining(':execution:test-machine:'), startDate: expect.any(Number) });
    const startDate = (body as { startDate: number }).startDate;
    expect(Math.abs(startDate - Date.now() / 1000)).toBeLessThan(5);

    const notFound = await post('AWSStepFunctions.DescribeExecution', { executionArn: `${engine.stateMachineArn.replace('stateMachine', 'execution')}:nope` });
    expect(notFound.status).toBe(400);
    expect(await notFound.json()).toEqual({ __type: 'com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist', message: expect.stringContaining('nope') });
  });
});
