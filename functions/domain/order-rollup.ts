/**
 * 跨网一点受理: a parent order's state is rolled up from its child orders (one per circuit or local network), each
 * running its own workflow. While any child still runs, the parent stands where its least advanced child stands; once
 * every child has stopped, it is CLOSED if all closed, PARTIAL if some closed and others failed or were cancelled, and
 * otherwise the one outcome they share (FAILED, CANCELLED, REJECTED) — or FAILED for a mix without a closed child.
 */
import { hasRunningWorkflow, orderStates } from './order-lifecycle.ts';
import type { OrderState } from './order-lifecycle.ts';

const position = new Map<OrderState, number>(orderStates.map((state, index) => [state, index]));

export function rollUpState(children: readonly OrderState[]): OrderState {
  if (children.length === 0) return 'SUBMITTED';
  const running = children.filter(hasRunningWorkflow);
  if (running.length > 0) {
    const held = running.filter((state) => state === 'HELD');
    if (held.length === running.length) return 'HELD';
    const moving = running.filter((state) => state !== 'HELD');
    return moving.reduce((least, state) => ((position.get(state) ?? 0) < (position.get(least) ?? 0) ? state : least));
  }
  const outcomes = new Set(children);
  if (outcomes.size === 1) return children[0] as OrderState;
  if (outcomes.has('CLOSED')) return 'PARTIAL';
  return 'FAILED';
}
