import { describe, expect, it } from 'vitest';
import { buildNationalCalendar } from '../../../functions/domain/business-calendar.ts';
import { advanceWatch, jeopardyAlertContent, jeopardyStatusAt, scheduleWatch, thresholdInstants } from '../../../functions/domain/sla-jeopardy.ts';
import { hourBucketOf, hourBucketsBetween } from '../../../functions/domain/due-hour-buckets.ts';
import { acknowledgementDecision, escalationIdOf, escalationRecipients, nextEscalationLevel } from '../../../functions/domain/escalation.ts';

const calendar = buildNationalCalendar();
const at = (iso: string) => new Date(iso);
// Monday 2 March 2026, 09:00 Shanghai; two working days later is Wednesday 4 March 09:00
const start = at('2026-03-02T01:00:00.000Z');
const due = at('2026-03-04T01:00:00.000Z');

describe('threshold instants', () => {
  it('puts the at-risk instant at 75 % of the working time, not of the wall-clock time', () => {
    // 16 working hours; 12 used at Tuesday 14:00 (Monday 8 h, Tuesday 09:00–12:00 and 13:00–14:00: lunch does not count)
    expect(thresholdInstants({ startedAt: start, dueAt: due }, calendar)).toEqual({ atRiskAt: at('2026-03-03T06:00:00.000Z'), dueAt: due });
  });

  it('uses the policy threshold', () => {
    expect(thresholdInstants({ startedAt: start, dueAt: due, jeopardyThreshold: 0.5 }, calendar)?.atRiskAt).toEqual(at('2026-03-02T10:00:00.000Z'));
    expect(() => thresholdInstants({ startedAt: start, dueAt: due, jeopardyThreshold: 0 }, calendar)).toThrow(RangeError);
  });

  it('skips the Spring Festival: a stage started on the eve is at risk only after the holiday', () => {
    // Friday 13 Feb 2026 09:00 + 2 working days: the holiday runs 15–23 Feb, Saturday 14 and 28 Feb are make-up days
    const eve = at('2026-02-13T01:00:00.000Z');
    const instants = thresholdInstants({ startedAt: eve, dueAt: at('2026-02-24T01:00:00.000Z') }, calendar);
    expect(instants?.atRiskAt.toISOString()).toBe('2026-02-14T06:00:00.000Z');
  });

  it('moves both instants by an ended hold and schedules nothing while a hold is open', () => {
    const held = { from: at('2026-03-02T06:00:00.000Z'), to: at('2026-03-03T06:00:00.000Z') }; // Mon 14:00 → Tue 14:00: 8 working hours
    const moved = thresholdInstants({ startedAt: start, dueAt: due, pauses: [held] }, calendar);
    // the budget stays 16 working hours; the hold takes 8 of them out of the calendar: due Wednesday 18:00
    expect(moved).toEqual({ atRiskAt: at('2026-03-04T06:00:00.000Z'), dueAt: at('2026-03-04T10:00:00.000Z') });
    expect(thresholdInstants({ startedAt: start, dueAt: due, pauses: [{ from: held.from }] }, calendar)).toBeUndefined();
  });

  it('treats a stage started after its planned due time as at risk at once', () => {
    const late = at('2026-03-05T01:00:00.000Z');
    expect(thresholdInstants({ startedAt: late, dueAt: due }, calendar)).toEqual({ atRiskAt: late, dueAt: due });
    expect(jeopardyStatusAt({ atRiskAt: late, dueAt: due }, late)).toBe('BREACHED');
  });
});

describe('watches', () => {
  it('schedule from AT_RISK, firing no earlier than when they are written', () => {
    expect(scheduleWatch({ startedAt: start, dueAt: due }, start, calendar)).toMatchObject({ step: 'AT_RISK', state: 'ON_TRACK', fireAt: at('2026-03-03T06:00:00.000Z') });
    const later = at('2026-03-03T08:00:00.000Z');
    expect(scheduleWatch({ startedAt: start, dueAt: due }, later, calendar)).toMatchObject({ step: 'AT_RISK', state: 'AT_RISK', fireAt: later });
  });

  it('advance AT_RISK → BREACHED just after the due time → owner → supervisor → department head, with working-hour intervals', () => {
    const timing = { intervalWorkingHours: 4, tier: 'LOCAL' as const };
    const atRisk = { step: 'AT_RISK' as const, fireAt: at('2026-03-03T06:00:00.000Z'), atRiskAt: at('2026-03-03T06:00:00.000Z'), dueAt: due };
    const breached = advanceWatch(atRisk, timing, calendar);
    expect(breached).toMatchObject({ step: 'BREACHED', fireAt: at('2026-03-04T01:00:00.001Z') });
    const supervisor = advanceWatch(breached, timing, calendar);
    expect(supervisor).toMatchObject({ step: 'SUPERVISOR', state: 'BREACHED' });
    expect(supervisor.fireAt.toISOString()).toBe('2026-03-04T06:00:00.001Z'); // 09:00 + 3 h + lunch + 1 h
    const head = advanceWatch(supervisor, timing, calendar);
    expect(head.step).toBe('DEPARTMENT_HEAD');
    expect(advanceWatch(head, timing, calendar)).toMatchObject({ step: 'NONE', state: 'BREACHED' });
    expect(advanceWatch(head, { ...timing, tier: 'GROUP' }, calendar).step).toBe('GROUP_KEY_ACCOUNT');
  });

  it('are filed by the UTC hour of their instant; a sweep window covers every hour it touches', () => {
    expect(hourBucketOf(at('2026-10-09T03:59:59.999Z'))).toBe('2026-10-09T03');
    expect(hourBucketsBetween(at('2026-10-09T03:55:00.000Z'), at('2026-10-09T05:01:00.000Z'))).toEqual(['2026-10-09T03', '2026-10-09T04', '2026-10-09T05']);
    expect(hourBucketsBetween(at('2026-10-09T03:55:00.000Z'), at('2026-10-09T03:56:00.000Z'))).toEqual(['2026-10-09T03']);
  });
});

describe('jeopardy alerts', () => {
  it('are hazards while at risk and critical once breached', () => {
    const instants = { atRiskAt: start, dueAt: due };
    expect(jeopardyAlertContent('ACTIVATION', 'AT_RISK', instants)).toMatchObject({ jeopardyType: 'hazard', name: 'ACTIVATION at risk', message: expect.stringContaining('75 %') });
    expect(jeopardyAlertContent('ORDER', 'BREACHED', instants)).toMatchObject({ jeopardyType: 'critical', name: 'ORDER breached', message: expect.stringContaining(due.toISOString()) });
  });
});

describe('the escalation chain', () => {
  const chain = { owner: 'team:operations', accountManager: 'km.wang', supervisor: 'sup.zhou', departmentHead: 'dept.north', groupKeyAccount: 'role:ADMINISTRATOR' };

  it('goes owner → supervisor → department head, and to the group level only for GROUP accounts', () => {
    expect(nextEscalationLevel('OWNER', 'LOCAL')).toBe('SUPERVISOR');
    expect(nextEscalationLevel('SUPERVISOR', 'LOCAL')).toBe('DEPARTMENT_HEAD');
    expect(nextEscalationLevel('DEPARTMENT_HEAD', 'PROVINCIAL')).toBeUndefined();
    expect(nextEscalationLevel('DEPARTMENT_HEAD', 'GROUP')).toBe('GROUP_KEY_ACCOUNT');
    expect(nextEscalationLevel('GROUP_KEY_ACCOUNT', 'GROUP')).toBeUndefined();
  });

  it('always informs the key account manager, unless they are the one asked to act', () => {
    expect(escalationRecipients('OWNER', chain)).toEqual({ notified: ['team:operations'], informed: ['km.wang'] });
    expect(escalationRecipients('SUPERVISOR', chain)).toEqual({ notified: ['sup.zhou'], informed: ['km.wang'] });
    expect(escalationRecipients('GROUP_KEY_ACCOUNT', chain)).toEqual({ notified: ['role:ADMINISTRATOR'], informed: ['km.wang'] });
    expect(escalationRecipients('OWNER', { ...chain, owner: 'km.wang' })).toEqual({ notified: ['km.wang'], informed: [] });
    expect(escalationRecipients('DEPARTMENT_HEAD', { ...chain, departmentHead: undefined })).toEqual({ notified: [], informed: ['km.wang'] });
  });

  it('is acknowledged once: again by the same person is fine, anyone else is told who has it', () => {
    expect(acknowledgementDecision({}, 'sup.zhou')).toEqual({ kind: 'RECORD' });
    expect(acknowledgementDecision({ acknowledgedBy: 'sup.zhou' }, 'sup.zhou')).toEqual({ kind: 'ALREADY_YOURS' });
    expect(acknowledgementDecision({ acknowledgedBy: 'sup.zhou' }, 'dept.north')).toEqual({ kind: 'TAKEN', by: 'sup.zhou' });
  });

  it('has one escalation per order and target', () => {
    expect(escalationIdOf('ord_01J00000000000000000000000', 'ACTIVATION')).toBe('esc_01J00000000000000000000000_ACTIVATION');
  });
});
