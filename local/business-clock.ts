/**
 * The scaled business clock of the local runtime (functions/commons/clock.ts reads the anchors from the environment).
 * With a data folder the virtual time is saved, so after a restart business time continues from where it stopped
 * instead of jumping back to wall-clock time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BusinessClock {
  readonly timeScale: number;
  readonly realOrigin: number;
  readonly virtualOrigin: number;
  now(): number;
  save(): void;
}

export function anchorBusinessClock(options: { timeScale: number; dataDir?: string | undefined }): BusinessClock {
  const realOrigin = Date.now();
  const file = options.dataDir ? join(options.dataDir, 'business-clock.json') : undefined;
  let virtualOrigin = realOrigin;
  if (file && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { virtualNow?: number };
    if (typeof saved.virtualNow === 'number' && saved.virtualNow > realOrigin) virtualOrigin = saved.virtualNow;
  }
  const clock: BusinessClock = {
    timeScale: options.timeScale,
    realOrigin,
    virtualOrigin,
    now: () => virtualOrigin + (Date.now() - realOrigin) * options.timeScale,
    save: () => {
      if (file) writeFileSync(file, JSON.stringify({ virtualNow: clock.now(), savedAt: new Date().toISOString() }));
    },
  };
  return clock;
}
