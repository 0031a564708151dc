import { describe, expect, it } from 'vitest';
import { buildNationalCalendar } from '../../../functions/domain/business-calendar.ts';
import { planOrderSla, stageTiming } from '../../../functions/domain/order-sla.ts';
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
