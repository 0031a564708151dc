import { describe, expect, it } from 'vitest';
import { isTerminal, orderEvents, orderStates, toTmfState, transition } from '../../../functions/domain/order-lifecycle.ts';
import type { OrderEvent, OrderState } from '../../../functions/domain/order-lifecycle.ts';

/** The documented transitions of DOMAIN.md's order states, written out independently of the implementation. */
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
};
const terminal: readonly OrderState[] = ['REJECTED', 'CLOSED', 'FAILED'];

describe('order transition function', () => {
  const pairs = orderStates.flatMap((state) => orderEvents.map((event) => [state, event] as [OrderState, OrderEvent]));

  it.each(pairs)('%s + %s is either a documented transition or a rejection', (state, event) => {
    const result = transition(state, event);
    const expected = event === 'FAIL' ? (terminal.includes(state) ? undefined : 'FAILED') : documented[`${state}+${event}`];
    if (expected) {
      expect(result).toEqual({ allowed: true, from: state, to: expected });
    } else {
      expect(result.allowed).toBe(false);
      if (!result.allowed) expect(result.reason).toContain(event);
    }
  });

  it('covers every state and event (the table above is not stale)', () => {
    expect(pairs).toHaveLength(orderStates.length * orderEvents.length);
    expect(Object.keys(documented).every((key) => pairs.some(([s, e]) => `${s}+${e}` === key))).toBe(true);
  });

  it('marks only rejected, closed and failed orders as terminal', () => {
    expect(orderStates.filter(isTerminal)).toEqual(['REJECTED', 'CLOSED', 'FAILED']);
  });

  it('maps states onto TMF622 states', () => {
    expect(toTmfState('SUBMITTED')).toBe('acknowledged');
    expect(toTmfState('PROVISIONING')).toBe('inProgress');
    expect(toTmfState('AWAITING_BUILD')).toBe('pending');
    expect(toTmfState('PENDING_ACCEPTANCE')).toBe('pending');
    expect(toTmfState('CLOSED')).toBe('completed');
    expect(toTmfState('FAILED')).toBe('failed');
    expect(toTmfState('REJECTED')).toBe('rejected');
  });
});
