import { describe, expect, it } from 'vitest';
import { matchesFilter, maxDeliveryAttempts, nextAttemptDelayMs, parseHubQuery, signDelivery, toNotification } from '../../../functions/domain/order-notifications.ts';

const order = { orderId: 'ord_01J00000000000000000000000', accountId: 'acc_01J00000000000000000000000', state: 'PROVISIONING' as const, href: '/x' };

describe('hub queries', () => {
  it('subscribe to every event type when empty, and parse TMF-style conditions', () => {
    expect(parseHubQuery('')).toMatchObject({ ok: true, filter: { eventTypes: expect.arrayContaining(['ProductOrderStateChangeEvent', 'ProductOrderJeopardyAlertEvent']) } });
    expect(parseHubQuery('eventType=ProductOrderStateChangeEvent,ProductOrderMilestoneEvent&productOrder.state=completed,failed')).toEqual({
      ok: true,
      filter: { eventTypes: ['ProductOrderStateChangeEvent', 'ProductOrderMilestoneEvent'], states: ['completed', 'failed'] },
    });
    expect(parseHubQuery('productOrder.relatedParty.id=acc_01J00000000000000000000000')).toMatchObject({ ok: true, filter: { accountId: 'acc_01J00000000000000000000000' } });
  });

  it('refuse unknown conditions and values, naming them', () => {
    expect(parseHubQuery('colour=red')).toMatchObject({ ok: false, message: expect.stringContaining('colour') });
    expect(parseHubQuery('eventType=Nope')).toMatchObject({ ok: false, message: expect.stringContaining('Nope') });
    expect(parseHubQuery('productOrder.state=done')).toMatchObject({ ok: false, message: expect.stringContaining('done') });
    expect(parseHubQuery('eventType=')).toMatchObject({ ok: false });
    // a broken % escape is bad input, not a crash
    expect(parseHubQuery('eventType=%E0%A4%A')).toMatchObject({ ok: false, message: expect.stringContaining('escape') });
  });
});

describe('notifications', () => {
  it('carry the state an order change led to, and milestones for stage updates', () => {
    const change = toNotification({ orderId: order.orderId, eventId: 'e1', at: '2026-11-26T00:00:00.000Z', type: 'STATE_CHANGE', actor: 'system:workflow', fromState: 'RESOURCE_CONFIRMED', toState: 'PROVISIONING' }, { ...order, state: 'CLOSED' });
    expect(change).toMatchObject({ eventType: 'ProductOrderStateChangeEvent', event: { productOrder: { state: 'inProgress', kamflowState: 'PROVISIONING' } } });
    const milestone = toNotification({ orderId: order.orderId, eventId: 'e2', at: '2026-11-26T00:00:00.000Z', type: 'STAGE_UPDATE', actor: 'x', stage: 'ACTIVATION', stageStatus: 'DONE' }, order);
    expect(milestone?.event.productOrder.milestone).toEqual([{ id: 'ACTIVATION', name: 'ACTIVATION', status: 'DONE', milestoneDate: '2026-11-26T00:00:00.000Z' }]);
    expect(toNotification({ orderId: order.orderId, eventId: 'e3', at: '2026-11-26T00:00:00.000Z', type: 'ESCALATION', actor: 'x' }, order)).toBeUndefined();
  });

  it('match a filter by type, state and account', () => {
    const event = toNotification({ orderId: order.orderId, eventId: 'e1', at: '2026-11-26T00:00:00.000Z', type: 'STATE_CHANGE', actor: 'x', toState: 'CLOSED' }, order);
    if (!event) throw new Error('no notification');
    expect(matchesFilter({ eventTypes: ['ProductOrderStateChangeEvent'], states: ['completed'] }, event)).toBe(true);
    expect(matchesFilter({ eventTypes: ['ProductOrderStateChangeEvent'], states: ['failed'] }, event)).toBe(false);
    expect(matchesFilter({ eventTypes: ['ProductOrderMilestoneEvent'] }, event)).toBe(false);
    expect(matchesFilter({ eventTypes: ['ProductOrderStateChangeEvent'], accountId: 'acc_other' }, event)).toBe(false);
  });

  it('are signed over timestamp and body', () => {
    expect(signDelivery('s', 1, '{}')).toBe(signDelivery('s', 1, '{}'));
    expect(signDelivery('s', 1, '{}')).not.toBe(signDelivery('s', 2, '{}'));
    expect(signDelivery('s', 1, '{}')).not.toBe(signDelivery('t', 1, '{}'));
  });

  it('are retried with exponential backoff under full jitter, capped, then given up', () => {
    expect(nextAttemptDelayMs(1, () => 0.999999)).toBeLessThan(30_000);
    expect(nextAttemptDelayMs(3, () => 0.999999)).toBeLessThan(120_000);
    expect(nextAttemptDelayMs(3, () => 0.999999)).toBeGreaterThan(100_000);
    expect(nextAttemptDelayMs(7, () => 0.999999)).toBeLessThanOrEqual(3_600_000);
    expect(nextAttemptDelayMs(1, () => 0)).toBe(1_000);
    expect(nextAttemptDelayMs(maxDeliveryAttempts)).toBeUndefined();
  });
});
