/**
 * `npm run bench -- --only engine-memory [--executions N] [--retain-all]`: runs N executions (default 10,000) of a small
 * state machine — a Lambda task, a Choice, a Wait, a callback task answered with SendTaskSuccess — through the local
 * Step Functions engine, and prints the heap and RSS after a full garbage collection at execution 1,000 and at the end.
 * The engine keeps finished executions up to its retention limits and releases the rest, so the heap in use stays flat.
 * RSS follows what V8 reserves for its heap, which also grows while V8 sizes its young generation to the load; the
 * middle checkpoint shows where it settles.
 * `--retain-all` keeps every finished execution, for comparison.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LocalStepFunctions } from '../local/stepfunctions/engine.ts';
import type { LocalLambdaHandler } from '../local/stepfunctions/engine.ts';

const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

const definition = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: functionArn('check'), 'Payload.$': '$' },
      ResultSelector: { 'express.$': '$.Payload.express' },
      ResultPath: '$.check',
      Next: 'Route',
    },
    Route: { Type: 'Choice', Choices: [{ Variable: '$.check.express', BooleanEquals: true, Next: 'Activate' }], Default: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 60, Next: 'Activate' },
    Activate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: functionArn('activate'), Payload: { 'orderId.$': '$.orderId', 'taskToken.$': '$$.Task.Token' } },
      ResultPath: '$.activation',
      End: true,
    },
  },
};

interface MemoryFigures {
  readonly heapUsedMiB: number;
  /** What V8 has reserved for the heap: RSS follows it, and it grows with V8's own sizing of its generations. */
  readonly heapTotalMiB: number;
  readonly rssMiB: number;
  readonly heldExecutions: number;
}

function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const collect: unknown = runInNewContext('gc');
  if (typeof collect !== 'function') throw new Error('the garbage collector could not be exposed');
  return () => {
    collect();
  };
}

export async function benchEngineMemory(options: { readonly executions?: number; readonly retainAll?: boolean } = {}): Promise<string> {
  const executions = options.executions ?? 10_000;
  const checkpoints = [...new Set([Math.min(1000, executions), Math.round(executions / 2), executions])];
  const concurrency = 50;
  const collectGarbage = garbageCollector();
  let engine: LocalStepFunctions | undefined;
  const check: LocalLambdaHandler = async (event) => ({ express: typeof event === 'object' && event !== null && 'express' in event && event.express === true });
  const activate: LocalLambdaHandler = async (event) => {
    if (typeof event !== 'object' || event === null || !('taskToken' in event) || typeof event.taskToken !== 'string') throw new Error('no task token');
    const taskToken = event.taskToken;
    // Answered after the handler returns, as a provisioning system's callback would be.
    setImmediate(() => {
      void engine?.sendTaskSuccess({ taskToken, output: JSON.stringify({ circuitId: `CKT-${taskToken.slice(2, 10)}` }) });
    });
    return { accepted: true };
  };
  const handlers = new Map([[functionArn('check'), check], [functionArn('activate'), activate]]);
  engine = new LocalStepFunctions({
    definition,
    definitionSubstitutions: {},
    stateMachineName: 'bench-engine-memory',
    resolveLambda: (name) => handlers.get(name),
    // A minute of Wait lasts a millisecond.
    timeScale: 60_000,
    ...(options.retainAll ? { retention: { maxFinishedExecutions: Number.MAX_SAFE_INTEGER } } : {}),
  });
  const running = engine;

  const measure = async (): Promise<MemoryFigures> => {
    // Twice, with a pause: promises settled in the first pass free more in the second.
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 50));
    collectGarbage();
    const usage = process.memoryUsage();
    return { heapUsedMiB: usage.heapUsed / 2 ** 20, heapTotalMiB: usage.heapTotal / 2 ** 20, rssMiB: usage.rss / 2 ** 20, heldExecutions: running.heldExecutionCount };
  };

  let started = 0;
  let completed = 0;
  const figures = new Map<number, MemoryFigures>();
  let measuring: Promise<void> = Promise.resolve();
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < executions) {
        const index = started++;
        const { executionArn } = await running.startExecution({
          stateMachineArn: running.stateMachineArn,
          input: JSON.stringify({ orderId: `ORD-${index}`, express: index % 2 === 0, lines: Array.from({ length: 8 }, (_, line) => ({ line, bandwidth: '1G' })) }),
        });
        const outcome = await running.waitForExecution(executionArn, 60_000);
        if (outcome.status !== 'SUCCEEDED') throw new Error(`${executionArn} ended ${outcome.status}: ${outcome.error ?? ''} ${outcome.cause ?? ''}`);
        // What an operator reads: the history of a recent execution.
        if (index % 100 === 0) await running.getExecutionHistory({ executionArn });
        completed += 1;
        if (checkpoints.includes(completed) && completed < executions) {
          const at = completed;
          measuring = (async () => {
            figures.set(at, await measure());
          })();
        }
        await measuring;
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  figures.set(executions, await measure());
  await running.close();
  const first = figures.get(checkpoints[0] ?? executions);
  const last = figures.get(executions);
  if (first === undefined || last === undefined) throw new Error('a checkpoint was never measured');

  const change = (from: number, to: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %`;
  const row = (label: string, figures: MemoryFigures) =>
    `  ${label.padEnd(26)} heap used ${figures.heapUsedMiB.toFixed(1).padStart(6)} MiB (reserved ${figures.heapTotalMiB.toFixed(1).padStart(6)})   RSS ${figures.rssMiB.toFixed(1).padStart(6)} MiB   executions held ${figures.heldExecutions}`;
  return [
    `Local Step Functions engine memory (${executions.toLocaleString('en')} executions, ${concurrency} at a time, ${(executions / seconds).toFixed(0)} executions/s; retention ${options.retainAll ? 'unbounded' : 'default'})`,
    ...[...figures.entries()].sort(([a], [b]) => a - b).map(([at, measured]) => row(`at execution ${at.toLocaleString('en')}`, measured)),
    `  from ${checkpoints[0]?.toLocaleString('en')} to ${executions.toLocaleString('en')}: heap used ${change(first.heapUsedMiB, last.heapUsedMiB)}, RSS ${change(first.rssMiB, last.rssMiB)}`,
    '',
  ].join('\n');
}
