import { afterEach } from 'vitest';
import { LocalStepFunctions } from '../../../local/stepfunctions/engine.ts';
import type { LocalLambdaHandler, LocalStepFunctionsEvent, LocalStepFunctionsOptions } from '../../../local/stepfunctions/engine.ts';

export const region = 'us-east-1';
export const accountId = '000000000000';

export function functionArn(name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/** A Lambda error as handlers should throw them: `name` is what Retry/Catch match. */
export class TransientError extends Error {
  override name = 'TransientError';
}

export class OrderNotFound extends Error {
  override name = 'OrderNotFound';
}

const openEngines: LocalStepFunctions[] = [];

afterEach(async () => {
  await Promise.all(openEngines.splice(0).map((engine) => engine.close()));
});

export interface TestEngine {
  readonly engine: LocalStepFunctions;
  readonly events: LocalStepFunctionsEvent[];
  /** Starts an execution of the engine's state machine with `input` serialised as JSON. */
  start(input?: unknown, name?: string): Promise<string>;
}

/** An engine over `definition` whose functions are `handlers` by name; closed after each test. */
export function createTestEngine(
  definition: string | object,
  handlers: Record<string, LocalLambdaHandler>,
  options: Partial<Omit<LocalStepFunctionsOptions, 'definition' | 'resolveLambda'>> = {},
): TestEngine {
  const events: LocalStepFunctionsEvent[] = [];
  const byArn = new Map(Object.entries(handlers).map(([name, handler]) => [functionArn(name), handler]));
  const engine = new LocalStepFunctions({
    definition,
    definitionSubstitutions: {},
    stateMachineName: 'test-machine',
    resolveLambda: (functionNameOrArn) => byArn.get(functionNameOrArn) ?? handlers[functionNameOrArn],
    onEvent: (event) => events.push(event),
    ...options,
  });
  openEngines.push(engine);
  return {
    engine,
    events,
    start: async (input: unknown = {}, name?: string) => {
      const started = await engine.startExecution({ stateMachineArn: engine.stateMachineArn, input: JSON.stringify(input), ...(name === undefined ? {} : { name }) });
      return started.executionArn;
    },
  };
}

/** Resolves with the value a handler hands over (typically a task token), e.g. `const token = captured.next()`. */
export function createInbox<T>(): { put(value: T): void; next(timeoutMs?: number): Promise<T> } {
  const values: T[] = [];
  const waiters: Array<(value: T) => void> = [];
  return {
    put(value) {
      const waiter = waiters.shift();
      if (waiter === undefined) values.push(value);
      else waiter(value);
    },
    next(timeoutMs = 5000) {
      const value = values.shift();
      if (value !== undefined) return Promise.resolve(value);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing arrived within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((arrived) => {
          clearTimeout(timer);
          resolve(arrived);
        });
      });
    },
  };
}

export function taskTokenOf(event: unknown): string {
  if (typeof event !== 'object' || event === null || !('taskToken' in event) || typeof event.taskToken !== 'string') {
    throw new Error('the event carries no taskToken');
  }
  return event.taskToken;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function parseOutput(output: string | undefined): unknown {
  if (output === undefined) throw new Error('the execution has no output');
  const parsed: unknown = JSON.parse(output);
  return parsed;
}

/** The error a promise rejects with (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}
