import { describe, expect, it } from 'vitest';
import { assessCancellation, availableActions, isTerminal, orderEvents, orderPhase, orderStates, toTmfState, transition } from '../../../functions/domain/order-lifecycle.ts';
import type { OrderEvent, OrderState } from '../../../functions/domain/order-lifecycle.ts';

/** The transitions docs/domain.md documents ("Order states and overlays"), written out independently of the implementation. */
const documented: Readonly<Record<string, OrderState>> = {
  'SUBMITTED+ACKNOWLEDGE': 'ACKNOWLEDGED',
  'SUBMITTED+REJECT': 'REJECTED',
  'ACKNOWLEDGED+START_RESOURCE_CHECK': 'RESOURCE_CHECK',
  'RESOURCE_CHECK+CONFIRM_RESOURCES': 'RESOURCE_CONFIRMED',
  'RESOURCE_CHECK+REPORT_SHORTFALL': 'AWAITING_BUILD',
  'AWAITING_BUILD+CONFIRM_BUILD': 'RESOURCE_CHECK',
  'RESOURCE_CONFIRMED+START_ACTIVATION': 'PROVISIONING',
  'ACCEPTANCE_FAILED+START_ACTIVATION': 'PROVISIONING',
  'PROVISIONING+COMPLETE_ACTIVATION': 'TECHNICALLY_COMPLETE',
  'TECHNICALLY_COMPLETE+REQUEST_ACCEPTANCE': 'PENDING_ACCEPTANCE',
  'PENDING_ACCEPTANCE+ACCEPT': 'ACCEPTED',
  'PENDING_ACCEPTANCE+REJECT_ACCEPTANCE': 'ACCEPTANCE_FAILED',
  'ACCEPTED+START_BILLING': 'BILLING_STARTED',
  'BILLING_STARTED+CLOSE': 'CLOSED',
  // hold: customer-caused, from any state where work is under way and a person or system is on it
  'ACKNOWLEDGED+HOLD': 'HELD',
  'RESOURCE_CHECK+HOLD': 'HELD',
  'RESOURCE_CONFIRMED+HOLD': 'HELD',
  'AWAITING_BUILD+HOLD': 'HELD',
  'PROVISIONING+HOLD': 'HELD',
  'TECHNICALLY_COMPLETE+HOLD': 'HELD',
  'PENDING_ACCEPTANCE+HOLD': 'HELD',
  'ACCEPTANCE_FAILED+HOLD': 'HELD',
  // amendments before the point of no return
  'RESOURCE_CHECK+AMEND_RESOURCES': 'RESOURCE_CHECK',
  'RESOURCE_CONFIRMED+AMEND_RESOURCES': 'RESOURCE_CHECK',
  'AWAITING_BUILD+AMEND_RESOURCES': 'RESOURCE_CHECK',
  'PROVISIONING+AMEND_RESOURCES': 'RESOURCE_CHECK',
  'PROVISIONING+AMEND_ACTIVATION': 'RESOURCE_CONFIRMED',
  // cancellation before the point of no return (an activated circuit)
  'SUBMITTED+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'ACKNOWLEDGED+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'RESOURCE_CHECK+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'RESOURCE_CONFIRMED+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'AWAITING_BUILD+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'PROVISIONING+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'HELD+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'FAILED+REQUEST_CANCELLATION': 'ASSESSING_CANCELLATION',
  'ASSESSING_CANCELLATION+ACCEPT_CANCELLATION': 'PENDING_CANCELLATION',
  'PENDING_CANCELLATION+COMPLETE_CANCELLATION': 'CANCELLED',
};
/** Events that lead back to a state the caller names, and the targets each allows. */
const targeted: Readonly<Record<string, readonly OrderState[]>> = {
  'HELD+RESUME': ['ACKNOWLEDGED', 'RESOURCE_CHECK', 'RESOURCE_CONFIRMED', 'AWAITING_BUILD', 'PROVISIONING', 'TECHNICALLY_COMPLETE', 'PENDING_ACCEPTANCE', 'ACCEPTANCE_FAILED'],
  'FAILED+RETRY': ['SUBMITTED', 'ACKNOWLEDGED', 'AWAITING_BUILD', 'RESOURCE_CONFIRMED', 'TECHNICALLY_COMPLETE', 'ACCEPTED', 'BILLING_STARTED'],
};
const terminal: readonly OrderState[] = ['REJECTED', 'CLOSED', 'CANCELLED', 'PARTIAL'];

describe('order transition function', () => {
  const triples = orderStates.flatMap((state) =>
    orderEvents.flatMap((event) => [undefined, ...orderStates].map((target) => [state, event, target] as [OrderState, OrderEvent, OrderState | undefined])),
  );

  it.each(triples)('%s + %s (target %s) is either a documented transition or a rejection', (state, event, target) => {
    const result = transition(state, event, target);
    const key = `${state}+${event}`;
    let expected: OrderState | undefined;
    if (event === 'FAIL') expected = terminal.includes(state) || state === 'FAILED' ? undefined : 'FAILED';
    else if (targeted[key]) expected = target !== undefined && targeted[key].includes(target) ? target : undefined;
    else expected = documented[key];
    if (expected) {
      expect(result).toEqual({ allowed: true, from: state, to: expected });
    } else {
      expect(result.allowed).toBe(false);
      if (!result.allowed) expect(result.reason).toContain(event);
    }
  });

  it('covers every state, event and target (the tables above are not stale)', () => {
    expect(triples).toHaveLength(orderStates.length * orderEvents.length * (orderStates.length + 1));
    for (const key of [...Object.keys(documented), ...Object.keys(targeted)]) {
      const [state, event] = key.split('+');
      expect(orderStates).toContain(state);
      expect(orderEvents).toContain(event);
    }
  });

  it('marks only rejected, closed, cancelled and partial (a parent roll-up) orders as terminal; failed orders wait in the fallout queue', () => {
    expect(orderStates.filter(isTerminal)).toEqual(['REJECTED', 'CLOSED', 'CANCELLED', 'PARTIAL']);
    expect(orderPhase('FAILED')).toBe('FALLOUT');
    expect(orderPhase('HELD')).toBe('OPEN');
    expect(orderPhase('PENDING_CANCELLATION')).toBe('OPEN');
    expect(orderPhase('CANCELLED')).toBe('ENDED');
  });

  it('maps states onto TMF622 states', () => {
    expect(toTmfState('SUBMITTED')).toBe('acknowledged');
    expect(toTmfState('PROVISIONING')).toBe('inProgress');
    expect(toTmfState('AWAITING_BUILD')).toBe('pending');
    expect(toTmfState('PENDING_ACCEPTANCE')).toBe('pending');
    expect(toTmfState('CLOSED')).toBe('completed');
    expect(toTmfState('FAILED')).toBe('failed');
    expect(toTmfState('REJECTED')).toBe('rejected');
    expect(toTmfState('HELD')).toBe('held');
    expect(toTmfState('ASSESSING_CANCELLATION')).toBe('assessingCancellation');
    expect(toTmfState('PENDING_CANCELLATION')).toBe('pendingCancellation');
    expect(toTmfState('CANCELLED')).toBe('cancelled');
  });
});

describe('the point of no return', () => {
  it('allows cancelling until the circuit is activated', () => {
    expect(assessCancellation({ state: 'PROVISIONING' })).toEqual({ allowed: true });
    expect(assessCancellation({ state: 'AWAITING_BUILD' })).toEqual({ allowed: true });
    const refused = assessCancellation({ state: 'TECHNICALLY_COMPLETE', circuitId: 'CIR-1' });
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.reason).toMatch(/point of no return.*CIR-1/);
  });

  it('judges a held order by the state the hold interrupted', () => {
    expect(assessCancellation({ state: 'HELD', heldFrom: 'PROVISIONING' }).allowed).toBe(true);
    expect(assessCancellation({ state: 'HELD', heldFrom: 'PENDING_ACCEPTANCE', circuitId: 'CIR-2' }).allowed).toBe(false);
  });

  it('lets a failed order be cancelled only if no circuit was activated', () => {
    expect(assessCancellation({ state: 'FAILED' }).allowed).toBe(true);
    expect(assessCancellation({ state: 'FAILED', circuitId: 'CIR-3' }).allowed).toBe(false);
  });

  it('refuses a second cancellation and cancelling an ended order', () => {
    expect(assessCancellation({ state: 'PENDING_CANCELLATION' }).allowed).toBe(false);
    expect(assessCancellation({ state: 'CLOSED' }).allowed).toBe(false);
    expect(assessCancellation({ state: 'CANCELLED' }).allowed).toBe(false);
  });
});

describe('actions the console offers', () => {
  it('follow the state', () => {
    expect(availableActions({ state: 'PROVISIONING' })).toEqual(['hold', 'amend', 'cancel']);
    expect(availableActions({ state: 'HELD', heldFrom: 'PROVISIONING' })).toEqual(['resume', 'cancel']);
    expect(availableActions({ state: 'FAILED' })).toEqual(['amend', 'cancel', 'retry']);
    expect(availableActions({ state: 'PENDING_ACCEPTANCE', circuitId: 'CIR-4' })).toEqual(['hold']);
    expect(availableActions({ state: 'CLOSED', circuitId: 'CIR-5' })).toEqual([]);
    expect(availableActions({ state: 'SUBMITTED' })).toEqual(['amend', 'cancel']);
  });
});
