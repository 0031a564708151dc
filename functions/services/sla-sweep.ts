/**
 * The SLA sweep, run every minute (EventBridge on AWS, an interval on the local runtime): reads the watches due since
 * its watermark from the due-time index (functions/data/sla-repository.ts) and, for each, records what is due: an
 * AT_RISK or BREACHED jeopardy alert on the order (with its audit event), the escalation a breach opens, or the next
 * level of that escalation. Its work grows with what is due, not with what is open.
 *
 * Every write is conditional on the watch being the one read and the alert being absent, so sweeps may overlap. A
 * watch that could not be handled holds the watermark back, so the next sweep reads it again.
 */
import { now as businessNow } from '../commons/clock.ts';
import { numberEnv, optionalEnv } from '../commons/env.ts';
import { logger } from '../commons/observability.ts';
import { findAccount } from '../data/accounts-repository.ts';
import {
  advanceWatchOnly,
  dueWatchesInBucket,
  findEscalation,
  loadSweepWatermark,
  recordEscalationStep,
  recordJeopardy,
  saveSweepWatermark,
} from '../data/sla-repository.ts';
import { watchItemFromSchedule } from '../domain/sla-watch-plan.ts';
import type { SweepWriteOutcome } from '../data/sla-repository.ts';
import type { EscalationRecord } from '../data/entities/escalation.ts';
import type { SlaWatchRecord } from '../data/entities/sla-watch.ts';
import { findUser } from '../data/users-repository.ts';
import type { AccountTier } from '../domain/accounts.ts';
import { accountTiers } from '../domain/accounts.ts';
import { escalationIdOf, escalationRank, escalationRecipients } from '../domain/escalation.ts';
import type { EscalationChain, EscalationLevel } from '../domain/escalation.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import { advanceWatch, escalationLevelOf, exhaustedWatch, hourBucketsBetween, jeopardyAlertContent } from '../domain/sla-jeopardy.ts';
import type { JeopardyLevel } from '../domain/sla-jeopardy.ts';
import type { SlaTarget } from '../domain/order-stages.ts';
import { monotonicFactory } from 'ulid';
import { calendarOfOrder } from '../data/calendars-repository.ts';
import { notificationChannel, sendEscalationNotification } from './sla-notifications.ts';

const ulid = monotonicFactory();
const MINUTE = 60_000;

export interface SweepSettings {
  /** Working hours after one escalation level is notified before the next one is, unless someone took ownership. */
  readonly escalationIntervalWorkingHours: number;
  /** Who the group key-account level is for GROUP accounts: a user id, or `role:ADMINISTRATOR`. */
  readonly groupKeyAccount: string;
  /** Re-read this much before the watermark: index writes that were not yet visible to the previous sweep. */
  readonly overlapMs: number;
  /** How far back the first sweep (no watermark yet) reads. */
  readonly initialLookbackMs: number;
  /** A sweep never reads further back than this, however old its watermark. */
  readonly maxCatchUpMs: number;
  /** Watches handled at once. */
  readonly concurrency: number;
}

export const sweepSettingsFromEnv: SweepSettings = {
  escalationIntervalWorkingHours: numberEnv('SLA_ESCALATION_INTERVAL_WORKING_HOURS', 4),
  groupKeyAccount: optionalEnv('SLA_GROUP_KEY_ACCOUNT') ?? 'role:ADMINISTRATOR',
  overlapMs: 5 * MINUTE,
  initialLookbackMs: 7 * 24 * 60 * MINUTE,
  maxCatchUpMs: 31 * 24 * 60 * MINUTE,
  concurrency: 8,
};

export interface SweepReport {
  readonly from: string;
  readonly to: string;
  readonly buckets: number;
  readonly watchesRead: number;
  readonly alertsRecorded: number;
  readonly escalationSteps: number;
  /** Steps another sweep (or a stage write) had already taken. */
  readonly alreadyRecorded: number;
  readonly failed: number;
}

const sweepId = 'sla';

/**
 * Per-sweep caches: a breach needs the account's tier and the account manager's reporting line from the people table
 * (their manager is the supervisor, the supervisor's manager the department head); many breaches share them.
 */
class SweepLookups {
  private readonly tiers = new Map<string, Promise<AccountTier | undefined>>();
  private readonly managers = new Map<string, Promise<string | undefined>>();

  tierOf(accountId: string): Promise<AccountTier | undefined> {
    let tier = this.tiers.get(accountId);
    if (!tier) {
      tier = findAccount(accountId).then((account) => (account && (accountTiers as readonly string[]).includes(account.tier) ? (account.tier as AccountTier) : undefined));
      this.tiers.set(accountId, tier);
    }
    return tier;
  }

  managerOf(userId: string): Promise<string | undefined> {
    let manager = this.managers.get(userId);
    if (!manager) {
      manager = findUser(userId).then((user) => (user && user.managerId !== 'none' ? user.managerId : undefined));
      this.managers.set(userId, manager);
    }
    return manager;
  }

  async chainOf(watch: SlaWatchRecord, groupKeyAccount: string): Promise<EscalationChain> {
    const supervisor = await this.managerOf(watch.accountManager);
    const departmentHead = supervisor ? await this.managerOf(supervisor) : undefined;
    return { owner: watch.owner, accountManager: watch.accountManager, supervisor, departmentHead, groupKeyAccount };
  }
}

function stageOf(target: SlaTarget): { stage?: OrderStage } {
  return target === 'ORDER' ? {} : { stage: target };
}

interface Tally {
  alerts: number;
  escalationSteps: number;
  alreadyRecorded: number;
  failed: number;
  earliestFailedFireAt: string | undefined;
}

/** Sweeps everything due up to `now`. */
export async function sweepSla(now: Date = businessNow(), settings: SweepSettings = sweepSettingsFromEnv): Promise<SweepReport> {
  const to = now.toISOString();
  const watermark = await loadSweepWatermark(sweepId);
  const fromMs = watermark ? Math.max(Date.parse(watermark) - settings.overlapMs, now.getTime() - settings.maxCatchUpMs) : now.getTime() - settings.initialLookbackMs;
  const from = new Date(Math.min(fromMs, now.getTime())).toISOString();
  const buckets = hourBucketsBetween(new Date(from), now);

  const watches: SlaWatchRecord[] = [];
  for (const bucket of buckets) watches.push(...(await dueWatchesInBucket(bucket, from, to)));
  watches.sort((a, b) => a.fireAt.localeCompare(b.fireAt));

  const lookups = new SweepLookups();
  const tally: Tally = { alerts: 0, escalationSteps: 0, alreadyRecorded: 0, failed: 0, earliestFailedFireAt: undefined };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(settings.concurrency, watches.length) }, async () => {
      while (next < watches.length) {
        const watch = watches[next++] as SlaWatchRecord;
        try {
          await handleWatch(watch, now, settings, lookups, tally);
        } catch (error) {
          tally.failed += 1;
          if (!tally.earliestFailedFireAt || watch.fireAt < tally.earliestFailedFireAt) tally.earliestFailedFireAt = watch.fireAt;
          logger.error('SLA watch not handled; the next sweep reads it again', { orderId: watch.orderId, target: watch.target, step: watch.step, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }),
  );
  // A watch that failed keeps the watermark at its instant, so the next sweep's window still covers it.
  const nextWatermark = tally.earliestFailedFireAt && tally.earliestFailedFireAt < to ? new Date(Date.parse(tally.earliestFailedFireAt) - 1).toISOString() : to;
  await saveSweepWatermark(sweepId, nextWatermark, to);
  return { from, to, buckets: buckets.length, watchesRead: watches.length, alertsRecorded: tally.alerts, escalationSteps: tally.escalationSteps, alreadyRecorded: tally.alreadyRecorded, failed: tally.failed };
}

/** Acts on one watch until its next step lies in the future (a stage started late can be at risk and breached at once). */
async function handleWatch(first: SlaWatchRecord, now: Date, settings: SweepSettings, lookups: SweepLookups, tally: Tally): Promise<void> {
  let watch: SlaWatchRecord | undefined = first;
  const nowIso = now.toISOString();
  for (let guard = 0; watch && watch.step !== 'NONE' && watch.fireAt <= nowIso && guard < 8; guard += 1) {
    const read: SlaWatchRecord = watch;
    const tier = await lookups.tierOf(read.accountId);
    const schedule = advanceWatch(
      { step: read.step, fireAt: new Date(read.fireAt), atRiskAt: new Date(read.atRiskAt), dueAt: new Date(read.dueAt) },
      { intervalWorkingHours: settings.escalationIntervalWorkingHours, tier },
      await calendarOfOrder(read),
    );
    const following = watchItemFromSchedule(watchBase(read), schedule, nowIso);
    let outcome: SweepWriteOutcome;
    if (read.step === 'AT_RISK' || read.step === 'BREACHED') {
      outcome = await recordLevel(read, read.step, following, now, settings, lookups, tier);
      if (outcome === 'RECORDED') tally.alerts += 1;
    } else {
      outcome = await climbEscalation(read, following, now, settings, lookups);
      if (outcome === 'RECORDED') tally.escalationSteps += 1;
    }
    if (outcome === 'WATCH_CHANGED') return;
    if (outcome === 'ALREADY_RECORDED') tally.alreadyRecorded += 1;
    watch = following;
  }
}

function watchBase(watch: SlaWatchRecord) {
  const { step: _step, fireAt: _fireAt, bucket: _bucket, state: _state, atRiskAt: _atRiskAt, dueAt: _dueAt, updatedAt: _updatedAt, ...base } = watch;
  return base;
}

async function recordLevel(
  read: SlaWatchRecord,
  level: JeopardyLevel,
  following: SlaWatchRecord,
  now: Date,
  settings: SweepSettings,
  lookups: SweepLookups,
  tier: AccountTier | undefined,
): Promise<SweepWriteOutcome> {
  const at = now.toISOString();
  const content = jeopardyAlertContent(read.target, level, { atRiskAt: new Date(read.atRiskAt), dueAt: new Date(read.dueAt) }, read.jeopardyThreshold);
  const { level: _level, ...alertContent } = content;
  let escalation: EscalationRecord | undefined;
  if (level === 'BREACHED') {
    const chain = await lookups.chainOf(read, settings.groupKeyAccount);
    const recipients = escalationRecipients('OWNER', chain);
    escalation = {
      escalationId: escalationIdOf(read.orderId, read.target),
      orderId: read.orderId,
      target: read.target,
      accountId: read.accountId,
      accountName: read.accountName,
      ...(tier ? { accountTier: tier } : {}),
      accountManager: read.accountManager,
      supervisorId: read.supervisorId,
      unitId: read.unitId,
      owner: read.owner,
      dueAt: read.dueAt,
      breachedAt: at,
      level: 'OWNER',
      status: 'OPEN',
      steps: [{ level: 'OWNER', at, notified: [...recipients.notified], informed: [...recipients.informed], channel: notificationChannel }],
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
  }
  const outcome = await recordJeopardy(read, {
    alert: { orderId: read.orderId, target: read.target, level, alertId: `${read.target}-${level}`, alertDate: at, ...alertContent, owner: read.owner, dueAt: read.dueAt },
    event: { orderId: read.orderId, eventId: ulid(), at, type: 'JEOPARDY_ALERT', actor: 'system:sla-sweep', ...stageOf(read.target), stageStatus: level, reason: content.message },
    escalation,
    next: following,
  });
  if (outcome === 'ALREADY_RECORDED') {
    const moved = await advanceWatchOnly(read, following);
    return moved ? 'ALREADY_RECORDED' : 'WATCH_CHANGED';
  }
  if (outcome === 'RECORDED' && escalation) await notify(escalation, 'OWNER', escalation.steps[0]!);
  return outcome;
}

async function climbEscalation(read: SlaWatchRecord, following: SlaWatchRecord, now: Date, settings: SweepSettings, lookups: SweepLookups): Promise<SweepWriteOutcome> {
  const level = escalationLevelOf(read.step) as EscalationLevel;
  const escalation = await findEscalation(escalationIdOf(read.orderId, read.target));
  if (!escalation || escalation.status === 'ACKNOWLEDGED') {
    // Someone took ownership: the climb stops here; the stage stays listed as breached until it finishes.
    const exhausted = watchItemFromSchedule(watchBase(read), exhaustedWatch({ fireAt: new Date(read.fireAt), atRiskAt: new Date(read.atRiskAt), dueAt: new Date(read.dueAt) }), now.toISOString());
    return (await advanceWatchOnly(read, exhausted)) ? 'ALREADY_RECORDED' : 'WATCH_CHANGED';
  }
  if (escalationRank(escalation.level) >= escalationRank(level)) {
    return (await advanceWatchOnly(read, following)) ? 'ALREADY_RECORDED' : 'WATCH_CHANGED';
  }
  const at = now.toISOString();
  const recipients = escalationRecipients(level, await lookups.chainOf(read, settings.groupKeyAccount));
  const step = { level, at, notified: [...recipients.notified], informed: [...recipients.informed], channel: notificationChannel };
  const outcome = await recordEscalationStep(read, {
    escalation,
    step,
    at,
    next: following,
    event: {
      orderId: read.orderId,
      eventId: ulid(),
      at,
      type: 'ESCALATION',
      actor: 'system:sla-sweep',
      ...stageOf(read.target),
      stageStatus: level,
      reason: `escalated to ${level.toLowerCase().replace(/_/g, ' ')}: ${recipients.notified.join(', ') || 'nobody in post'}`,
    },
  });
  // The escalation changed under us (acknowledged or climbed by another sweep): read it again next time.
  if (outcome === 'ALREADY_RECORDED') throw new Error(`escalation ${escalation.escalationId} changed concurrently`);
  if (outcome === 'RECORDED') await notify(escalation, level, step);
  return outcome;
}

async function notify(escalation: EscalationRecord, level: EscalationLevel, step: EscalationRecord['steps'][number]): Promise<void> {
  try {
    await sendEscalationNotification({
      escalationId: escalation.escalationId,
      orderId: escalation.orderId,
      target: escalation.target,
      level,
      notified: step.notified,
      informed: step.informed,
      dueAt: escalation.dueAt,
      at: step.at,
    });
  } catch (error) {
    // The step is recorded (the console shows it); a lost notification is logged, never retried into a duplicate step.
    logger.error('escalation notification not delivered', { escalationId: escalation.escalationId, level, error: error instanceof Error ? error.message : String(error) });
  }
}
