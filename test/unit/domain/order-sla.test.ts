import { describe, expect, it } from 'vitest';
import { buildNationalCalendar } from '../../../functions/domain/business-calendar.ts';
import { dueAfterHold, planAfterHold, planOrderSla, stageTiming } from '../../../functions/domain/order-sla.ts';
import { resolveSlaPolicy } from '../../../functions/domain/sla-policy.ts';

const calendar = buildNationalCalendar();

describe('an order SLA plan', () => {
  it('gives each stage a due time after the previous one, across the National Day holiday', () => {
    const { policy, standard } = resolveSlaPolicy({ slaClass: 'B' });
    // Acknowledged Monday 28 Sep 2026 10:00 Beijing time; 1–7 Oct are holidays (State Council schedule for 2026).
    const plan = planOrderSla(new Date('2026-09-28T02:00:00Z'), policy, calendar, standard);
    expect(plan.stageDueTimes.ORDER_ACCEPTANCE).toBe('2026-09-29T02:00:00.000Z');
    expect(plan.stageDueTimes.RESOURCE_CONFIRMATION).toBe('2026-10-08T02:00:00.000Z');
    expect(plan.note).toBe('policy class-B v1');
    const dues = Object.values(plan.stageDueTimes);
    expect([...dues].sort()).toEqual(dues);
    expect(plan.dueAt).toBeDefined();
  });

  it('says so when a due time would fall in a year whose holidays are not published', () => {
    const { policy } = resolveSlaPolicy({});
    const plan = planOrderSla(new Date('2026-12-28T02:00:00Z'), policy, calendar, true);
    expect(plan.note).toMatch(/standard SLA.*2027 holiday schedule is not published/);
    expect(plan.dueAt).toBeUndefined();
    expect(plan.stageDueTimes.ORDER_ACCEPTANCE).toBe('2026-12-29T02:00:00.000Z');
  });

  it('records on-time and working hours of a finished stage', () => {
    expect(stageTiming('2026-06-01T01:00:00.000Z', '2026-06-01T03:00:00.000Z', '2026-06-02T01:00:00.000Z', calendar)).toEqual({ onTime: true, workingHours: 2 });
    expect(stageTiming('2026-06-01T01:00:00.000Z', '2026-06-03T01:00:00.000Z', '2026-06-02T01:00:00.000Z', calendar)).toMatchObject({ onTime: false });
  });
});

describe('a customer-caused hold', () => {
  // Held Thursday 24 Sep 2026 10:00 Beijing time, resumed Thursday 8 Oct 10:00: Mid-Autumn (Fri 25 Sep), the weekend and
  // National Day (1–7 Oct) lie between.
  const holdStart = new Date('2026-09-24T02:00:00Z');
  const holdEnd = new Date('2026-10-08T02:00:00Z');

  it('keeps the working time a due time had left and counts it again from the resume', () => {
    // Due Monday 28 Sep 12:00: 10 working hours were left (Thu 10–12 and 13–18, Mon 9–12) → Thu 8 Oct 10:00 + 10 h = Fri 9 Oct 12:00.
    expect(dueAfterHold('2026-09-28T04:00:00.000Z', holdStart, holdEnd, calendar)).toBe('2026-10-09T04:00:00.000Z');
  });

  it('does not rescue a due time that had already passed when the hold began', () => {
    expect(dueAfterHold('2026-09-23T08:00:00.000Z', holdStart, holdEnd, calendar)).toBe('2026-09-23T08:00:00.000Z');
  });

  it('moves unfinished stages and the order, keeps finished ones, and reports the held working hours', () => {
    const plan = { stageDueTimes: { ORDER_ACCEPTANCE: '2026-09-23T08:00:00.000Z', ACTIVATION: '2026-09-28T04:00:00.000Z' }, dueAt: '2026-09-28T04:00:00.000Z' };
    const after = planAfterHold(plan, new Set(['ORDER_ACCEPTANCE'] as const), holdStart, holdEnd, calendar);
    expect(after.stageDueTimes).toEqual({ ORDER_ACCEPTANCE: '2026-09-23T08:00:00.000Z', ACTIVATION: '2026-10-09T04:00:00.000Z' });
    expect(after.dueAt).toBe('2026-10-09T04:00:00.000Z');
    // Thu 24 Sep 10:00–18:00 (7 h) + Mon 28–Wed 30 Sep (3 × 8 h) + Thu 8 Oct 9:00–10:00 (1 h) = 32 h
    expect(after.heldWorkingHours).toBe(32);
  });
});
