/**
 * Business time. On AWS it is wall-clock time. The local runtime can run it faster (KAMFLOW_TIME_SCALE, e.g. 1440 =
 * one working day per minute) so a demo crosses days of SLA time in minutes; KAMFLOW_TIME_ORIGIN_REAL/_VIRTUAL anchor
 * the scaled clock so it keeps moving forward across restarts.
 */
import { numberEnv } from './env.ts';

const timeScale = numberEnv('KAMFLOW_TIME_SCALE', 1);
const realOrigin = numberEnv('KAMFLOW_TIME_ORIGIN_REAL', Date.now());
const virtualOrigin = numberEnv('KAMFLOW_TIME_ORIGIN_VIRTUAL', realOrigin);

export function now(): Date {
  if (timeScale === 1 && realOrigin === virtualOrigin) return new Date();
  return new Date(virtualOrigin + (Date.now() - realOrigin) * timeScale);
}

export function nowIso(): string {
  return now().toISOString();
}

/** Business time that passes while `realMs` of wall-clock time does (a lease must outlast a real network timeout). */
export function businessDurationOf(realMs: number): number {
  return realMs * timeScale;
}
