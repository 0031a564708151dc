import { describe, expect, it } from 'vitest';
import { matchesFilter, maxDeliveryAttempts, nextAttemptDelayMs, parseHubQuery, signDelivery, toNotification, verifyDelivery } from '../../../functions/domain/order-notifications.ts';

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
    expect(parseHubQuery('productOrder.relatedParty.id=acc_1')).toMatchObject({ ok: false, message: expect.stringContaining('productOrder.relatedParty.id') });
  });

  it('decode like a URL query, refuse a condition given twice, and never throw on a malformed escape', () => {
    expect(parseHubQuery('?eventType=ProductOrderStateChangeEvent%2CProductOrderCreateEvent')).toEqual({ ok: true, filter: { eventTypes: ['ProductOrderStateChangeEvent', 'ProductOrderCreateEvent'] } });
    expect(parseHubQuery('eventType=ProductOrderStateChangeEvent&eventType=ProductOrderCreateEvent')).toMatchObject({ ok: false, message: expect.stringContaining('more than once') });
    expect(() => parseHubQuery('eventType=%E0%A4%A')).not.toThrow();
    expect(parseHubQuery('eventType=%E0%A4%A')).toMatchObject({ ok: false });
    expect(parseHubQuery('constructor=x')).toMatchObject({ ok: false, message: expect.stringContaining('constructor') });
    expect(parseHubQuery('__proto__=x')).toMatchObject({ ok: false, message: expect.stringContaining('__proto__') });
  });
});

describe('notifications', () => {
  it('carry the state an order change led to, and milestones for stage updates', () => {
    const change = toNotification({ orderId: order.orderId, eventId: 'e1', at: '2026-11-26T00:00:00.000Z', type: 'STATE_CHANGE', actor: 'system:workflow', fromState: 'RESOURCE_CONFIRMED', toState: 'PROVISIONING' }, { ...order, state: 'CLOSED' });
    expect(change).toMatchObject({ eventType: 'ProductOrderStateChangeEvent', event: { productOrder: { state: 'inProgress', kamflowState: 'PROVISIONING' } } });
    const milestone = toNotification({ orderId: order.orderId, eventId: 'e2', at: '2026-11-26T00:00:00.000Z', type: 'STAGE_UPDATE', actor: 'x', stage: 'ACTIVATION', stageStatus: 'DONE' }, order);
    expect(milestone?.event.productOrder.milestone).toEqual([{ id: 'ACTIVATION', name: 'ACTIVATION', status: 'DONE', milestoneDate: '2026-11-26T00:00:00.000Z' }]);
    expect(toNotification({ orderId: order.orderId, eventId: 'e3', at: '2026-11-26T00:00:00.000Z', type: 'SOMETHING_NEW', actor: 'x' }, order)).toBeUndefined();
  });

  it('turn the SLA sweep’s jeopardy alerts and escalations into jeopardy alert events, naming nobody', () => {
    const atRisk = toNotification({ orderId: order.orderId, eventId: 'j1', at: '2026-11-26T01:00:00.000Z', type: 'JEOPARDY_ALERT', actor: 'system:sla-sweep', stage: 'ACTIVATION', stageStatus: 'AT_RISK', reason: 'ACTIVATION has used 75 % of its time' }, order);
    expect(atRisk).toMatchObject({ eventType: 'ProductOrderJeopardyAlertEvent', event: { productOrder: { state: 'inProgress', jeopardyAlert: [{ id: 'j1', name: 'AT_RISK', jeopardyType: 'atRisk', stage: 'ACTIVATION', message: 'ACTIVATION has used 75 % of its time', alertDate: '2026-11-26T01:00:00.000Z' }] } } });
    const breached = toNotification({ orderId: order.orderId, eventId: 'j2', at: '2026-11-26T02:00:00.000Z', type: 'JEOPARDY_ALERT', actor: 'system:sla-sweep', stageStatus: 'BREACHED' }, order);
    expect(breached?.event.productOrder.jeopardyAlert?.[0]).toMatchObject({ jeopardyType: 'breached', stage: 'ORDER' });
    const escalated = toNotification({ orderId: order.orderId, eventId: 'j3', at: '2026-11-26T03:00:00.000Z', type: 'ESCALATION', actor: 'system:sla-sweep', stage: 'TEST', stageStatus: 'SUPERVISOR', reason: 'escalated to supervisor: sup.zhou' }, order);
    expect(escalated?.eventType).toBe('ProductOrderJeopardyAlertEvent');
    expect(escalated?.event.productOrder.jeopardyAlert?.[0]).toMatchObject({ name: 'ESCALATED_TO_SUPERVISOR', jeopardyType: 'escalated', stage: 'TEST' });
    expect(JSON.stringify(escalated)).not.toContain('sup.zhou');
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

  it('verify for a listener: the right secret, body and a fresh timestamp only', () => {
    const nowSeconds = 1_790_000_000;
    const body = '{"eventId":"e1"}';
    const signature = signDelivery('secret', nowSeconds, body);
    expect(verifyDelivery('secret', { timestamp: String(nowSeconds), signature }, body, nowSeconds + 10)).toBe(true);
    expect(verifyDelivery('other', { timestamp: String(nowSeconds), signature }, body, nowSeconds)).toBe(false);
    expect(verifyDelivery('secret', { timestamp: String(nowSeconds), signature }, `${body} `, nowSeconds)).toBe(false);
    expect(verifyDelivery('secret', { timestamp: String(nowSeconds), signature }, body, nowSeconds + 301)).toBe(false);
    expect(verifyDelivery('secret', { timestamp: String(nowSeconds), signature: 'zz' }, body, nowSeconds)).toBe(false);
    expect(verifyDelivery('secret', { timestamp: undefined, signature }, body, nowSeconds)).toBe(false);
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
