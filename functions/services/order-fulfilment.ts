/**
 * The workflow's steps. Each is safe to run again for the same order (a Lambda retry, or a resumed execution after a
 * restart): it looks at the order's recorded state first and, when its work is already done, answers with the
 * recorded outcome instead of doing it twice.
 */
import { ActivationFailedError, ConflictError, InvalidTransitionError, OrderInterruptedError, TransientError } from '../commons/errors.ts';
import { nowIso } from '../commons/clock.ts';
import { retryOnConflict } from '../commons/conflict-retry.ts';
import { logger } from '../commons/observability.ts';
import { canPlaceOrders } from '../domain/accounts.ts';
import { planOrderSla } from '../domain/order-sla.ts';
import { productStandardPolicy, resolveSlaPolicy } from '../domain/sla-policy.ts';
import { priceIn } from '../domain/catalogue.ts';
import { productVersion } from '../data/catalogue-repository.ts';
import { planningCalendarId } from '../domain/calendar-overrides.ts';
import { loadBusinessCalendar } from '../data/calendars-repository.ts';
import { billingTerms } from '../domain/billing.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import { activationStands, hasConfirmedResources, isInterruption, isPastActivation } from '../domain/order-lifecycle.ts';
import { resumePoint } from '../domain/resume-point.ts';
import type { ResumePoint } from '../domain/resume-point.ts';
import { stageDueTimesJson } from '../domain/stage-due-times.ts';
import { buildCostOf, reservationsOf, resourceConfirmationResult, resourceLabel } from '../domain/stage-results.ts';
import { findAccount } from '../data/accounts-repository.ts';
import { availableResources, exchangesServing } from '../data/inventory-repository.ts';
import { getOrderDetail, stageOf } from '../data/orders-repository.ts';
import { commitOrderChange } from './order-change-commit.ts';
import type { OrderChange, OrderDetail, StageChange } from '../data/orders-repository.ts';
import type { OrderRecord } from '../data/entities/order.ts';
import { sendActivationRequest } from './provisioning-gateway.ts';
import { completeWaitingTask } from './workflow-tasks.ts';
import { publicApiUrl } from './public-api-url.ts';

/** A held order, or one being cancelled, runs none of the loop's steps: the state machine hands it to HandleInterruption. */
function guardInterruption(order: OrderRecord): void {
  if (isInterruption(order.state)) throw new OrderInterruptedError(`order ${order.orderId} is ${order.state}`);
}

function unexpectedState(order: OrderRecord, step: string): InvalidTransitionError {
  return new InvalidTransitionError(`${step} cannot run while order ${order.orderId} is ${order.state}`);
}

// ------------------------------------------------------------------ 受理审核
export async function acknowledgeOrder(orderId: string): Promise<{ decision: 'ACKNOWLEDGED' | 'REJECTED' }> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  guardInterruption(order);
  if (order.state === 'REJECTED') return { decision: 'REJECTED' };
  if (order.state !== 'SUBMITTED') return { decision: 'ACKNOWLEDGED' };

  const account = await findAccount(order.accountId);
  const rejection = !account ? 'the account no longer exists' : !canPlaceOrders(account.status) ? `the account is ${account.status.toLowerCase()}` : undefined;
  const stage = stageOf(detail, 'ORDER_ACCEPTANCE');
  if (rejection) {
    await commitOrderChange({
      order,
      reason: rejection,
      event: 'REJECT',
      set: { rejectionReason: rejection },
      stages: [{ stage: 'ORDER_ACCEPTANCE', current: stage, status: 'DONE', finish: true, outcome: 'REJECTED', note: rejection }],
    });
    return { decision: 'REJECTED' };
  }
  // A contract's SLA class gives the policy; without one the product's own stage template (the version ordered) does.
  const resolved = resolveSlaPolicy({ slaClass: order.slaClass, tier: account?.tier === 'NOT_KEY_ACCOUNT' ? undefined : account?.tier, productId: order.productId });
  const standard = resolved.standard;
  const policy = standard ? productStandardPolicy(await productVersion(order.productId, order.productVersion)) : resolved.policy;
  // Due times run on the working calendar of the province where the work happens, with the administrators' data.
  const calendar = await loadBusinessCalendar(planningCalendarId(order));
  const calendarPlan = planOrderSla(new Date(order.orderDate), policy, calendar, standard);
  const plan = { ...calendarPlan, note: `${calendarPlan.note}; calendar ${calendar.id}` };
  const planned = { ...order, stageDueTimesJson: stageDueTimesJson(plan.stageDueTimes) };
  await commitOrderChange({
    order: planned,
    event: 'ACKNOWLEDGE',
    currentStage: 'RESOURCE_CONFIRMATION',
    set: { slaPolicyId: policy.policyId, slaPolicyVersion: policy.version, slaNote: plan.note, calendarId: calendar.id, stageDueTimesJson: planned.stageDueTimesJson, ...(plan.dueAt ? { dueAt: plan.dueAt } : {}) },
    stages: [{ stage: 'ORDER_ACCEPTANCE', current: stage, status: 'DONE', finish: true, outcome: 'ACKNOWLEDGED' }],
  });
  return { decision: 'ACKNOWLEDGED' };
}

// ------------------------------------------------------------------ 资源确认
type ResourceOutcome = { outcome: 'CONFIRMED' | 'SHORTFALL' };

export async function confirmResources(orderId: string): Promise<ResourceOutcome> {
  // A resource taken by a concurrent order, or a concurrent change of this order: read again and decide again.
  return stillRacingIsTransient(
    `resources for order ${orderId} kept changing concurrently`,
    retryOnConflict(
      async () => {
        let detail = await getOrderDetail(orderId);
        guardInterruption(detail.order);
        if (detail.order.state === 'AWAITING_BUILD') return { outcome: 'SHORTFALL' };
        if (hasConfirmedResources(detail.order.state)) return { outcome: 'CONFIRMED' };
        if (detail.order.state === 'ACKNOWLEDGED') {
          const stage = stageOf(detail, 'RESOURCE_CONFIRMATION');
          await commitOrderChange({
            order: detail.order,
            event: 'START_RESOURCE_CHECK',
            stages: [{ stage: 'RESOURCE_CONFIRMATION', current: stage, status: 'IN_PROGRESS', startAttempt: true }],
          });
          detail = await getOrderDetail(orderId);
        }
        if (detail.order.state !== 'RESOURCE_CHECK') throw unexpectedState(detail.order, 'ConfirmResources');
        return reserveOrReportShortfall(detail);
      },
      {
        attempts: 5,
        onConflict: async (_error, attempt) => {
          logger.info('resource reservation raced, retrying', { orderId, attempt });
          return 'retry' as const;
        },
      },
    ),
  );
}

/** A step that kept losing races is a transient failure: the state machine's Retry runs it again later. */
async function stillRacingIsTransient<T>(what: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ConflictError) throw new TransientError(what);
    throw error;
  }
}

async function reserveOrReportShortfall(detail: OrderDetail): Promise<ResourceOutcome> {
  const { order } = detail;
  const stage = stageOf(detail, 'RESOURCE_CONFIRMATION');
  // A stage left waiting by an earlier shortfall is checked again after a build: that is a new attempt.
  const startAttempt = stage?.status === 'WAITING';
  const reservations: { exchangeCode: string; resourceType: 'ACCESS_LINE' | 'PORT'; resourceId: string }[] = [];
  const shortfalls: string[] = [];
  const places = [];
  for (const place of order.places) {
    const choice = await chooseResourcesFor(place.city);
    if (!choice) {
      shortfalls.push(`${place.role} ${place.city}`);
      places.push(place);
      continue;
    }
    reservations.push(choice.accessLine, choice.port);
    places.push({ ...place, exchange: choice.exchangeCode });
  }
  if (shortfalls.length > 0) {
    await commitOrderChange({
      order,
      reason: `no free access line and port for ${shortfalls.join(', ')}`,
      event: 'REPORT_SHORTFALL',
      currentStage: 'NETWORK_BUILD',
      stages: [{ stage: 'RESOURCE_CONFIRMATION', current: stage, status: 'WAITING', startAttempt, outcome: 'SHORTFALL', note: `no free access line and port for ${shortfalls.join(', ')}` }],
    });
    return { outcome: 'SHORTFALL' };
  }
  await commitOrderChange({
    order,
    event: 'CONFIRM_RESOURCES',
    currentStage: 'ACTIVATION',
    set: { places },
    reserveResources: reservations,
    stages: [{ stage: 'RESOURCE_CONFIRMATION', current: stage, status: 'DONE', startAttempt, finish: true, outcome: 'CONFIRMED', resultJson: resourceConfirmationResult({ reservations }) }],
  });
  return { outcome: 'CONFIRMED' };
}

async function chooseResourcesFor(city: string) {
  for (const exchange of await exchangesServing(city)) {
    const [lines, ports] = await Promise.all([
      availableResources(exchange.exchangeCode, 'ACCESS_LINE', 4),
      availableResources(exchange.exchangeCode, 'PORT', 4),
    ]);
    // A random pick among the first free ones keeps concurrent orders at one exchange from all racing for one line.
    const accessLine = lines[Math.floor(Math.random() * lines.length)];
    const port = ports[Math.floor(Math.random() * ports.length)];
    if (accessLine && port) {
      return {
        exchangeCode: exchange.exchangeCode,
        accessLine: { exchangeCode: exchange.exchangeCode, resourceType: 'ACCESS_LINE' as const, resourceId: accessLine.resourceId },
        port: { exchangeCode: exchange.exchangeCode, resourceType: 'PORT' as const, resourceId: port.resourceId },
      };
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ network build (shortfall)
export async function awaitNetworkBuild(orderId: string, taskToken: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  const stage = stageOf(detail, 'NETWORK_BUILD');
  guardInterruption(order);
  if (order.state === 'RESOURCE_CHECK' && stage?.status === 'DONE') {
    await completeWaitingTask(taskToken, { buildConfirmed: true }, { orderId, stage: 'NETWORK_BUILD' });
    return;
  }
  if (order.state !== 'AWAITING_BUILD') throw unexpectedState(order, 'AwaitNetworkBuild');
  const isNewRequest = !stage || stage.status === 'DONE';
  await commitOrderChange({
    order,
    stages: [{ stage: 'NETWORK_BUILD', current: stage, status: 'WAITING', taskToken, startAttempt: isNewRequest && stage !== undefined, note: 'build request open: planning to confirm a build and a new agreed date' }],
  });
}

// ------------------------------------------------------------------ 开通
/**
 * The attempt this activation step makes and the change that records it: a first attempt (or one after a failed
 * acceptance) starts a new request; a resumed or retried execution replaces the waiting task's token, and the request
 * goes out again with its old id.
 */
function activationAttemptOf(detail: OrderDetail, taskToken: string): { attempt: number; change: OrderChange } {
  const { order } = detail;
  const stage = stageOf(detail, 'ACTIVATION');
  if (order.state === 'RESOURCE_CONFIRMED' || order.state === 'ACCEPTANCE_FAILED') {
    const attempt = (stage?.attempts ?? 0) + 1;
    return {
      attempt,
      change: {
        order,
        event: 'START_ACTIVATION',
        currentStage: 'ACTIVATION',
        stages: [{ stage: 'ACTIVATION', current: stage, status: 'WAITING', startAttempt: true, taskToken, requestId: `${order.orderId}.activation.${attempt}` }],
      },
    };
  }
  if (order.state === 'PROVISIONING' && stage) {
    if (stage.status === 'FAILED') throw new ActivationFailedError(stage.note ?? 'the provisioning system reported a failure');
    return { attempt: stage.attempts, change: { order, stages: [{ stage: 'ACTIVATION', current: stage, status: 'WAITING', taskToken }] } };
  }
  throw unexpectedState(order, 'RequestActivation');
}

export async function requestActivation(orderId: string, taskToken: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  const stage = stageOf(detail, 'ACTIVATION');
  guardInterruption(order);

  if (activationStands(order.state)) {
    await completeWaitingTask(taskToken, { circuitId: order.circuitId ?? null }, { orderId, stage: 'ACTIVATION' });
    return;
  }
  const { attempt, change } = activationAttemptOf(detail, taskToken);
  await commitOrderChange(change);

  await sendActivationRequest({
    activationRequestId: `${orderId}.activation.${attempt}`,
    orderId,
    attempt,
    product: order.productId,
    bandwidth: order.bandwidth,
    places: order.places.map((place) => ({ role: place.role, city: place.city, address: place.address, ...(place.exchange ? { exchange: place.exchange } : {}) })),
    callbackUrl: `${await publicApiUrl()}/provisioning/v1/orders/${orderId}/stages/ACTIVATION/callbacks`,
  });
}

// ------------------------------------------------------------------ 测试 / 报竣
export async function recordCompletionReport(orderId: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  const testStage = stageOf(detail, 'TEST');
  guardInterruption(order);
  if (testStage?.status === 'DONE' && order.currentStage !== 'TEST') return;
  if (order.state !== 'TECHNICALLY_COMPLETE') {
    if (isPastActivation(order.state)) return;
    throw unexpectedState(order, 'RecordCompletionReport');
  }
  const activation = stageOf(detail, 'ACTIVATION');
  await commitOrderChange({
    order,
    currentStage: 'CUSTOMER_ACCEPTANCE',
    stages: [
      {
        stage: 'TEST',
        current: testStage,
        status: 'DONE',
        startAttempt: testStage !== undefined,
        finish: true,
        outcome: 'PASSED',
        note: `completion reported for circuit ${order.circuitId ?? 'unknown'}`,
        ...(activation?.resultJson ? { resultJson: activation.resultJson } : {}),
      },
    ],
  });
}

// ------------------------------------------------------------------ 验收
export async function awaitCustomerAcceptance(orderId: string, taskToken: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  const stage = stageOf(detail, 'CUSTOMER_ACCEPTANCE');
  guardInterruption(order);
  switch (order.state) {
    case 'TECHNICALLY_COMPLETE':
      await commitOrderChange({
        order,
        event: 'REQUEST_ACCEPTANCE',
        currentStage: 'CUSTOMER_ACCEPTANCE',
        stages: [{ stage: 'CUSTOMER_ACCEPTANCE', current: stage, status: 'WAITING', startAttempt: stage !== undefined, taskToken }],
      });
      return;
    case 'PENDING_ACCEPTANCE':
      await commitOrderChange({ order, stages: [{ stage: 'CUSTOMER_ACCEPTANCE', current: stage, status: 'WAITING', taskToken }] });
      return;
    case 'ACCEPTED':
    case 'BILLING_STARTED':
    case 'CLOSED':
      await completeWaitingTask(taskToken, { decision: 'ACCEPTED' }, { orderId, stage: 'CUSTOMER_ACCEPTANCE' });
      return;
    case 'ACCEPTANCE_FAILED':
      await completeWaitingTask(taskToken, { decision: 'REJECTED' }, { orderId, stage: 'CUSTOMER_ACCEPTANCE' });
      return;
    default:
      throw unexpectedState(order, 'AwaitCustomerAcceptance');
  }
}

// ------------------------------------------------------------------ 起租
export async function startBilling(orderId: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  guardInterruption(order);
  if (order.state === 'BILLING_STARTED' || order.state === 'CLOSED') return;
  if (order.state !== 'ACCEPTED') throw unexpectedState(order, 'StartBilling');
  const acceptance = stageOf(detail, 'CUSTOMER_ACCEPTANCE');
  const acceptedAt = new Date(acceptance?.finishedAt ?? nowIso());
  const price = priceIn(await productVersion(order.productId, order.productVersion), order.bandwidth);
  const terms = billingTerms({ productId: order.productId, bandwidth: order.bandwidth, leaseTermDays: order.leaseTermDays, acceptedAt, price });
  await commitOrderChange({
    order,
    event: 'START_BILLING',
    currentStage: 'CRM_CLOSE',
    billing: {
      orderId,
      accountId: order.accountId,
      billingAccountId: `BA-${order.accountId.slice(4)}`,
      productId: order.productId,
      bandwidth: order.bandwidth,
      ...(order.circuitId ? { circuitId: order.circuitId } : {}),
      ...terms,
      startedAt: nowIso(),
    },
    stages: [{ stage: 'BILLING_START', current: stageOf(detail, 'BILLING_START'), status: 'DONE', finish: true, outcome: terms.leaseType, note: `charges from ${terms.chargesFrom}` }],
  });
}

// ------------------------------------------------------------------ CRM filing
export async function closeOrder(orderId: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  guardInterruption(order);
  if (order.state === 'CLOSED') return;
  if (order.state !== 'BILLING_STARTED') throw unexpectedState(order, 'CloseOrder');
  await commitOrderChange({
    order,
    event: 'CLOSE',
    set: { completionDate: nowIso() },
    stages: [{ stage: 'CRM_CLOSE', current: stageOf(detail, 'CRM_CLOSE'), status: 'DONE', finish: true, outcome: 'FILED', note: `CRM record: customer ${order.accountId}, circuit ${order.circuitId ?? '-'}` }],
  });
}

// ------------------------------------------------------------------ fallout
export async function recordFailure(orderId: string, failure: { error: string; cause: string }): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  if (order.state === 'FAILED' || order.state === 'CLOSED' || order.state === 'REJECTED' || order.state === 'CANCELLED') return;
  // A hold ends only by resume, cancellation or — when it outlives the workflow's wait — the fallout queue.
  if (isInterruption(order.state) && !(order.state === 'HELD' && failure.error === 'States.Timeout')) guardInterruption(order);
  const stage: OrderStage = order.currentStage;
  const current = stageOf(detail, stage);
  await commitOrderChange({
    order,
    reason: `${failure.error}: ${failure.cause}`,
    event: 'FAIL',
    set: { failure: { error: failure.error.slice(0, 200), cause: failure.cause.slice(0, 2000), at: nowIso() } },
    stages: current && current.status !== 'DONE' ? [{ stage, current, status: 'FAILED', finish: true, note: current.note ?? failure.error }] : [],
  });
}

// ------------------------------------------------------------------ interruptions: hold, amendment, cancellation
export type InterruptionDecision =
  | { readonly next: 'HOLD' }
  | { readonly next: 'CANCEL' }
  | { readonly next: 'CONTINUE'; readonly resumeFrom: ResumePoint }
  | { readonly next: 'STOP' };

/** After a task was interrupted (or a hold ended): wait for the resume, carry out the cancellation, or go on. */
export async function handleInterruption(orderId: string): Promise<InterruptionDecision> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  switch (order.state) {
    case 'HELD':
      return { next: 'HOLD' };
    case 'ASSESSING_CANCELLATION': {
      if (!order.cancellation) throw unexpectedState(order, 'HandleInterruption');
      await commitOrderChange({
        order,
        reason: 'cancellation accepted: before the point of no return',
        event: 'ACCEPT_CANCELLATION',
        set: { cancellation: { ...order.cancellation, state: 'inProgress' } },
      });
      return { next: 'CANCEL' };
    }
    case 'PENDING_CANCELLATION':
    case 'CANCELLED':
      return { next: 'CANCEL' };
    default: {
      const point = resumePoint(order);
      return point ? { next: 'CONTINUE', resumeFrom: point } : { next: 'STOP' };
    }
  }
}

/** 挂起: the workflow waits here while the customer's hold lasts; the resume command completes the task. */
export async function awaitResume(orderId: string, taskToken: string): Promise<void> {
  await stillRacingIsTransient(
    `order ${orderId} kept changing while its hold was recorded`,
    retryOnConflict(
      async () => {
        const { order } = await getOrderDetail(orderId);
        if (order.state !== 'HELD') {
          await completeWaitingTask(taskToken, { resumed: true }, { orderId, stage: order.currentStage });
          return;
        }
        await commitOrderChange({ order, set: { resumeTaskToken: taskToken } });
      },
      { attempts: 5 },
    ),
  );
}

/**
 * 撤单: give the reservations back to the inventory, charge build costs incurred (a confirmed network build), close
 * the open stages as cancelled and the order as CANCELLED — one transaction.
 */
export async function cancelOrder(orderId: string): Promise<void> {
  const detail = await getOrderDetail(orderId);
  const { order } = detail;
  if (order.state === 'CANCELLED') return;
  if (order.state !== 'PENDING_CANCELLATION' || !order.cancellation) throw unexpectedState(order, 'CancelOrder');
  const released = reservationsOf(stageOf(detail, 'RESOURCE_CONFIRMATION'));
  const build = stageOf(detail, 'NETWORK_BUILD');
  const buildCost = build?.status === 'DONE' ? buildCostOf(build) : 0;
  const at = nowIso();
  const stages: StageChange[] = detail.stages
    .filter((stage) => stage.status !== 'DONE')
    .map((stage) => ({ stage: stage.stage, current: stage, status: 'CANCELLED' as const, finish: true, note: `cancelled: ${order.cancellation?.reason ?? ''}` }));
  const resourceStage = stageOf(detail, 'RESOURCE_CONFIRMATION');
  if (released.length > 0 && resourceStage) {
    const index = stages.findIndex((stage) => stage.stage === 'RESOURCE_CONFIRMATION');
    const change: StageChange = { stage: 'RESOURCE_CONFIRMATION', current: resourceStage, status: resourceStage.status === 'DONE' ? 'DONE' : 'CANCELLED', resultJson: resourceConfirmationResult({ reservations: [], released: released.map(resourceLabel) }), note: `released on cancellation: ${released.map(resourceLabel).join(', ')}` };
    if (index >= 0) stages[index] = { ...change, finish: true };
    else stages.push(change);
  }
  const releasedLabels = released.map(resourceLabel);
  await commitOrderChange({
    order,
    reason: [
      `cancelled: ${order.cancellation.reason}`,
      releasedLabels.length > 0 ? `released ${releasedLabels.join(', ')}` : 'no resources were reserved',
      buildCost > 0 ? `build costs charged ${buildCost} CNY` : undefined,
    ].filter(Boolean).join('; '),
    event: 'COMPLETE_CANCELLATION',
    set: { cancellation: { ...order.cancellation, state: 'done', effectiveAt: at, releasedResources: releasedLabels, buildCostCharged: buildCost }, completionDate: at },
    remove: ['hold', 'resumeTaskToken'],
    releaseResources: released,
    stages,
    ...(buildCost > 0
      ? {
          billing: {
            orderId,
            accountId: order.accountId,
            billingAccountId: `BA-${order.accountId.slice(4)}`,
            productId: order.productId,
            bandwidth: order.bandwidth,
            chargeType: 'CANCELLATION' as const,
            oneOffCharge: buildCost,
            monthlyCharge: 0,
            chargesFrom: at.slice(0, 10),
            startedAt: at,
          },
        }
      : {}),
  });
}
