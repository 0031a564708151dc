/**
 * Handlers share one process locally, and the Powertools logger is one object per module: each invocation must still
 * log with its own Lambda context and keys, as it does on AWS where an execution environment serves one invocation
 * at a time (or, with Lambda Managed Instances, scopes each one in the InvokeStore, as the local runtime does).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { LocalLambdaHandler } from '../../local/stepfunctions/engine.ts';
import { createTestEngine, functionArn } from './local-stepfunctions/fixtures.ts';

const orderA = `ord_${'0'.repeat(25)}A`;
const orderB = `ord_${'0'.repeat(25)}B`;

/** Each line the logger wrote, parsed; the logger writes structured JSON to stdout and stderr. */
function captureLogLines(): { lines: () => Array<Record<string, unknown>> } {
  const written: string[] = [];
  const capture = (chunk: unknown): boolean => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return {
    lines: () =>
      written
        .flatMap((text) => text.split('\n'))
        .filter((line) => line.startsWith('{'))
        .map((line): Record<string, unknown> => {
          const parsed: unknown = JSON.parse(line);
          return typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
        }),
  };
}

// The handlers' modules read their configuration once at import, as on Lambda; nothing here reaches the table.
process.env.TABLE_NAME ??= 'kamflow-invocation-logs';
const { logger } = await import('../../functions/commons/observability.ts');
const { workflowHandler } = await import('../../functions/handlers/workflow-handler.ts');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('handlers invoked concurrently by the local runtime', () => {
  it('log with their own function name, request id and keys, whichever started last', async () => {
    let releaseFirst: () => void = () => undefined;
    const secondHasStarted = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const input = z.object({ orderId: z.string(), executionId: z.string() });
    // The first handler logs only after the second has set up its own context on the shared logger.
    const first = workflowHandler(input, async () => {
      await secondHasStarted;
      logger.error('first step failed');
      return { done: 'first' };
    });
    const second = workflowHandler(input, async () => {
      releaseFirst();
      logger.error('second step failed');
      return { done: 'second' };
    });
    const requestIds = new Map<string, string>();
    const recordingRequestId = (handler: typeof first): LocalLambdaHandler => async (event, context) => {
      requestIds.set(context.functionName, context.awsRequestId);
      return handler(event, context);
    };
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: ['first', 'second'].map((name) => ({
            StartAt: name,
            States: {
              [name]: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: functionArn(`kamflow-${name}`), 'Payload.$': `$.${name}` },
                End: true,
              },
            },
          })),
          End: true,
        },
      },
    };
    const { engine, start } = createTestEngine(definition, { 'kamflow-first': recordingRequestId(first), 'kamflow-second': recordingRequestId(second) });

    const log = captureLogLines();
    const executionArn = await start({ first: { orderId: orderA, executionId: 'x' }, second: { orderId: orderB, executionId: 'x' } });
    const outcome = await engine.waitForExecution(executionArn);
    vi.restoreAllMocks();
    expect(outcome.status).toBe('SUCCEEDED');

    const lines = log.lines().filter((line) => line.level === 'ERROR');
    expect(lines.map((line) => [line.message, line.function_name, line.function_request_id, line.orderId])).toEqual([
      ['second step failed', 'kamflow-second', requestIds.get('kamflow-second'), orderB],
      ['first step failed', 'kamflow-first', requestIds.get('kamflow-first'), orderA],
    ]);
  });
});
