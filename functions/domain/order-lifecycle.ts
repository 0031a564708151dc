/**
 * The order state machine of the closed provisioning loop (订单执行), as one pure transition function.
 * Every state change in KAMflow goes through `transition`; the data layer then writes it conditionally on the
 * state it was computed from, so a stale or racing change is a conflict, never a silent overwrite.
 */
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
  'FAILED',
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
  'FAIL',
] as const;
export type OrderEvent = (typeof orderEvents)[number];

const terminalStates: ReadonlySet<OrderState> = new Set(['REJECTED', 'CLOSED', 'FAILED']);

/** Documented transitions: event → the states it may start from → the state it leads to. */
const transitions: Readonly<Record<OrderEvent, { from: readonly OrderState[]; to: OrderState }>> = {
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
  FAIL: { from: orderStates.filter((state) => !terminalStates.has(state)), to: 'FAILED' },
};

export type TransitionResult =
  | { readonly allowed: true; readonly from: OrderState; readonly to: OrderState }
  | { readonly allowed: false; readonly from: OrderState; readonly reason: string };

export function transition(from: OrderState, event: OrderEvent): TransitionResult {
  const rule = transitions[event];
  if (rule.from.includes(from)) return { allowed: true, from, to: rule.to };
  return { allowed: false, from, reason: `${event} is not allowed when the order is ${from}` };
}

export function isTerminal(state: OrderState): boolean {
  return terminalStates.has(state);
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
  FAILED: 'failed',
};

export function toTmfState(state: OrderState): TmfOrderState {
  return tmfStateOf[state];
}
