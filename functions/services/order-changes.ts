/**
 * What people do to an order once it runs: hold it for the customer (the SLA clock stops) and resume it, amend it,
 * cancel it before the point of no return, and retry it from the fallout queue. Each command is one conditional write
 * through the pure transition function (a racing change is a 409 or a fresh attempt, never an overwrite); then the
 * running workflow is told: a waiting task is failed with `OrderInterrupted`, which every task state of the state
 * machine catches and hands to HandleInterruption. A failed order has no workflow; retrying or cancelling it starts one.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { idempotencyStore as commandIdempotencyStore } from '../data/idempotency-store.ts';
import { ConflictError, InvalidTransitionError, ValidationError } from '../commons/errors.ts';
import type { FieldIssue } from '../commons/errors.ts';
import { now, nowIso } from '../commons/clock.ts';
import { retryOnConflict } from '../commons/conflict-retry.ts';
import { logger } from '../commons/observability.ts';
import { priceIn } from '../domain/catalogue.ts';
import { productVersion } from '../data/catalogue-repository.ts';
import { shanghaiDate } from '../domain/billing.ts';
import { assessCancellation, isAmendable, retryStateOf, transition } from '../domain/order-lifecycle.ts';
import { reservationsOf, resourceConfirmationResult, resourceLabel } from '../domain/stage-results.ts';
import { stageDueTimesJson as stageDueTimesJsonOf, stageDueTimesOf } from '../domain/stage-due-times.ts';
import type { OrderState } from '../domain/order-lifecycle.ts';
import { planAfterHold } from '../domain/order-sla.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import type { Principal } from '../domain/people.ts';
import { resumePoint } from '../domain/resume-point.ts';
import type { AmendmentRequest, CancelProductOrderRequest, HoldRequest, NoteRequest } from '../api/schemas/order-commands.ts';
import { getOrderDetail, recordExecution, stageOf } from '../data/orders-repository.ts';
import { commitOrderChange } from './order-change-commit.ts';
import type { OrderDetail, StageChange } from '../data/orders-repository.ts';
import type { OrderRecord } from '../data/entities/order.ts';
import { calendarOfOrder } from '../data/calendars-repository.ts';
import { getOrderFor } from './order-queries.ts';
import { completeWaitingTask, failWaitingTask, startOrderWorkflow } from './workflow-tasks.ts';

const maxAttempts = 5;

/** Read, decide, write; a write that lost a race to the workflow is decided again on the fresh order. */
async function withFreshOrder<T>(orderId: string, principal: Principal, command: (detail: OrderDetail) => Promise<T>): Promise<T> {
  return retryOnConflict(
    async () => {
      const detail = await getOrderFor(principal, orderId);
      if (detail.children) throw new InvalidTransitionError(`order ${orderId} is a parent order: hold, amend or retry its child orders ${detail.children.map((child) => child.orderId).join(', ')}`);
      return command(detail);
    },
    {
      attempts: maxAttempts,
      onConflict: async (_error, attempt) => {
        logger.info('order changed while a command was applied; deciding again', { orderId, attempt });
        return 'retry' as const;
      },
    },
  );
}

/** Tokens of the tasks the workflow is waiting in, read before the command changes them. */
function waitingTokens(detail: OrderDetail): { token: string; stage: OrderStage }[] {
  const tokens = detail.stages.filter((stage) => stage.status === 'WAITING' && stage.taskToken).map((stage) => ({ token: stage.taskToken as string, stage: stage.stage }));
  if (detail.order.resumeTaskToken) tokens.push({ token: detail.order.resumeTaskToken, stage: detail.order.currentStage });
  return tokens;
}

async function interruptWorkflow(orderId: string, tokens: readonly { token: string; stage: OrderStage }[], cause: string): Promise<void> {
  for (const { token, stage } of tokens) await failWaitingTask(token, 'OrderInterrupted', cause, { orderId, stage });
}

/** The stage the workflow stands in, if it has a record that is not finished. */
function openStage(detail: OrderDetail) {
  const stage = stageOf(detail, detail.order.currentStage);
  return stage && stage.status !== 'DONE' ? stage : undefined;
}

function actorOf(principal: Principal): string {
  return `user:${principal.userId}`;
}

// ------------------------------------------------------------------ hold and resume
export async function holdOrder(principal: Principal, orderId: string, request: HoldRequest): Promise<OrderDetail> {
  return withFreshOrder(orderId, principal, async (detail) => {
    const { order } = detail;
    if (order.state === 'HELD') return detail;
    const verdict = transition(order.state, 'HOLD');
    if (!verdict.allowed) throw new InvalidTransitionError(`the order cannot be held now: ${verdict.reason}`);
    const tokens = waitingTokens(detail);
    const current = openStage(detail);
    const at = nowIso();
    await commitOrderChange({
      order,
      actor: actorOf(principal),
      reason: `customer-caused hold: ${request.reason}`,
      event: 'HOLD',
      set: {
        hold: { reason: request.reason, approvedBy: principal.userId, startedAt: at, heldFrom: order.state, ...(request.expectedResumeDate ? { expectedResumeDate: request.expectedResumeDate } : {}) },
        interruptedAt: at,
      },
      stages: current ? [{ stage: current.stage, current, status: 'HELD', note: `held for the customer: ${request.reason}` }] : [],
    });
    await interruptWorkflow(orderId, tokens, 'the order is held for the customer');
    return getOrderDetail(orderId);
  });
}

export async function resumeOrder(principal: Principal, orderId: string, request: NoteRequest): Promise<OrderDetail> {
  return withFreshOrder(orderId, principal, async (detail) => {
    const { order } = detail;
    if (order.state !== 'HELD' || !order.hold) throw new InvalidTransitionError(`order ${orderId} is ${order.state}, not held`);
    const hold = order.hold;
    const endedAt = now();
    const finished = new Set(detail.stages.filter((stage) => stage.status === 'DONE').map((stage) => stage.stage));
    const plannedBefore = stageDueTimesOf(order);
    const replanned = planAfterHold({ stageDueTimes: plannedBefore, dueAt: order.dueAt }, finished, new Date(hold.startedAt), endedAt, await calendarOfOrder(order));
    const stageDueTimesJson = stageDueTimesJsonOf(replanned.stageDueTimes);
    const current = openStage(detail);
    const resumed: OrderRecord = { ...order, stageDueTimesJson };
    const stageChanges: StageChange[] = current ? [{ stage: current.stage, current, status: 'IN_PROGRESS', note: `resumed after the customer's hold${request.note ? `: ${request.note}` : ''}` }] : [];
    const committed = await commitOrderChange({
      order: resumed,
      actor: actorOf(principal),
      reason: `hold ended${request.note ? `: ${request.note}` : ''}${replanned.heldWorkingHours !== undefined ? `; clock stopped for ${replanned.heldWorkingHours} working hours` : ''}${replanned.note ? `; ${replanned.note}` : ''}`,
      event: 'RESUME',
      target: hold.heldFrom,
      set: {
        stageDueTimesJson,
        ...(replanned.dueAt ? { dueAt: replanned.dueAt } : {}),
        holdHistory: [
          ...(order.holdHistory ?? []),
          {
            reason: hold.reason,
            approvedBy: hold.approvedBy,
            startedAt: hold.startedAt,
            endedAt: endedAt.toISOString(),
            resumedBy: principal.userId,
            ...(replanned.heldWorkingHours !== undefined ? { heldWorkingHours: replanned.heldWorkingHours } : {}),
          },
        ].slice(-50),
      },
      remove: ['hold', 'resumeTaskToken'],
      stages: stageChanges,
    });
    // The workflow waits in AwaitResume (its token is on the order); if it has not got there yet, AwaitResume sees the
    // resumed order and goes straight on.
    if (order.resumeTaskToken) await completeWaitingTask(order.resumeTaskToken, { resumed: true }, { orderId, stage: committed.order.currentStage });
    return getOrderDetail(orderId);
  });
}

// ------------------------------------------------------------------ amendment
type Place = OrderRecord['places'][number];

function amendedPlaces(order: OrderRecord, request: AmendmentRequest, issues: FieldIssue[]): { places: Place[]; moved: boolean } {
  if (!request.place) return { places: order.places, moved: false };
  const places = [...order.places];
  let moved = false;
  for (const [index, change] of request.place.entries()) {
    const position = places.findIndex((place) => place.role === change.role);
    const existing = places[position];
    if (!existing) {
      issues.push({ field: `place.${index}.role`, message: `the order has no ${change.role} site` });
      continue;
    }
    if (existing.city === change.city && existing.address === change.address) continue;
    moved = true;
    places[position] = { role: change.role, city: change.city, address: change.address };
  }
  return { places, moved };
}

export async function amendOrder(principal: Principal, orderId: string, request: AmendmentRequest): Promise<OrderDetail> {
  return withFreshOrder(orderId, principal, async (detail) => {
    const { order } = detail;
    const issues: FieldIssue[] = [];
    if (request.bandwidth && !priceIn(await productVersion(order.productId, order.productVersion), request.bandwidth)) issues.push({ field: 'bandwidth', message: `${order.productId} is not sold at ${request.bandwidth}` });
    if (request.requestedCompletionDate && request.requestedCompletionDate.slice(0, 10) < shanghaiDate(now())) issues.push({ field: 'requestedCompletionDate', message: 'must not be in the past' });
    const { places, moved } = amendedPlaces(order, request, issues);
    if (issues.length > 0) throw new ValidationError(issues);

    if (order.state === 'HELD') throw new InvalidTransitionError('the order is held: resume it before amending it');
    if (!isAmendable(order)) throw new InvalidTransitionError(`order ${orderId} is ${order.state}: past the point of no return, it can no longer be amended`);

    const bandwidthChanged = request.bandwidth !== undefined && request.bandwidth !== order.bandwidth;
    const resources = reservationsOf(stageOf(detail, 'RESOURCE_CONFIRMATION'));
    const tokens = waitingTokens(detail);
    const changes: string[] = [];
    if (bandwidthChanged) changes.push(`bandwidth ${order.bandwidth} → ${request.bandwidth}`);
    if (request.requestedCompletionDate && request.requestedCompletionDate !== order.requestedCompletionDate) changes.push(`requested date ${order.requestedCompletionDate} → ${request.requestedCompletionDate}`);
    if (moved) changes.push(`sites ${places.map((place) => `${place.role} ${place.city}`).join(', ')}`);
    if (changes.length === 0) return detail;

    // A moved site needs resources at another exchange: the reservations go back and resources are checked again.
    // A new bandwidth during activation is a new activation request. Before either, the new values are simply used.
    const running = order.state !== 'FAILED' && order.state !== 'SUBMITTED' && order.state !== 'ACKNOWLEDGED';
    const recheck = moved && (resources.length > 0 || order.state === 'AWAITING_BUILD' || order.state === 'RESOURCE_CHECK');
    const reactivate = !recheck && bandwidthChanged && order.state === 'PROVISIONING';
    const event = running && recheck ? ('AMEND_RESOURCES' as const) : running && reactivate ? ('AMEND_ACTIVATION' as const) : undefined;
    const at = nowIso();
    const stageChanges: StageChange[] = [];
    if (recheck) {
      const resourceStage = stageOf(detail, 'RESOURCE_CONFIRMATION');
      if (resourceStage) stageChanges.push({ stage: 'RESOURCE_CONFIRMATION', current: resourceStage, status: order.state === 'FAILED' ? 'PENDING' : 'IN_PROGRESS', startAttempt: order.state !== 'FAILED', note: `re-checked after an amendment: ${changes.join('; ')}`, resultJson: resourceConfirmationResult({ reservations: [], released: resources.map(resourceLabel) }) });
    }
    for (const stage of [stageOf(detail, 'NETWORK_BUILD'), stageOf(detail, 'ACTIVATION')]) {
      if (stage && (stage.status === 'WAITING' || stage.status === 'IN_PROGRESS') && (recheck || (reactivate && stage.stage === 'ACTIVATION'))) {
        stageChanges.push({ stage: stage.stage, current: stage, status: 'PENDING', note: `superseded by an amendment: ${changes.join('; ')}` });
      }
    }
    await commitOrderChange({
      order,
      actor: actorOf(principal),
      reason: `amended: ${changes.join('; ')} — ${request.reason}`,
      ...(event ? { event } : {}),
      ...(recheck ? { currentStage: 'RESOURCE_CONFIRMATION' as const, releaseResources: resources } : reactivate ? { currentStage: 'ACTIVATION' as const } : {}),
      set: {
        ...(bandwidthChanged && request.bandwidth ? { bandwidth: request.bandwidth } : {}),
        ...(request.requestedCompletionDate ? { requestedCompletionDate: request.requestedCompletionDate } : {}),
        ...(moved ? { places } : {}),
        amendmentCount: (order.amendmentCount ?? 0) + 1,
        ...(event ? { interruptedAt: at } : {}),
      },
      stages: stageChanges,
    });
    if (event) await interruptWorkflow(orderId, tokens, `the order was amended: ${changes.join('; ')}`);
    return getOrderDetail(orderId);
  });
}

// ------------------------------------------------------------------ fallout: retry
export async function retryOrder(principal: Principal, orderId: string, request: NoteRequest): Promise<OrderDetail> {
  const retried = await withFreshOrder(orderId, principal, async (detail) => {
    const { order } = detail;
    if (order.state !== 'FAILED') throw new InvalidTransitionError(`order ${orderId} is ${order.state}: only orders in the fallout queue can be retried`);
    const target = retryStateOf(order.currentStage);
    const stage = stageOf(detail, order.currentStage);
    const committed = await commitOrderChange({
      order,
      actor: actorOf(principal),
      reason: `retried from the fallout queue at ${order.currentStage}${request.note ? `: ${request.note}` : ''}`,
      event: 'RETRY',
      target,
      remove: ['failure'],
      stages: stage && stage.status === 'FAILED' ? [{ stage: stage.stage, current: stage, status: 'PENDING', note: `retry requested by ${principal.userId}` }] : [],
    });
    return committed.order;
  });
  const executionArn = await startOrderWorkflow(orderId, { resumeFrom: resumePoint(retried), executionName: `${orderId}-retry-${retried.version}` });
  await recordExecution(orderId, executionArn);
  return getOrderDetail(orderId);
}

// ------------------------------------------------------------------ cancellation (TMF622 CancelProductOrder)
export function cancellationIdOf(orderId: string): string {
  return `cpo_${orderId.slice('ord_'.length)}`;
}

export function orderIdOfCancellation(cancellationId: string): string {
  return `ord_${cancellationId.slice('cpo_'.length)}`;
}

/**
 * Ask for a cancellation. It is judged at once against the point of no return and, if allowed, recorded in the same
 * conditional write that moves the order to ASSESSING_CANCELLATION — so a completion racing it either lands first (and
 * the cancellation is refused with the reason) or finds the order no longer provisioning (409). The workflow then
 * releases the reservations, charges build costs incurred and closes the order as cancelled.
 */
export async function requestCancellation(principal: Principal, request: CancelProductOrderRequest): Promise<OrderDetail> {
  const orderId = request.productOrder.id;
  const parent = await getOrderFor(principal, orderId);
  if (parent.children) return cancelParentOrder(principal, parent, request);
  const detail = await withFreshOrder(orderId, principal, async (fresh) => {
    const { order } = fresh;
    if (order.cancellation && order.cancellation.state !== 'terminatedWithError') return fresh;
    const assessment = assessCancellation({ state: order.state, heldFrom: order.hold?.heldFrom, circuitId: order.circuitId });
    if (!assessment.allowed) throw new InvalidTransitionError(`order ${orderId} cannot be cancelled: ${assessment.reason}`);
    const tokens = waitingTokens(fresh);
    const at = nowIso();
    await commitOrderChange({
      order,
      actor: actorOf(principal),
      reason: `cancellation requested: ${request.cancellationReason}`,
      event: 'REQUEST_CANCELLATION',
      set: {
        cancellation: { cancellationId: cancellationIdOf(orderId), reason: request.cancellationReason, requestedBy: principal.userId, requestedAt: at, cancelledFrom: order.state, state: 'acknowledged' },
        interruptedAt: at,
      },
    });
    await interruptWorkflow(orderId, tokens, 'a cancellation was requested');
    return getOrderDetail(orderId);
  });
  // An order in the fallout queue has no workflow: one is started to carry the cancellation out.
  if (detail.order.cancellation?.cancelledFrom === 'FAILED' && detail.order.state === 'ASSESSING_CANCELLATION') {
    const executionArn = await startOrderWorkflow(orderId, { resumeFrom: 'INTERRUPTION', executionName: `${orderId}-cancel-${detail.order.version}` });
    await recordExecution(orderId, executionArn);
  }
  return detail;
}

/** Cancelling a parent cancels each child that is still before its point of no return; the others carry on. */
async function cancelParentOrder(principal: Principal, parent: OrderDetail, request: CancelProductOrderRequest): Promise<OrderDetail> {
  const children = parent.children ?? [];
  const verdicts = children.map((child) => ({ child, assessment: assessCancellation({ state: child.state, heldFrom: child.hold?.heldFrom, circuitId: child.circuitId }) }));
  const cancellable = verdicts.filter(({ assessment }) => assessment.allowed).map(({ child }) => child);
  const refusals = verdicts.flatMap(({ child, assessment }) => (assessment.allowed ? [] : [`${child.orderId}: ${assessment.reason}`]));
  if (cancellable.length === 0) throw new InvalidTransitionError(`no child order of ${parent.order.orderId} can be cancelled: ${refusals.join('; ')}`);
  // The parent records the request first: its children's state changes roll up into it right after.
  if (!parent.order.cancellation) {
    await retryOnConflict(
      async () => {
        const { order } = await getOrderDetail(parent.order.orderId);
        if (order.cancellation) return;
        const at = nowIso();
        await commitOrderChange({
          order,
          actor: actorOf(principal),
          reason: `cancellation requested for ${cancellable.length} child orders${refusals.length ? `; refused for ${refusals.join('; ')}` : ''}: ${request.cancellationReason}`,
          set: { cancellation: { cancellationId: cancellationIdOf(order.orderId), reason: request.cancellationReason, requestedBy: principal.userId, requestedAt: at, cancelledFrom: order.state, state: 'inProgress' } },
        });
      },
      { attempts: maxAttempts },
    );
  }
  for (const child of cancellable) await requestCancellation(principal, { ...request, productOrder: { id: child.orderId } });
  return getOrderDetail(parent.order.orderId);
}

export async function getCancellationFor(principal: Principal, cancellationId: string): Promise<OrderDetail> {
  return getOrderFor(principal, orderIdOfCancellation(cancellationId));
}

// ------------------------------------------------------------------ repeat-safe commands
/** A command with the body its route validated: the command name tells which body it carries. */
export type OrderCommand =
  | { readonly command: 'hold'; readonly body: HoldRequest }
  | { readonly command: 'resume'; readonly body: NoteRequest }
  | { readonly command: 'amend'; readonly body: AmendmentRequest }
  | { readonly command: 'retry'; readonly body: NoteRequest }
  | { readonly command: 'cancel'; readonly body: CancelProductOrderRequest };
export type OrderCommandName = OrderCommand['command'];
type OrderCommandInput = { readonly principal: Principal; readonly orderId: string } & OrderCommand;

function dispatch(input: OrderCommandInput): Promise<OrderDetail> {
  const { principal, orderId } = input;
  switch (input.command) {
    case 'hold':
      return holdOrder(principal, orderId, input.body);
    case 'resume':
      return resumeOrder(principal, orderId, input.body);
    case 'amend':
      return amendOrder(principal, orderId, input.body);
    case 'retry':
      return retryOrder(principal, orderId, input.body);
    case 'cancel':
      return requestCancellation(principal, input.body);
  }
}

const commandStore = commandIdempotencyStore('orderCommand');

/** The caller, the command and the order are part of the key: one key never replays another person's or order's result. */
export const orderCommandIdempotency = new IdempotencyConfig({ eventKeyJmesPath: '[idempotencyKey, principal.userId, command, orderId]', payloadValidationJmesPath: 'body', expiresAfterSeconds: 24 * 3600 });

const runCommandOnce = makeIdempotent(
  async (input: OrderCommandInput & { readonly idempotencyKey: string }) => ({ orderId: (await dispatch(input)).order.orderId }),
  { persistenceStore: commandStore, config: orderCommandIdempotency },
);

/**
 * Run a command; with an Idempotency-Key a repeated request (a client retry after a lost response) answers with the
 * order as it is now instead of acting twice or answering 409, and the same key with another body is refused.
 */
export async function runOrderCommand(input: OrderCommandInput, idempotencyKey: string | undefined): Promise<OrderDetail> {
  if (!idempotencyKey) return dispatch(input);
  const { orderId } = await runCommandOnce({ ...input, idempotencyKey });
  return getOrderFor(input.principal, orderId);
}
