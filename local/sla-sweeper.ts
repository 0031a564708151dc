/**
 * The local stand-in for the EventBridge rule that runs the SLA sweep every minute: the same handler module, on an
 * interval of one business minute (so with KAMFLOW_TIME_SCALE=60 it runs every real second). Runs never overlap here
 * (the sweep would cope, but there is no point); `stop()` ends the timer, `runOnce()` sweeps now (tests).
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { lambdaContext } from './lambda-context.ts';
import { runInvocation } from './lambda-invocation.ts';
import type { SweepReport } from '../functions/services/sla-sweep.ts';

export interface SlaSweeper {
  /** Real milliseconds between sweeps; 0 when the timer is off. */
  readonly intervalMs: number;
  runOnce(): Promise<SweepReport>;
  stop(): Promise<void>;
}

export const slaSweepHandlerPath = 'functions/handlers/scheduled/sweep-sla.ts';

/** One business minute in real milliseconds, never less than a quarter of a second. */
export function sweepIntervalFor(timeScale: number): number {
  return Math.max(250, Math.round(60_000 / Math.max(timeScale, 1)));
}

export async function startSlaSweeper(options: { repositoryRoot: string; intervalMs: number; log: (line: string) => void }): Promise<SlaSweeper> {
  const module = (await import(pathToFileURL(join(options.repositoryRoot, slaSweepHandlerPath)).href)) as { handler: (event: unknown, context: unknown) => Promise<SweepReport> };
  let running: Promise<SweepReport> | undefined;
  const runOnce = async (): Promise<SweepReport> => {
    while (running) await running.catch(() => undefined);
    running = runInvocation(lambdaContext('kamflow-sweep-sla'), (context) => module.handler({ source: 'kamflow.local', 'detail-type': 'Scheduled Event' }, context));
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  if (options.intervalMs > 0) {
    timer = setInterval(() => {
      if (running) return;
      runOnce().catch((error: unknown) => options.log(`SLA sweep failed: ${error instanceof Error ? error.message : String(error)}`));
    }, options.intervalMs);
    timer.unref();
  }
  return {
    intervalMs: options.intervalMs,
    runOnce,
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
