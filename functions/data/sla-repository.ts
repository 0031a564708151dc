/**
 * SLA watches, jeopardy alerts, escalations and the sweep's watermark: the named access patterns of the SLA sweep.
 *
 * ## The due-time index (read this before writing a stage)
 * Every open stage with a planned due time, and every open order with one, has exactly one SLA watch item
 * (entity slaWatch, key orderId + target). Its `fireAt` is the next instant the sweep must act and `step` what to do
 * (AT_RISK → BREACHED → SUPERVISOR → DEPARTMENT_HEAD → GROUP_KEY_ACCOUNT). It is indexed on gsi3 by the UTC hour of
 * `fireAt` (partition `bucket`, sort `fireAt#orderId#target`), so a sweep Queries only the hour buckets between its
 * watermark and now, with a range on `fireAt`: it reads what is due, not what is open.
 *
 * Which watches an order change puts or removes is decided by the pure domain/sla-watch-plan.ts, and the order change
 * planner (domain/order-change-plan.ts) has writeOrderChange (orders-repository.ts) put them in the same transaction as
 * the stage records, so the index cannot drift from the stages. Writes outside an order change use
 * {@link scheduleStageThresholds} and {@link clearStageThresholds}.
 *
 * Damping: the sweep advances a watch with a put conditioned on the step and `fireAt` it read, and creates each
 * (target, level) alert only if absent, in one transaction: of two sweeps acting on the same watch, one wins.
 */
import { ConflictError, NotFoundError } from '../commons/errors.ts';
import type { AccountScope } from '../domain/people.ts';
import type { SlaTarget } from '../domain/order-stages.ts';
import { EscalationEntity } from './entities/escalation.ts';
import { JeopardyAlertEntity } from './entities/jeopardy-alert.ts';
import { SlaSweepStateEntity, SlaWatchEntity } from './entities/sla-watch.ts';
import { kamflowService } from './kamflow-service.ts';
import type { OrderEventRecord } from './entities/order-event.ts';
import type { Page } from './page.ts';
import { queryInScope } from './scope-query.ts';
import { isConditionFailure } from './table.ts';
import type { SlaWatchRecord } from './entities/sla-watch.ts';
import type { JeopardyAlertRecord } from './entities/jeopardy-alert.ts';
import type { EscalationRecord } from './entities/escalation.ts';


/** For stage writes outside commitOrderChange: (re)schedule a target's watch. */
export async function scheduleStageThresholds(item: SlaWatchRecord): Promise<void> {
  await SlaWatchEntity.put(item).go();
}

/** For stage writes outside commitOrderChange: the target is no longer watched (finished, held, cancelled). */
export async function clearStageThresholds(orderId: string, target: SlaTarget): Promise<void> {
  await SlaWatchEntity.delete({ orderId, target }).go();
}

export async function findWatch(orderId: string, target: SlaTarget): Promise<SlaWatchRecord | undefined> {
  const { data } = await SlaWatchEntity.get({ orderId, target }).go();
  return data ?? undefined;
}

/** Watches of one hour bucket with `fireAt` in [from, to]: one Query (paged), reading only those items. */
export async function dueWatchesInBucket(bucket: string, from: string, to: string): Promise<SlaWatchRecord[]> {
  const upper = new Date(Date.parse(to) + 1).toISOString();
  const { data } = await SlaWatchEntity.query.byDueBucket({ bucket }).between({ fireAt: from }, { fireAt: upper }).go({ pages: 'all' });
  return data.filter((watch) => watch.fireAt >= from && watch.fireAt <= to);
}

/** Watches at risk or breached in a row-level scope (the sparse scope indexes hold nothing else). */
export async function watchesInJeopardy(scope: AccountScope, state: 'AT_RISK' | 'BREACHED', limit: number): Promise<SlaWatchRecord[]> {
  const options = { limit, order: 'asc' as const };
  switch (scope.kind) {
    case 'all':
      return (await SlaWatchEntity.query.inJeopardy({ state }).go(options)).data;
    case 'unit':
      return (await SlaWatchEntity.query.inJeopardyByUnit({ unitId: scope.unitId, state }).go(options)).data;
    case 'team':
      return (await SlaWatchEntity.query.inJeopardyByTeam({ supervisorId: scope.supervisorId, state }).go(options)).data;
    case 'owner':
      return (await SlaWatchEntity.query.inJeopardyByOwner({ accountManager: scope.userId, state }).go(options)).data;
    case 'none':
      return [];
  }
}

export async function loadSweepWatermark(sweepId: string): Promise<string | undefined> {
  const { data } = await SlaSweepStateEntity.get({ sweepId }).go();
  return data?.watermark;
}

/** Moves the watermark forward only: a slower sweep finishing late does not move it back. */
export async function saveSweepWatermark(sweepId: string, watermark: string, at: string): Promise<void> {
  try {
    await SlaSweepStateEntity.put({ sweepId, watermark, updatedAt: at })
      .where((attributes, { notExists, lt }) => `${notExists(attributes.watermark)} OR ${lt(attributes.watermark, watermark)}`)
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// What a sweep records when a watch fires
// ---------------------------------------------------------------------------------------------------------------------

/** The watch as the sweep read it: the condition of every write that acts on it. */
type ReadWatch = Pick<SlaWatchRecord, 'orderId' | 'target' | 'step' | 'fireAt'>;

export type SweepWriteOutcome = 'RECORDED' | 'ALREADY_RECORDED' | 'WATCH_CHANGED';

type TransactionEntities = Parameters<Parameters<typeof kamflowService.transaction.write>[0]>[0];

/** The watch moved to its next step, or removed when none is left; only if it is still the one the sweep read. */
function watchAdvance(entities: TransactionEntities, next: SlaWatchRecord | undefined, read: ReadWatch) {
  return next
    ? entities.slaWatch.put(next).where((attributes, { eq }) => `${eq(attributes.step, read.step)} AND ${eq(attributes.fireAt, read.fireAt)}`).commit()
    : entities.slaWatch.delete({ orderId: read.orderId, target: read.target }).where((attributes, { eq }) => `${eq(attributes.step, read.step)} AND ${eq(attributes.fireAt, read.fireAt)}`).commit();
}

function outcomeOf(result: { canceled: boolean; data: { code?: string }[] }, recordIndexes: readonly number[], watchIndex: number): SweepWriteOutcome {
  if (!result.canceled) return 'RECORDED';
  const failed = (index: number) => (result.data[index]?.code ?? 'None') !== 'None';
  if (failed(watchIndex)) return 'WATCH_CHANGED';
  if (recordIndexes.some(failed)) return 'ALREADY_RECORDED';
  throw new ConflictError(`SLA sweep write for ${JSON.stringify(result.data.map((item) => item.code ?? 'None'))} was cancelled`);
}

/**
 * Records a jeopardy level: the alert (only if absent), its audit event, optionally the escalation it opens, and the
 * watch advanced to its next step (only if it is still the one read), all or nothing.
 */
export async function recordJeopardy(read: ReadWatch, record: { alert: JeopardyAlertRecord; event: OrderEventRecord; escalation?: EscalationRecord | undefined; next: SlaWatchRecord | undefined }): Promise<SweepWriteOutcome> {
  const result = await kamflowService.transaction
    .write((entities) => [
      entities.jeopardyAlert.create(record.alert).commit(),
      ...(record.escalation ? [entities.escalation.create(record.escalation).commit()] : []),
      entities.orderEvent.create(record.event).commit(),
      watchAdvance(entities, record.next, read),
    ])
    .go();
  const recordIndexes = record.escalation ? [0, 1] : [0];
  return outcomeOf(result as never, recordIndexes, recordIndexes.length + 1);
}

/** Notifies the next level of an open escalation (only if it is still OPEN at the level read) and advances the watch. */
export async function recordEscalationStep(
  read: ReadWatch,
  record: { escalation: EscalationRecord; step: EscalationRecord['steps'][number]; event: OrderEventRecord; next: SlaWatchRecord | undefined; at: string },
): Promise<SweepWriteOutcome> {
  const { escalation, step } = record;
  const result = await kamflowService.transaction
    .write((entities) => [
      entities.escalation
        .patch({ escalationId: escalation.escalationId })
        .set({ level: step.level, steps: [...escalation.steps, step], updatedAt: record.at, version: escalation.version + 1 })
        .where((attributes, { eq }) => `${eq(attributes.version, escalation.version)} AND ${eq(attributes.status, 'OPEN')}`)
        .commit(),
      entities.orderEvent.create(record.event).commit(),
      watchAdvance(entities, record.next, read),
    ])
    .go();
  return outcomeOf(result as never, [0], 2);
}

/** Moves a watch past a step that needs nothing recorded (already recorded, or the escalation was taken). */
export async function advanceWatchOnly(read: ReadWatch, next: SlaWatchRecord | undefined): Promise<boolean> {
  const result = await kamflowService.transaction.write((entities) => [watchAdvance(entities, next, read)]).go();
  return !result.canceled;
}

export async function findEscalation(escalationId: string): Promise<EscalationRecord | undefined> {
  const { data } = await EscalationEntity.get({ escalationId }).go();
  return data ?? undefined;
}

export async function getEscalation(escalationId: string): Promise<EscalationRecord> {
  const escalation = await findEscalation(escalationId);
  if (!escalation) throw new NotFoundError('escalation', escalationId);
  return escalation;
}

/** Records who took ownership, only if nobody has: of two people acknowledging at once, one wins. */
export async function acknowledgeEscalation(escalation: EscalationRecord, userId: string, at: string): Promise<EscalationRecord> {
  const set = { acknowledgedBy: userId, acknowledgedAt: at, status: 'ACKNOWLEDGED' as const, updatedAt: at, version: escalation.version + 1 };
  try {
    await EscalationEntity.patch({ escalationId: escalation.escalationId })
      .set(set)
      .where((attributes, { notExists }) => notExists(attributes.acknowledgedBy))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`escalation ${escalation.escalationId} was acknowledged concurrently`);
    throw error;
  }
  return { ...escalation, ...set };
}

export async function listEscalationsInScope(scope: AccountScope, page: { limit: number; cursor?: string | undefined }): Promise<Page<EscalationRecord>> {
  return queryInScope(scope, page, {
    all: (options) => EscalationEntity.query.allEscalations({}).go(options),
    unit: (unitId, options) => EscalationEntity.query.byUnit({ unitId }).go(options),
    team: (supervisorId, options) => EscalationEntity.query.byTeam({ supervisorId }).go(options),
    owner: (accountManager, options) => EscalationEntity.query.byOwner({ accountManager }).go(options),
  });
}
