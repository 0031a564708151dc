/**
 * The order state machine of the closed provisioning loop (订单执行), as one pure transition function.
 * Every state change in KAMflow goes through `transition`; the data layer then writes it conditionally on the
 * state it was computed from, so a stale or racing change is a conflict, never a silent overwrite.
 *
 * Besides the straight path (docs/domain.md, "Order states and overlays") there are its overlays: a customer-caused
 * hold (HELD, resumes to the state it interrupted), cancellation (ASSESSING_CANCELLATION → PENDING_CANCELLATION →
 * CANCELLED, refused after the point of no return), amendments that send the order back to resource confirmation or to
 * a new activation attempt, and the fallout queue (FAILED), from which operations retry or cancel.
 */
import type { OrderStage } from './order-stages.ts';

export const orderStates = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'REJECTED',
  'RESOURCE_CHECK',
  'RESOURCE_CONFIRMED',
  'AWAITING_BUILD',
  'PROVISIONING',
  'TECHNICALLY_COMPLETE',
  'PENDING_ACCEPTANCE',
  'ACCEPTED',
  'ACCEPTANCE_FAILED',
  'BILLING_STARTED',
  'CLOSED',
  'HELD',
  'ASSESSING_CANCELLATION',
  'PENDING_CANCELLATION',
  'CANCELLED',
  'FAILED',
  'PARTIAL',
] as const;
export type OrderState = (typeof orderStates)[number];

export const orderEvents = [
  'ACKNOWLEDGE',
  'REJECT',
  'START_RESOURCE_CHECK',
  'CONFIRM_RESOURCES',
  'REPORT_SHORTFALL',
  'CONFIRM_BUILD',
  'START_ACTIVATION',
  'COMPLETE_ACTIVATION',
  'REQUEST_ACCEPTANCE',
  'ACCEPT',
  'REJECT_ACCEPTANCE',
  'START_BILLING',
  'CLOSE',
  'HOLD',
  'RESUME',
  'AMEND_RESOURCES',
  'AMEND_ACTIVATION',
  'REQUEST_CANCELLATION',
  'ACCEPT_CANCELLATION',
  'COMPLETE_CANCELLATION',
  'FAIL',
  'RETRY',
] as const;
export type OrderEvent = (typeof orderEvents)[number];

/** PARTIAL is a parent order's roll-up (some children done, some failed or cancelled); parents have no workflow. */
const terminalStates: ReadonlySet<OrderState> = new Set(['REJECTED', 'CLOSED', 'CANCELLED', 'PARTIAL']);

/** States in which a customer-caused hold may stop the clock: work has started and a person or system is on it. */
export const holdableStates = [
  'ACKNOWLEDGED',
  'RESOURCE_CHECK',
  'RESOURCE_CONFIRMED',
  'AWAITING_BUILD',
  'PROVISIONING',
  'TECHNICALLY_COMPLETE',
  'PENDING_ACCEPTANCE',
  'ACCEPTANCE_FAILED',
] as const satisfies readonly OrderState[];

/**
 * The point of no return is the activated circuit: up to and including provisioning an order can be cancelled (its
 * reservations released, build costs incurred charged); from TECHNICALLY_COMPLETE on the circuit exists and only a
 * disconnection order can take it away. HELD and FAILED orders are judged by where they stopped (`assessCancellation`).
 */
export const statesBeforePointOfNoReturn = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'RESOURCE_CHECK',
  'RESOURCE_CONFIRMED',
  'AWAITING_BUILD',
  'PROVISIONING',
] as const satisfies readonly OrderState[];

/** States an order in the fallout queue can be retried into: the state from which its failed step runs again. */
export const retryTargets = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'AWAITING_BUILD',
  'RESOURCE_CONFIRMED',
  'TECHNICALLY_COMPLETE',
  'ACCEPTED',
  'BILLING_STARTED',
] as const satisfies readonly OrderState[];

/** States in which the running workflow must stop what it is doing and ask what happened (HandleInterruption). */
export const interruptionStates = ['HELD', 'ASSESSING_CANCELLATION', 'PENDING_CANCELLATION'] as const satisfies readonly OrderState[];

type Rule = { readonly from: readonly OrderState[]; readonly to: OrderState } | { readonly from: readonly OrderState[]; readonly toOneOf: readonly OrderState[] };

/** Documented transitions: event → the states it may start from → the state it leads to (or the allowed targets). */
const transitions: Readonly<Record<OrderEvent, Rule>> = {
  ACKNOWLEDGE: { from: ['SUBMITTED'], to: 'ACKNOWLEDGED' },
  REJECT: { from: ['SUBMITTED'], to: 'REJECTED' },
  START_RESOURCE_CHECK: { from: ['ACKNOWLEDGED'], to: 'RESOURCE_CHECK' },
  CONFIRM_RESOURCES: { from: ['RESOURCE_CHECK'], to: 'RESOURCE_CONFIRMED' },
  REPORT_SHORTFALL: { from: ['RESOURCE_CHECK'], to: 'AWAITING_BUILD' },
  CONFIRM_BUILD: { from: ['AWAITING_BUILD'], to: 'RESOURCE_CHECK' },
  START_ACTIVATION: { from: ['RESOURCE_CONFIRMED', 'ACCEPTANCE_FAILED'], to: 'PROVISIONING' },
  COMPLETE_ACTIVATION: { from: ['PROVISIONING'], to: 'TECHNICALLY_COMPLETE' },
  REQUEST_ACCEPTANCE: { from: ['TECHNICALLY_COMPLETE'], to: 'PENDING_ACCEPTANCE' },
  ACCEPT: { from: ['PENDING_ACCEPTANCE'], to: 'ACCEPTED' },
  REJECT_ACCEPTANCE: { from: ['PENDING_ACCEPTANCE'], to: 'ACCEPTANCE_FAILED' },
  START_BILLING: { from: ['ACCEPTED'], to: 'BILLING_STARTED' },
  CLOSE: { from: ['BILLING_STARTED'], to: 'CLOSED' },
  HOLD: { from: holdableStates, to: 'HELD' },
  RESUME: { from: ['HELD'], toOneOf: holdableStates },
  AMEND_RESOURCES: { from: ['RESOURCE_CHECK', 'RESOURCE_CONFIRMED', 'AWAITING_BUILD', 'PROVISIONING'], to: 'RESOURCE_CHECK' },
  AMEND_ACTIVATION: { from: ['PROVISIONING'], to: 'RESOURCE_CONFIRMED' },
  REQUEST_CANCELLATION: { from: [...statesBeforePointOfNoReturn, 'HELD', 'FAILED'], to: 'ASSESSING_CANCELLATION' },
  ACCEPT_CANCELLATION: { from: ['ASSESSING_CANCELLATION'], to: 'PENDING_CANCELLATION' },
  COMPLETE_CANCELLATION: { from: ['PENDING_CANCELLATION'], to: 'CANCELLED' },
  FAIL: { from: orderStates.filter((state) => !terminalStates.has(state) && state !== 'FAILED'), to: 'FAILED' },
  RETRY: { from: ['FAILED'], toOneOf: retryTargets },
};

export type TransitionResult =
  | { readonly allowed: true; readonly from: OrderState; readonly to: OrderState }
  | { readonly allowed: false; readonly from: OrderState; readonly reason: string };

/**
 * The next state for `event` from `from`. RESUME and RETRY lead back to a state the caller names (`target`: the state
 * the hold interrupted, or the state the failed step runs from); the target must be one the event allows.
 */
export function transition(from: OrderState, event: OrderEvent, target?: OrderState): TransitionResult {
  const rule = transitions[event];
  if (!rule.from.includes(from)) return { allowed: false, from, reason: `${event} is not allowed when the order is ${from}` };
  if ('to' in rule) return { allowed: true, from, to: rule.to };
  if (target !== undefined && rule.toOneOf.includes(target)) return { allowed: true, from, to: target };
  return { allowed: false, from, reason: `${event} from ${from} must name a target state, one of ${rule.toOneOf.join(', ')}` };
}

export function isTerminal(state: OrderState): boolean {
  return terminalStates.has(state);
}

/** Whether a workflow execution should be running for an order in this state (the resume-after-restart index). */
export function hasRunningWorkflow(state: OrderState): boolean {
  return !terminalStates.has(state) && state !== 'FAILED';
}

export type OrderPhase = 'OPEN' | 'FALLOUT' | 'ENDED' | 'ROLL_UP';

/** OPEN: a workflow runs (and is resumed after a restart); FALLOUT: the fallout queue; ENDED: nothing more happens. */
export function orderPhase(state: OrderState): OrderPhase {
  if (state === 'FAILED') return 'FALLOUT';
  return hasRunningWorkflow(state) ? 'OPEN' : 'ENDED';
}

export function isInterruption(state: OrderState): boolean {
  return (interruptionStates as readonly OrderState[]).includes(state);
}

export type CancellationAssessment = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Whether an order may still be cancelled: before the point of no return, judged for HELD by the state it interrupted. */
export function assessCancellation(order: { state: OrderState; heldFrom?: OrderState | undefined; circuitId?: string | undefined }): CancellationAssessment {
  if (isTerminal(order.state)) return { allowed: false, reason: `the order is already ${order.state.toLowerCase()}` };
  if (order.state === 'ASSESSING_CANCELLATION' || order.state === 'PENDING_CANCELLATION') return { allowed: false, reason: 'a cancellation is already under way' };
  const standing = order.state === 'HELD' ? order.heldFrom : order.state;
  const beforePointOfNoReturn = (statesBeforePointOfNoReturn as readonly (OrderState | undefined)[]).includes(standing);
  if (order.circuitId || (!beforePointOfNoReturn && order.state !== 'FAILED')) {
    return {
      allowed: false,
      reason: `past the point of no return: circuit ${order.circuitId ?? '(activated)'} has been activated; ask for a disconnection order instead`,
    };
  }
  return { allowed: true };
}

/**
 * An order may be amended before the point of no return; a failed one while no circuit was activated (it is re-planned
 * and retried). A held order is amended once resumed.
 */
export function isAmendable(order: { state: OrderState; circuitId?: string | undefined }): boolean {
  return order.state === 'FAILED' ? !order.circuitId : (statesBeforePointOfNoReturn as readonly OrderState[]).includes(order.state);
}

/** States in which the resources of the order are confirmed (reserved), whatever came after. */
const statesAfterResources: ReadonlySet<OrderState> = new Set(['RESOURCE_CONFIRMED', 'PROVISIONING', 'TECHNICALLY_COMPLETE', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'ACCEPTANCE_FAILED', 'BILLING_STARTED', 'CLOSED']);

/** States in which the circuit has been activated by the provisioning system. */
const statesAfterActivation: ReadonlySet<OrderState> = new Set(['TECHNICALLY_COMPLETE', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'ACCEPTANCE_FAILED', 'BILLING_STARTED', 'CLOSED']);

/** Resource confirmation is done: a step that would confirm them again answers with the recorded outcome instead. */
export function hasConfirmedResources(state: OrderState): boolean {
  return statesAfterResources.has(state);
}

/** The circuit was activated and reported complete at some point (a failed acceptance included). */
export function isPastActivation(state: OrderState): boolean {
  return statesAfterActivation.has(state);
}

/** Activation is done and stands: a failed acceptance sends the order back to activation, so there it does not. */
export function activationStands(state: OrderState): boolean {
  return isPastActivation(state) && state !== 'ACCEPTANCE_FAILED';
}

/** The state an order in the fallout queue is retried into: the one from which its failed stage runs again. */
const retryStateOfStage: Readonly<Record<OrderStage, (typeof retryTargets)[number]>> = {
  ORDER_ACCEPTANCE: 'SUBMITTED',
  RESOURCE_CONFIRMATION: 'ACKNOWLEDGED',
  NETWORK_BUILD: 'AWAITING_BUILD',
  ACTIVATION: 'RESOURCE_CONFIRMED',
  TEST: 'TECHNICALLY_COMPLETE',
  CUSTOMER_ACCEPTANCE: 'TECHNICALLY_COMPLETE',
  BILLING_START: 'ACCEPTED',
  CRM_CLOSE: 'BILLING_STARTED',
};

export function retryStateOf(failedStage: OrderStage): OrderState {
  return retryStateOfStage[failedStage];
}

export const orderActions = ['hold', 'resume', 'amend', 'cancel', 'retry'] as const;
export type OrderAction = (typeof orderActions)[number];

/** What people may do to an order in its present state (roles aside): the console offers exactly these. */
export function availableActions(order: { state: OrderState; heldFrom?: OrderState | undefined; circuitId?: string | undefined }): OrderAction[] {
  const actions: OrderAction[] = [];
  if (transition(order.state, 'HOLD').allowed) actions.push('hold');
  if (order.state === 'HELD') actions.push('resume');
  if (isAmendable(order)) actions.push('amend');
  if (assessCancellation(order).allowed) actions.push('cancel');
  if (order.state === 'FAILED') actions.push('retry');
  return actions;
}

/** TMF622 ProductOrder states (the finer KAMflow state is shown beside them). */
export const tmfOrderStates = [
  'acknowledged',
  'rejected',
  'inProgress',
  'pending',
  'held',
  'assessingCancellation',
  'pendingCancellation',
  'cancelled',
  'completed',
  'failed',
  'partial',
] as const;
export type TmfOrderState = (typeof tmfOrderStates)[number];

const tmfStateOf: Readonly<Record<OrderState, TmfOrderState>> = {
  SUBMITTED: 'acknowledged',
  ACKNOWLEDGED: 'acknowledged',
  REJECTED: 'rejected',
  RESOURCE_CHECK: 'inProgress',
  RESOURCE_CONFIRMED: 'inProgress',
  AWAITING_BUILD: 'pending',
  PROVISIONING: 'inProgress',
  TECHNICALLY_COMPLETE: 'inProgress',
  PENDING_ACCEPTANCE: 'pending',
  ACCEPTED: 'inProgress',
  ACCEPTANCE_FAILED: 'inProgress',
  BILLING_STARTED: 'inProgress',
  CLOSED: 'completed',
  HELD: 'held',
  ASSESSING_CANCELLATION: 'assessingCancellation',
  PENDING_CANCELLATION: 'pendingCancellation',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
  PARTIAL: 'partial',
};

export function toTmfState(state: OrderState): TmfOrderState {
  return tmfStateOf[state];
}
