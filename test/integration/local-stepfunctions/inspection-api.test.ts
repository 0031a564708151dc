import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidToken,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  ResourceNotFound,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalLambdaHandler, LocalStepFunctionsOptions } from '../../../local/stepfunctions/engine.ts';
import { startStepFunctionsServer } from '../../../local/stepfunctions/server.ts';
import type { StepFunctionsServer } from '../../../local/stepfunctions/server.ts';
import { OrderNotFound, TransientError, createInbox, createTestEngine, functionArn, rejectionOf, sleep, taskTokenOf } from './fixtures.ts';

const openServers: StepFunctionsServer[] = [];
const openClients: SFNClient[] = [];

afterEach(async () => {
  for (const client of openClients.splice(0)) client.destroy();
  await Promise.all(openServers.splice(0).map((server) => server.close()));
});

/** Route (Choice) → Pause (Wait) or straight to Validate (lambda:invoke, retried, caught) → Provision (callback) → Done. */
const definition = {
  StartAt: 'Route',
  States: {
    Route: { Type: 'Choice', Choices: [{ Variable: '$.express', BooleanEquals: true, Next: 'Validate' }], Default: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 60, Next: 'Validate' },
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: functionArn('validate'), Payload: { 'orderId.$': '$.orderId' } },
      ResultSelector: { 'valid.$': '$.Payload.valid' },
      ResultPath: '$.validation',
      Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 2 }],
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
      Next: 'Done',
    },
    Rejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'the order does not exist' },
    Done: { Type: 'Succeed' },
  },
};

async function serve(validate: LocalLambdaHandler = async () => ({ valid: true }), options: Partial<LocalStepFunctionsOptions> = {}) {
  const tokens = createInbox<string>();
  const provision: LocalLambdaHandler = async (event) => {
    tokens.put(taskTokenOf(event));
    return { accepted: true };
  };
  // A minute of Wait is 100 ms, an hour of heartbeat 6 s (room for a busy machine), retry pauses about 2 ms.
  const { engine } = createTestEngine(definition, { validate, provision }, { timeScale: 600, tags: { application: 'kamflow' }, ...options });
  const server = await startStepFunctionsServer(engine, { port: 0 });
  openServers.push(server);
  const client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  openClients.push(client);
  const start = async (input: unknown) => {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: engine.stateMachineArn, input: JSON.stringify(input) }));
    if (started.executionArn === undefined) throw new Error('StartExecution returned no executionArn');
    return started.executionArn;
  };
  const finished = async (executionArn: string) => {
    for (let polls = 0; polls < 500; polls += 1) {
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') {
        // The closing history event is appended a turn of the event loop after the status changes.
        await sleep(20);
        return described;
      }
      await sleep(10);
    }
    throw new Error(`${executionArn} did not finish`);
  };
  const history = async (executionArn: string): Promise<HistoryEvent[]> => {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4, ...(nextToken === undefined ? {} : { nextToken }) }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return events;
  };
  return { engine, client, tokens, start, finished, history };
}

describe('GetExecutionHistory through @aws-sdk/client-sfn', () => {
  it('records a run in the event types AWS uses, numbered, each pointing at the one before, with its details', async () => {
    const { engine, client, tokens, start, finished, history } = await serve();
    const executionArn = await start({ orderId: 'ORD-1', express: false });
    await client.send(new SendTaskSuccessCommand({ taskToken: await tokens.next(), output: JSON.stringify({ circuitId: 'CKT-1' }) }));
    const described = await finished(executionArn);

    const events = await history(executionArn);
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered', 'ChoiceStateExited',
      'WaitStateEntered', 'WaitStateExited',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited',
      'SucceedStateEntered', 'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => [event.id, event.previousEventId])).toEqual(events.map((_, index) => [index + 1, index]));
    for (const event of events) expect(event.timestamp).toBeInstanceOf(Date);

    const [started] = events;
    expect(started?.executionStartedEventDetails).toEqual({ input: '{"orderId":"ORD-1","express":false}', inputDetails: { truncated: false }, roleArn: expect.stringMatching(/^arn:aws:iam::000000000000:role\//) });
    expect(events[1]?.stateEnteredEventDetails).toMatchObject({ name: 'Route', input: '{"orderId":"ORD-1","express":false}' });
    const scheduled = events.filter((event) => event.type === 'TaskScheduled').map((event) => event.taskScheduledEventDetails);
    expect(scheduled[0]).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1' });
    expect(JSON.parse(scheduled[0]?.parameters ?? '')).toEqual({ FunctionName: functionArn('validate'), Payload: { orderId: 'ORD-1' } });
    expect(scheduled[1]).toMatchObject({ resource: 'invoke.waitForTaskToken', timeoutInSeconds: 86_400, heartbeatInSeconds: 3600 });
    expect(events[8]?.taskSucceededEventDetails?.output).toContain('"Payload":{"valid":true}');
    expect(events[15]?.stateExitedEventDetails?.name).toBe('Provision');
    expect(events.at(-1)?.executionSucceededEventDetails?.output).toBe(described.output);
  });

  it('holds a callback task token where AWS shows it, the TaskScheduled parameters, and nowhere else', async () => {
    const { client, tokens, start, finished, history } = await serve();
    const executionArn = await start({ orderId: 'ORD-2', express: true });
    const taskToken = await tokens.next();
    await client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    await finished(executionArn);

    const events = await history(executionArn);
    const holding = events.filter((event) => JSON.stringify(event).includes(taskToken));
    expect(holding.map((event) => event.type)).toEqual(['TaskScheduled']);
    expect(JSON.parse(holding[0]?.taskScheduledEventDetails?.parameters ?? '')).toMatchObject({ Payload: { taskToken } });

    const withoutData = await client.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(JSON.stringify(withoutData.events)).not.toContain(taskToken);
    expect(withoutData.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
  });

  it('records a retried failure, a caught one and the Fail state that ends the execution', async () => {
    let calls = 0;
    const { start, finished, history } = await serve(async () => {
      calls += 1;
      throw calls === 1 ? new TransientError('busy') : new OrderNotFound('ORD-3 is unknown');
    });
    const executionArn = await start({ orderId: 'ORD-3', express: true });
    expect((await finished(executionArn)).status).toBe('FAILED');

    const events = await history(executionArn);
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered', 'ChoiceStateExited',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(events[6]?.taskFailedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', error: 'TransientError' });
    expect(events[9]?.taskFailedEventDetails?.error).toBe('OrderNotFound');
    expect(JSON.parse(events[10]?.stateExitedEventDetails?.output ?? '')).toMatchObject({ failure: { Error: 'OrderNotFound' } });
    expect(events.at(-1)?.executionFailedEventDetails).toEqual({ error: 'OrderRejected', cause: 'the order does not exist' });
  });

  it('pages forwards and backwards, and refuses a token issued for another execution or order', async () => {
    const { client, tokens, start, finished, history } = await serve();
    const first = await start({ orderId: 'ORD-4', express: false });
    await client.send(new SendTaskSuccessCommand({ taskToken: await tokens.next(), output: '{}' }));
    await finished(first);
    const second = await start({ orderId: 'ORD-5', express: true });

    const forwards = await history(first);
    const backwards = await client.send(new GetExecutionHistoryCommand({ executionArn: first, reverseOrder: true, maxResults: 1000 }));
    expect(backwards.events?.map((event) => event.id)).toEqual(forwards.map((event) => event.id).reverse());
    expect(backwards.nextToken).toBeUndefined();

    const page = await client.send(new GetExecutionHistoryCommand({ executionArn: first, maxResults: 3 }));
    expect(page.events).toHaveLength(3);
    const nextToken = page.nextToken ?? '';
    expect(await rejectionOf(client.send(new GetExecutionHistoryCommand({ executionArn: second, nextToken })))).toBeInstanceOf(InvalidToken);
    expect(await rejectionOf(client.send(new GetExecutionHistoryCommand({ executionArn: first, nextToken, reverseOrder: true })))).toBeInstanceOf(InvalidToken);
    expect(await rejectionOf(client.send(new GetExecutionHistoryCommand({ executionArn: first, nextToken: 'not-a-token' })))).toBeInstanceOf(InvalidToken);
  });

  it('names the error for an unknown execution and a malformed ARN', async () => {
    const { engine, client } = await serve();
    const unknown = `${engine.stateMachineArn.replace(':stateMachine:', ':execution:')}:never-started`;
    expect(await rejectionOf(client.send(new GetExecutionHistoryCommand({ executionArn: unknown })))).toBeInstanceOf(ExecutionDoesNotExist);
    expect(await rejectionOf(client.send(new GetExecutionHistoryCommand({ executionArn: 'arn:nonsense' })))).toBeInstanceOf(InvalidArn);
  });
});

describe('the state machine through @aws-sdk/client-sfn', () => {
  it('is listed, described with its definition, described for an execution, and lists its tags', async () => {
    const { engine, client, start } = await serve();
    const listed = await client.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines).toEqual([{ stateMachineArn: engine.stateMachineArn, name: 'test-machine', type: 'STANDARD', creationDate: expect.any(Date) }]);

    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: engine.stateMachineArn }));
    expect(described).toMatchObject({ stateMachineArn: engine.stateMachineArn, name: 'test-machine', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition ?? '')).toEqual(definition);
    expect(described.roleArn).toMatch(/^arn:aws:iam::000000000000:role\//);

    const executionArn = await start({ orderId: 'ORD-6', express: false });
    const forExecution = await client.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution).toMatchObject({ stateMachineArn: engine.stateMachineArn, name: 'test-machine', definition: described.definition });

    const tags = await client.send(new ListTagsForResourceCommand({ resourceArn: engine.stateMachineArn }));
    expect(tags.tags).toEqual([{ key: 'application', value: 'kamflow' }]);
  });

  it('answers StateMachineDoesNotExist, ExecutionDoesNotExist, ResourceNotFound and InvalidArn as AWS does', async () => {
    const { engine, client } = await serve();
    const otherMachine = engine.stateMachineArn.replace('test-machine', 'other-machine');
    expect(await rejectionOf(client.send(new DescribeStateMachineCommand({ stateMachineArn: otherMachine })))).toBeInstanceOf(StateMachineDoesNotExist);
    expect(await rejectionOf(client.send(new DescribeStateMachineCommand({ stateMachineArn: 'nonsense' })))).toBeInstanceOf(InvalidArn);
    const unknownExecution = `${engine.stateMachineArn.replace(':stateMachine:', ':execution:')}:nope`;
    expect(await rejectionOf(client.send(new DescribeStateMachineForExecutionCommand({ executionArn: unknownExecution })))).toBeInstanceOf(ExecutionDoesNotExist);
    expect(await rejectionOf(client.send(new ListTagsForResourceCommand({ resourceArn: otherMachine })))).toBeInstanceOf(ResourceNotFound);
  });
});

describe('ValidateStateMachineDefinition through @aws-sdk/client-sfn', () => {
  it('answers OK for a sound definition and FAIL with diagnostics for a broken one', async () => {
    const { client } = await serve();
    const sound = await client.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(definition) }));
    expect(sound).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });

    const broken = { ...definition, States: { ...definition.States, Pause: { Type: 'Wait', Seconds: 60, Next: 'Nowhere' } } };
    const failed = await client.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(broken) }));
    expect(failed.result).toBe('FAIL');
    expect(failed.diagnostics).toContainEqual(expect.objectContaining({ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: expect.stringContaining('Nowhere') }));

    const notJson = await client.send(new ValidateStateMachineDefinitionCommand({ definition: '{"StartAt":' }));
    expect(notJson).toMatchObject({ result: 'FAIL', diagnostics: [expect.objectContaining({ code: 'INVALID_JSON_DESCRIPTION' })] });
  });
});

describe('finished executions', () => {
  it('are released beyond the retention count, oldest first, so the engine holds a bounded number', async () => {
    const { engine, client, start, finished } = await serve(async () => ({ valid: true }), { retention: { maxFinishedExecutions: 3 } });
    const executionArns: string[] = [];
    for (let index = 0; index < 8; index += 1) executionArns.push(await start({ orderId: `ORD-${index}`, express: true }));
    const stillRunning = await start({ orderId: 'ORD-RUNNING', express: true });
    expect(engine.heldExecutionCount).toBe(9);
    // Each waits for its provisioning callback: stopping ends them.
    for (const executionArn of executionArns) await engine.stopExecution({ executionArn });
    await finished(executionArns.at(-1) ?? '');

    expect(engine.heldExecutionCount).toBe(4);
    for (const released of executionArns.slice(0, 5)) {
      expect(await rejectionOf(client.send(new DescribeExecutionCommand({ executionArn: released })))).toBeInstanceOf(ExecutionDoesNotExist);
      expect(await rejectionOf(client.send(new GetExecutionHistoryCommand({ executionArn: released })))).toBeInstanceOf(ExecutionDoesNotExist);
    }
    for (const kept of executionArns.slice(5)) {
      expect((await client.send(new DescribeExecutionCommand({ executionArn: kept }))).status).toBe('ABORTED');
      expect((await client.send(new GetExecutionHistoryCommand({ executionArn: kept }))).events?.at(-1)?.type).toBe('ExecutionAborted');
    }
    expect((await client.send(new DescribeExecutionCommand({ executionArn: stillRunning }))).status).toBe('RUNNING');
  });

  it('are released once older than the retention age, in workflow time', async () => {
    // At timeScale 600, a minute of retention lasts 100 real ms.
    const { engine, client, start, finished } = await serve(async () => ({ valid: true }), { retention: { maxFinishedAgeSeconds: 60 } });
    const executionArn = await start({ orderId: 'ORD-AGE', express: true });
    await engine.stopExecution({ executionArn });
    await finished(executionArn);
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    await sleep(150);
    expect(await rejectionOf(client.send(new DescribeExecutionCommand({ executionArn })))).toBeInstanceOf(ExecutionDoesNotExist);
    expect(engine.heldExecutionCount).toBe(0);
  });
});
