import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarNotPublishedError, buildNationalCalendar, classifyDay, deriveProvinceCalendar } from '../../../functions/domain/business-calendar.ts';
import type { BusinessCalendar, PublishedYearSchedule } from '../../../functions/domain/business-calendar.ts';
import {
  ClockHeldError,
  InvalidBudgetError,
  InvalidClockInputError,
  applyExtension,
  asWorkingDays,
  asWorkingHours,
  dueTime,
  dueTimeOrHold,
  elapsedWorkingTime,
  slaStatus,
  workingTimeOf,
} from '../../../functions/domain/sla-clock.ts';
import type { Pause } from '../../../functions/domain/sla-clock.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const national = buildNationalCalendar();
/** Odd hours on purpose (three intervals, 7 h 45 min a day), so properties do not lean on the standard day. */
const shiftCalendar = deriveProvinceCalendar(buildNationalCalendar({ workingHours: [{ start: '08:15', end: '11:30' }, { start: '12:00', end: '14:00' }, { start: '15:30', end: '18:00' }] }), {
  provinceCode: 'CN-GX',
  extraHolidays: [{ date: '2024-04-11', name: 'local holiday' }],
  extraWorkingDays: [{ date: '2024-04-13', name: 'local working Saturday' }],
});
const at = (iso: string) => new Date(iso);

// ---------------------------------------------------------------------------------------------------------------------
// An independent oracle: walk local days one by one through classifyDay and the working intervals.
// ---------------------------------------------------------------------------------------------------------------------

function workingSpansOf(calendar: BusinessCalendar, fromMs: number, toMs: number): Array<[number, number]> {
  const offset = calendar.timeZone.utcOffsetMinutes * 60_000;
  const spans: Array<[number, number]> = [];
  for (let dayStart = Math.floor((fromMs + offset) / DAY) * DAY - offset; dayStart < toMs; dayStart += DAY) {
    const day = classifyDay(calendar, new Date(dayStart + offset).toISOString().slice(0, 10));
    if (day.kind === 'UNPUBLISHED') throw new Error(`oracle reached unpublished ${day.date}`);
    if (!day.working) continue;
    for (const interval of calendar.workingIntervals) {
      const [sh, sm] = interval.start.split(':').map(Number) as [number, number];
      const [eh, em] = interval.end.split(':').map(Number) as [number, number];
      spans.push([dayStart + (sh * 60 + sm) * 60_000, dayStart + (eh * 60 + em) * 60_000]);
    }
  }
  return spans;
}

function oracleElapsed(calendar: BusinessCalendar, fromMs: number, toMs: number, pauses: ReadonlyArray<{ from: number; to: number }>): number {
  let total = 0;
  for (const [spanStart, spanEnd] of workingSpansOf(calendar, fromMs, toMs)) {
    // Count working milliseconds not covered by any hold, by cutting the span at hold boundaries.
    const cuts = [Math.max(spanStart, fromMs), Math.min(spanEnd, toMs)];
    for (const pause of pauses) cuts.push(pause.from, pause.to);
    const points = [...new Set(cuts.filter((point) => point >= Math.max(spanStart, fromMs) && point <= Math.min(spanEnd, toMs)))].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i] as number, points[i + 1] as number];
      if (!pauses.some((pause) => pause.from <= a && b <= pause.to)) total += b - a;
    }
  }
  return total;
}

function oracleDue(calendar: BusinessCalendar, startMs: number, budgetMs: number): number {
  let remaining = budgetMs;
  for (let windowStart = startMs; ; windowStart += 30 * DAY) {
    const windowEnd = windowStart + 30 * DAY;
    for (const [spanStart, spanEnd] of workingSpansOf(calendar, windowStart, windowEnd)) {
      const from = Math.max(spanStart, windowStart);
      const to = Math.min(spanEnd, windowEnd);
      if (to <= from) continue;
      if (to - from >= remaining) return from + remaining;
      remaining -= to - from;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Generators: instants whose due times stay inside the published years (2004–2026).
// ---------------------------------------------------------------------------------------------------------------------

const calendarArb = fc.constantFrom(national, shiftCalendar);
const instantArb = fc.integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2024, 11, 31) }).map((ms) => new Date(ms));
/** Up to 300 working days, to the millisecond, as hours so that any calendar's day length works. */
const budgetArb = fc.integer({ min: 0, max: 300 * 8 * HOUR }).map((ms) => ({ workingHours: ms / HOUR }));
const positiveBudgetArb = fc.integer({ min: 1, max: 300 * 8 * HOUR }).map((ms) => ({ workingHours: ms / HOUR }));
const pausesAround = (start: Date) =>
  fc.array(
    fc.record({ offset: fc.integer({ min: -10 * DAY, max: 200 * DAY }), length: fc.integer({ min: 0, max: 20 * DAY }) }).map(({ offset, length }): Pause => ({
      from: new Date(start.getTime() + offset),
      to: new Date(start.getTime() + offset + length),
    })),
    { maxLength: 4 },
  );
const RUNS = { numRuns: 250 };

describe('SLA clock properties', () => {
  it('a due time is never before its start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, budgetArb, (calendar, start, budget) => {
        expect(dueTime(start, budget, calendar).getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
      RUNS,
    );
  });

  it('adding a hold never makes the due time earlier', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb.chain((start) => fc.tuple(fc.constant(start), pausesAround(start), pausesAround(start))),
        budgetArb,
        (calendar, [start, pauses, morePauses], budget) => {
          const before = dueTime(start, budget, calendar, pauses).getTime();
          expect(dueTime(start, budget, calendar, [...pauses, ...morePauses]).getTime()).toBeGreaterThanOrEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('elapsed working time is additive: [a,b] + [b,c] = [a,c], holds included', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.array(fc.integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2026, 11, 31) }), { minLength: 3, maxLength: 3 }),
        (calendar, points) => {
          const [a, b, c] = [...points].sort((x, y) => x - y).map((ms) => new Date(ms)) as [Date, Date, Date];
          const pauses: Pause[] = [{ from: new Date(a.getTime() + (b.getTime() - a.getTime()) / 3), to: new Date(b.getTime() + (c.getTime() - b.getTime()) / 2) }];
          expect(elapsedWorkingTime(a, b, calendar) + elapsedWorkingTime(b, c, calendar)).toBe(elapsedWorkingTime(a, c, calendar));
          expect(elapsedWorkingTime(a, b, calendar, pauses) + elapsedWorkingTime(b, c, calendar, pauses)).toBe(elapsedWorkingTime(a, c, calendar, pauses));
        },
      ),
      RUNS,
    );
  });

  it('the working time from start to the due time is the budget, with or without holds', () => {
    fc.assert(
      fc.property(calendarArb, instantArb.chain((start) => fc.tuple(fc.constant(start), pausesAround(start))), budgetArb, (calendar, [start, pauses], budget) => {
        const budgetMs = workingTimeOf(budget, calendar);
        expect(elapsedWorkingTime(start, dueTime(start, budget, calendar), calendar)).toBe(budgetMs);
        expect(elapsedWorkingTime(start, dueTime(start, budget, calendar, pauses), calendar, pauses)).toBe(budgetMs);
      }),
      RUNS,
    );
  });

  it('more budget never gives an earlier due time', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, budgetArb, budgetArb, (calendar, start, first, second) => {
        const [smaller, larger] = (first.workingHours <= second.workingHours ? [first, second] : [second, first]) as [typeof first, typeof first];
        expect(dueTime(start, larger, calendar).getTime()).toBeGreaterThanOrEqual(dueTime(start, smaller, calendar).getTime());
      }),
      RUNS,
    );
  });

  it('a due time falls on a working day, inside working hours or exactly at the end of a working interval', () => {
    fc.assert(
      fc.property(calendarArb, instantArb.chain((start) => fc.tuple(fc.constant(start), pausesAround(start))), positiveBudgetArb, (calendar, [start, pauses], budget) => {
        const due = dueTime(start, budget, calendar, pauses);
        const local = new Date(due.getTime() + calendar.timeZone.utcOffsetMinutes * 60_000);
        const day = classifyDay(calendar, local.toISOString().slice(0, 10));
        expect(day.kind !== 'UNPUBLISHED' && day.working).toBe(true);
        const minute = local.getUTCHours() * 60 + local.getUTCMinutes() + (local.getUTCSeconds() * 1000 + local.getUTCMilliseconds()) / 60_000;
        const inside = calendar.workingIntervals.some(({ start: from, end: to }) => {
          const [fh, fm] = from.split(':').map(Number) as [number, number];
          const [th, tm] = to.split(':').map(Number) as [number, number];
          return minute > fh * 60 + fm && minute <= th * 60 + tm;
        });
        expect(inside).toBe(true);
      }),
      RUNS,
    );
  });

  it('agrees with a day-by-day walk of the calendar on due times and elapsed working time', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb.chain((start) => fc.tuple(fc.constant(start), pausesAround(start), fc.integer({ min: 0, max: 120 * DAY }))),
        fc.integer({ min: 1, max: 60 * 8 * HOUR }),
        (calendar, [start, pauses, span], budgetMs) => {
          expect(dueTime(start, { workingHours: budgetMs / HOUR }, calendar).getTime()).toBe(oracleDue(calendar, start.getTime(), budgetMs));
          const end = new Date(start.getTime() + span);
          const holds = pauses.map((pause) => ({ from: pause.from.getTime(), to: (pause.to as Date).getTime() }));
          expect(elapsedWorkingTime(start, end, calendar, pauses)).toBe(oracleElapsed(calendar, start.getTime(), end.getTime(), holds));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('due times across the real 2026 holidays (chinese-days data, Asia/Shanghai)', () => {
  it('Spring Festival: acknowledged Friday 13 Feb 10:00 with 2 working days is due Tuesday 24 Feb 10:00, make-up Saturday 14 Feb counted', () => {
    expect(dueTime(at('2026-02-13T10:00:00+08:00'), { workingDays: 2 }, national)).toEqual(at('2026-02-24T10:00:00+08:00'));
    expect(elapsedWorkingTime(at('2026-02-14T00:00:00+08:00'), at('2026-02-15T00:00:00+08:00'), national)).toBe(8 * HOUR);
  });

  it('Spring Festival: 4 working hours from Friday 16:00 end on the make-up Saturday at 11:00', () => {
    expect(dueTime(at('2026-02-13T16:00:00+08:00'), { workingHours: 4 }, national)).toEqual(at('2026-02-14T11:00:00+08:00'));
  });

  it('Spring Festival: Friday 13 Feb 09:00 to Monday 2 Mar 09:00 is 7 working days (both make-up Saturdays, no holiday weekdays)', () => {
    expect(asWorkingDays(elapsedWorkingTime(at('2026-02-13T09:00:00+08:00'), at('2026-03-02T09:00:00+08:00'), national), national)).toBe(7);
  });

  it('New Year: 1 working day from Wednesday 31 Dec 2025 16:00 is due on the make-up Sunday, 4 Jan 2026 16:00', () => {
    expect(dueTime(at('2025-12-31T16:00:00+08:00'), { workingDays: 1 }, national)).toEqual(at('2026-01-04T16:00:00+08:00'));
  });

  it('Labour Day: 2 working days from Thursday 30 Apr 14:00 skip Monday 4 and Tuesday 5 May, due Thursday 7 May 14:00', () => {
    expect(dueTime(at('2026-04-30T14:00:00+08:00'), { workingDays: 2 }, national)).toEqual(at('2026-05-07T14:00:00+08:00'));
    // 30 Apr, 6, 7, 8 May and the make-up Saturday 9 May.
    expect(asWorkingDays(elapsedWorkingTime(at('2026-04-30T09:00:00+08:00'), at('2026-05-11T09:00:00+08:00'), national), national)).toBe(5);
  });

  it('National Day: a make-up Sunday (20 Sep) and a make-up Saturday (10 Oct) count', () => {
    expect(dueTime(at('2026-09-18T17:00:00+08:00'), { workingDays: 1 }, national)).toEqual(at('2026-09-20T17:00:00+08:00'));
    expect(dueTime(at('2026-09-30T10:00:00+08:00'), { workingDays: 3 }, national)).toEqual(at('2026-10-10T10:00:00+08:00'));
    expect(dueTime(at('2026-09-30T10:00:00+08:00'), { workingDays: 4 }, national)).toEqual(at('2026-10-12T10:00:00+08:00'));
  });

  it('a class A order (8 working days) acknowledged Thursday 24 Sep 09:00 spans Mid-autumn and National Day, due Monday 12 Oct 18:00', () => {
    expect(dueTime(at('2026-09-24T09:00:00+08:00'), { workingDays: 8 }, national)).toEqual(at('2026-10-12T18:00:00+08:00'));
  });

  it('ends at the end of a working interval rather than the start of the next', () => {
    expect(dueTime(at('2026-03-02T09:00:00+08:00'), { workingDays: 1 }, national)).toEqual(at('2026-03-02T18:00:00+08:00'));
    expect(dueTime(at('2026-03-02T09:00:00+08:00'), { workingHours: 3 }, national)).toEqual(at('2026-03-02T12:00:00+08:00'));
    expect(dueTime(at('2026-03-02T09:00:00+08:00'), { workingHours: 3.5 }, national)).toEqual(at('2026-03-02T13:30:00+08:00'));
  });

  it('starts counting at the next working hour when started outside working hours', () => {
    expect(dueTime(at('2026-03-07T10:00:00+08:00'), { workingHours: 1 }, national)).toEqual(at('2026-03-09T10:00:00+08:00'));
    expect(dueTime(at('2026-03-02T12:20:00+08:00'), { workingHours: 1 }, national)).toEqual(at('2026-03-02T14:00:00+08:00'));
    expect(dueTime(at('2026-03-02T12:20:00+08:00'), { workingHours: 0 }, national)).toEqual(at('2026-03-02T12:20:00+08:00'));
  });

  it('expresses working time in hours and days of the calendar', () => {
    expect(asWorkingHours(elapsedWorkingTime(at('2026-03-02T08:00:00+08:00'), at('2026-03-02T20:00:00+08:00'), national))).toBe(8);
    expect(workingTimeOf({ workingDays: 1.5, workingHours: 2 }, national)).toBe(14 * HOUR);
  });
});

describe('2027 and other years without a published schedule', () => {
  it('chinese-days@1.5.7 has no 2027 schedule yet (when it does, write the 2027 Spring Festival and National Day examples here)', () => {
    expect(national.coverage.publishedYears).not.toContain(2027);
  });

  it('the clock refuses a budget that runs into 2027 instead of treating its weekdays as working', () => {
    expect(dueTime(at('2026-12-30T09:00:00+08:00'), { workingDays: 2 }, national)).toEqual(at('2026-12-31T18:00:00+08:00'));
    expect(() => dueTime(at('2026-12-30T09:00:00+08:00'), { workingDays: 2.5 }, national)).toThrow(CalendarNotPublishedError);
    expect(() => dueTime(at('2026-12-30T09:00:00+08:00'), { workingDays: 3 }, national)).toThrow(expect.objectContaining({ year: 2027, calendarId: 'CN' }));
  });

  it('the clock refuses starts, ends and status checks in 2027, and years before 2004', () => {
    expect(() => dueTime(at('2027-02-08T10:00:00+08:00'), { workingDays: 1 }, national)).toThrow(CalendarNotPublishedError);
    expect(() => elapsedWorkingTime(at('2026-12-31T10:00:00+08:00'), at('2027-01-04T10:00:00+08:00'), national)).toThrow(CalendarNotPublishedError);
    expect(() => slaStatus(at('2026-12-31T09:00:00+08:00'), at('2026-12-31T18:00:00+08:00'), at('2027-01-04T10:00:00+08:00'), national)).toThrow(CalendarNotPublishedError);
    expect(() => dueTime(at('2003-12-31T10:00:00+08:00'), { workingDays: 1 }, national)).toThrow(expect.objectContaining({ year: 2003 }));
    expect(() => dueTime(at('2027-02-08T10:00:00+08:00'), { workingDays: 0 }, national)).toThrow(CalendarNotPublishedError);
  });

  it('but the last day of 2026 ends at midnight: elapsed working time up to 1 Jan 2027 00:00 is known', () => {
    expect(elapsedWorkingTime(at('2026-12-31T09:00:00+08:00'), at('2027-01-01T00:00:00+08:00'), national)).toBe(8 * HOUR);
  });

  it('once a 2027 record is added as data, the same budget runs into 2027 by that record', () => {
    // Invented for the test (see business-calendar.test.ts): 1 and 4 January off, Saturday 9 January worked.
    const invented2027: PublishedYearSchedule = {
      year: 2027,
      holidays: [{ date: '2027-01-01', name: 'invented' }, { date: '2027-01-04', name: 'invented' }],
      makeUpWorkingDays: [{ date: '2027-01-09', name: 'invented' }],
    };
    const extended = buildNationalCalendar({ additionalYears: [invented2027] });
    expect(dueTime(at('2026-12-30T09:00:00+08:00'), { workingDays: 3 }, extended)).toEqual(at('2027-01-05T18:00:00+08:00'));
    expect(dueTime(at('2027-01-08T09:00:00+08:00'), { workingDays: 2 }, extended)).toEqual(at('2027-01-09T18:00:00+08:00'));
  });
});

describe('provincial overrides move due times', () => {
  const start = at('2026-04-16T09:00:00+08:00'); // Thursday
  it('an extra local holiday (Monday 20 Apr) pushes a 3-working-day budget from Monday to Tuesday', () => {
    expect(dueTime(start, { workingDays: 3 }, national)).toEqual(at('2026-04-20T18:00:00+08:00'));
    const withHoliday = deriveProvinceCalendar(national, { provinceCode: 'CN-GX', extraHolidays: [{ date: '2026-04-20', name: 'local holiday' }] });
    expect(dueTime(start, { workingDays: 3 }, withHoliday)).toEqual(at('2026-04-21T18:00:00+08:00'));
  });

  it('an extra local working day (Saturday 18 Apr) pulls it back to Saturday', () => {
    const withWorkingSaturday = deriveProvinceCalendar(national, { provinceCode: 'CN-GD', extraWorkingDays: [{ date: '2026-04-18', name: 'local working day' }] });
    expect(dueTime(start, { workingDays: 3 }, withWorkingSaturday)).toEqual(at('2026-04-18T18:00:00+08:00'));
  });
});

describe('customer holds', () => {
  const start = at('2026-03-02T09:00:00+08:00'); // Monday
  it('push the due time by the working time they cover', () => {
    const hold = { from: at('2026-03-03T10:00:00+08:00'), to: at('2026-03-04T10:00:00+08:00') };
    expect(dueTime(start, { workingDays: 2 }, national)).toEqual(at('2026-03-03T18:00:00+08:00'));
    expect(dueTime(start, { workingDays: 2 }, national, [hold])).toEqual(at('2026-03-04T18:00:00+08:00'));
    expect(elapsedWorkingTime(start, at('2026-03-04T18:00:00+08:00'), national, [hold])).toBe(16 * HOUR);
  });

  it('count once when they overlap, and not at all outside working hours or after the due time', () => {
    const hold = { from: at('2026-03-03T10:00:00+08:00'), to: at('2026-03-04T10:00:00+08:00') };
    const overlapping = { from: at('2026-03-03T15:00:00+08:00'), to: at('2026-03-03T20:00:00+08:00') };
    expect(dueTime(start, { workingDays: 2 }, national, [overlapping, hold])).toEqual(at('2026-03-04T18:00:00+08:00'));
    expect(elapsedWorkingTime(start, at('2026-03-04T18:00:00+08:00'), national, [overlapping, hold])).toBe(16 * HOUR);
    const overnight = { from: at('2026-03-02T18:00:00+08:00'), to: at('2026-03-03T09:00:00+08:00') };
    const later = { from: at('2026-03-05T09:00:00+08:00'), to: at('2026-03-06T09:00:00+08:00') };
    expect(dueTime(start, { workingDays: 2 }, national, [overnight, later])).toEqual(at('2026-03-03T18:00:00+08:00'));
  });

  it('that have not ended stop the clock: no due time, but the working time left is known', () => {
    const open = { from: at('2026-03-03T10:00:00+08:00') };
    expect(dueTimeOrHold(start, { workingDays: 2 }, national, [open])).toEqual({ kind: 'HELD', heldSince: open.from, remainingWorkingMs: 7 * HOUR });
    expect(() => dueTime(start, { workingDays: 2 }, national, [open])).toThrow(ClockHeldError);
    expect(elapsedWorkingTime(start, at('2026-03-10T18:00:00+08:00'), national, [open])).toBe(9 * HOUR);
    // A hold opened after the budget ran out changes nothing.
    expect(dueTime(start, { workingDays: 2 }, national, [{ from: at('2026-03-04T09:00:00+08:00') }])).toEqual(at('2026-03-03T18:00:00+08:00'));
  });

  it('must not end before they start', () => {
    expect(() => dueTime(start, { workingDays: 1 }, national, [{ from: at('2026-03-03T10:00:00+08:00'), to: at('2026-03-03T09:00:00+08:00') }])).toThrow(InvalidClockInputError);
    expect(() => elapsedWorkingTime(start, start, national, [{ from: new Date(Number.NaN) }])).toThrow(InvalidClockInputError);
  });
});

describe('extensions', () => {
  const due = at('2026-03-03T18:00:00+08:00');
  const request = { requestedAt: at('2026-03-03T10:00:00+08:00'), extraWorkingTime: { workingDays: 1 } };

  it('move the due time when approved before it', () => {
    expect(applyExtension(due, { ...request, approvedAt: at('2026-03-03T17:00:00+08:00') }, national)).toEqual({
      kind: 'EXTENDED',
      due: at('2026-03-04T18:00:00+08:00'),
      previousDue: due,
      addedWorkingMs: 8 * HOUR,
    });
  });

  it('count when approved at the very due time, since the stage is overdue only after it', () => {
    expect(applyExtension(due, { ...request, approvedAt: due }, national)).toMatchObject({ kind: 'EXTENDED' });
  });

  it('leave the stage overdue when approved after the due time, and say why', () => {
    expect(applyExtension(due, { ...request, approvedAt: at('2026-03-03T18:00:01+08:00') }, national)).toEqual({ kind: 'REFUSED', reason: 'APPROVED_AFTER_DUE', due });
    expect(applyExtension(due, { requestedAt: at('2026-03-04T09:00:00+08:00'), approvedAt: at('2026-03-04T09:05:00+08:00'), extraWorkingTime: { workingDays: 1 } }, national)).toEqual({
      kind: 'REFUSED',
      reason: 'REQUESTED_AFTER_DUE',
      due,
    });
  });

  it('do nothing while not approved', () => {
    expect(applyExtension(due, request, national)).toEqual({ kind: 'REFUSED', reason: 'NOT_APPROVED', due });
  });

  it('may name an agreed new due time, across a holiday, with the working time it adds', () => {
    const beforeSpringFestival = at('2026-02-13T18:00:00+08:00');
    const outcome = applyExtension(beforeSpringFestival, { requestedAt: at('2026-02-12T10:00:00+08:00'), approvedAt: at('2026-02-13T09:00:00+08:00'), newDue: at('2026-02-24T18:00:00+08:00') }, national);
    // The make-up Saturday 14 February and Tuesday 24 February.
    expect(outcome).toEqual({ kind: 'EXTENDED', due: at('2026-02-24T18:00:00+08:00'), previousDue: beforeSpringFestival, addedWorkingMs: 16 * HOUR });
  });

  it('reject approval before request, a new due time that is not later, and extensions adding no working time', () => {
    expect(() => applyExtension(due, { ...request, approvedAt: at('2026-03-03T09:00:00+08:00') }, national)).toThrow(InvalidClockInputError);
    expect(() => applyExtension(due, { requestedAt: request.requestedAt, approvedAt: request.requestedAt, newDue: due }, national)).toThrow(InvalidClockInputError);
    expect(() => applyExtension(due, { requestedAt: request.requestedAt, approvedAt: request.requestedAt, newDue: at('2026-03-03T23:00:00+08:00') }, national)).toThrow(InvalidBudgetError);
    expect(() => applyExtension(due, { ...request, approvedAt: due, extraWorkingTime: { workingDays: -1 } }, national)).toThrow(InvalidBudgetError);
  });
});

describe('SLA status', () => {
  const start = at('2026-03-02T09:00:00+08:00'); // Monday
  const due = at('2026-03-03T18:00:00+08:00'); // 2 working days

  it('is ON_TRACK below the jeopardy threshold, with the fraction of the budget used', () => {
    expect(slaStatus(start, due, at('2026-03-02T18:00:00+08:00'), national)).toEqual({
      status: 'ON_TRACK',
      fractionUsed: 0.5,
      budgetMs: 16 * HOUR,
      usedMs: 8 * HOUR,
      remainingMs: 8 * HOUR,
      due,
      held: false,
    });
  });

  it('is AT_RISK from 75 % of the budget (12 of 16 working hours), or the threshold given', () => {
    expect(slaStatus(start, due, at('2026-03-03T13:59:59+08:00'), national).status).toBe('ON_TRACK');
    expect(slaStatus(start, due, at('2026-03-03T14:00:00+08:00'), national)).toMatchObject({ status: 'AT_RISK', fractionUsed: 0.75 });
    expect(slaStatus(start, due, at('2026-03-03T10:00:00+08:00'), national, [], 0.5).status).toBe('AT_RISK');
  });

  it('is BREACHED only after the due time, even when no working time has passed since (Friday 18:00 → Saturday)', () => {
    expect(slaStatus(start, due, due, national).status).toBe('AT_RISK');
    expect(slaStatus(start, due, at('2026-03-03T18:00:00.001+08:00'), national)).toMatchObject({ status: 'BREACHED', fractionUsed: 1 });
    const friday = at('2026-03-06T09:00:00+08:00');
    const fridayDue = dueTime(friday, { workingDays: 1 }, national);
    expect(slaStatus(friday, fridayDue, at('2026-03-07T10:00:00+08:00'), national)).toMatchObject({ status: 'BREACHED', fractionUsed: 1 });
    expect(slaStatus(start, due, at('2026-03-04T14:00:00+08:00'), national)).toMatchObject({ status: 'BREACHED', fractionUsed: 1.25, remainingMs: 0 });
  });

  it('does not count the working time of holds; an open hold cannot breach', () => {
    const open = { from: at('2026-03-03T10:00:00+08:00') };
    const report = slaStatus(start, due, at('2026-03-05T10:00:00+08:00'), national, [open]);
    expect(report).toMatchObject({ status: 'ON_TRACK', usedMs: 9 * HOUR, due: null, held: true });
    const ended = { from: open.from, to: at('2026-03-04T10:00:00+08:00') };
    const movedDue = dueTime(start, { workingDays: 2 }, national, [ended]);
    expect(movedDue).toEqual(at('2026-03-04T18:00:00+08:00'));
    expect(slaStatus(start, movedDue, at('2026-03-04T18:30:00+08:00'), national, [ended])).toMatchObject({ status: 'BREACHED', budgetMs: 16 * HOUR, due: movedDue, held: false });
    expect(slaStatus(start, movedDue, at('2026-03-04T17:00:00+08:00'), national, [ended])).toMatchObject({ status: 'AT_RISK', usedMs: 15 * HOUR });
  });

  it('is ON_TRACK with nothing used before the start', () => {
    expect(slaStatus(start, due, at('2026-03-01T10:00:00+08:00'), national)).toMatchObject({ status: 'ON_TRACK', usedMs: 0 });
  });

  it('rejects a due before the start and thresholds outside (0, 1]', () => {
    expect(() => slaStatus(due, start, due, national)).toThrow(InvalidClockInputError);
    for (const threshold of [0, 1.2, Number.NaN]) expect(() => slaStatus(start, due, start, national, [], threshold)).toThrow(InvalidClockInputError);
  });
});

describe('invalid budgets and inputs', () => {
  const start = at('2026-03-02T09:00:00+08:00');

  it('throw InvalidBudgetError, a RangeError, for negative, non-finite or empty budgets', () => {
    for (const budget of [{ workingDays: -1 }, { workingHours: -0.5 }, { workingDays: Number.NaN }, { workingHours: Number.POSITIVE_INFINITY }, {}, { workingDays: 1, workingHours: -1 }]) {
      const attempt = () => dueTime(start, budget, national);
      expect(attempt, JSON.stringify(budget)).toThrow(InvalidBudgetError);
      expect(attempt).toThrow(RangeError);
    }
    expect(() => dueTime(start, { workingDays: -1 }, national)).toThrow(expect.objectContaining({ name: 'InvalidBudgetError' }));
  });

  it('reject invalid instants and ranges that run backwards', () => {
    expect(() => dueTime(new Date(Number.NaN), { workingDays: 1 }, national)).toThrow(InvalidClockInputError);
    expect(() => elapsedWorkingTime(at('2026-03-03T09:00:00+08:00'), start, national)).toThrow(InvalidClockInputError);
  });
});
