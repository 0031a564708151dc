import { describe, expect, it } from 'vitest';
import { CalendarNotPublishedError, classifyDay, publishedYearsFromChineseDays } from '../../../functions/domain/business-calendar.ts';
import { calendarIdForCity, calendarOverrideProblems, calendarWith, emptyOverrides, nationalCalendarWith, yearView } from '../../../functions/domain/calendar-overrides.ts';
import { dueTime } from '../../../functions/domain/sla-clock.ts';

const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);
const packageYears = publishedYearsFromChineseDays().map((schedule) => schedule.year);
/** A hypothetical 2027 schedule: test data only. */
const hypothetical2027 = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }, { date: '2027-01-04', name: '测试假日' }], makeUpWorkingDays: [{ date: '2027-01-09', name: '测试补班' }] };

describe('calendar data kept by administrators', () => {
  it('makes 2027 computable only once it is added as a year of the national calendar', () => {
    expect(packageYears).not.toContain(2027);
    const start = new Date('2026-12-31T02:00:00Z'); // Thursday 31 Dec 2026, 10:00 Beijing time
    const without = nationalCalendarWith(undefined);
    expect(classifyDay(without, '2027-01-04')).toMatchObject({ kind: 'UNPUBLISHED', year: 2027 });
    expect(() => dueTime(start, { workingDays: 2 }, without)).toThrow(CalendarNotPublishedError);

    const withYear = nationalCalendarWith({ ...emptyOverrides('CN'), additionalYears: [hypothetical2027] });
    // 16 working hours from 31 Dec 10:00: 7 that day, 1 Jan and 4 Jan off (hypothetical), 8 on Tue 5 Jan, 1 on Wed 6 Jan
    expect(dueTime(start, { workingDays: 2 }, withYear).toISOString()).toBe('2027-01-06T02:00:00.000Z');
    expect(classifyDay(withYear, '2027-01-09')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true });
    // provinces inherit the national years and add their own days
    const guangxi = calendarWith('CN-GX', withYear, { ...emptyOverrides('CN-GX'), extraHolidays: [{ date: '2027-01-05', name: '测试节' }] });
    expect(dueTime(start, { workingDays: 2 }, guangxi).toISOString()).toBe('2027-01-07T02:00:00.000Z');
  });

  it('names the field of bad data: dates, duplicates, days that are both, years a province cannot publish, gaps', () => {
    expect(calendarOverrideProblems({ ...emptyOverrides('CN'), additionalYears: [hypothetical2027] }, packageYears)).toEqual([]);
    expect(fields(calendarOverrideProblems({ ...emptyOverrides('CN-GD'), extraHolidays: [{ date: '2026-13-01', name: 'x' }, { date: '2026-05-04', name: '' }], extraWorkingDays: [{ date: '2026-05-04', name: 'y' }] }, packageYears))).toEqual([
      'extraHolidays.0.date',
      'extraHolidays.1.name',
      'extraWorkingDays.0.date',
    ]);
    expect(fields(calendarOverrideProblems({ ...emptyOverrides('CN-GD'), additionalYears: [hypothetical2027] }, packageYears))).toEqual(['additionalYears']);
    expect(fields(calendarOverrideProblems({ ...emptyOverrides('CN'), extraHolidays: [{ date: '2026-05-04', name: 'x' }] }, packageYears))).toEqual(['extraHolidays']);
    expect(fields(calendarOverrideProblems({ ...emptyOverrides('CN'), additionalYears: [{ ...hypothetical2027, year: 2028 }] }, packageYears))).toContain('additionalYears.0.year');
    expect(fields(calendarOverrideProblems({ ...emptyOverrides('CN'), additionalYears: [{ ...hypothetical2027, makeUpWorkingDays: [{ date: '2027-01-04', name: 'z' }] }] }, packageYears))).toEqual(['additionalYears.0.makeUpWorkingDays.0.date']);
  });

  it('plans an order on the calendar of its A-end province, or the national one for a city it does not know', () => {
    expect(calendarIdForCity('北京')).toBe('CN-BJ');
    expect(calendarIdForCity('深圳市')).toBe('CN-GD');
    expect(calendarIdForCity('拉萨')).toBe('CN-XZ');
    expect(calendarIdForCity('Atlantis')).toBe('CN');
    expect(calendarIdForCity(undefined)).toBe('CN');
  });

  it('shows a year day by day with National Day 2026 and its make-up working days', () => {
    const days = yearView(nationalCalendarWith(undefined), 2026);
    expect(days).toHaveLength(365);
    const day = (date: string) => days.find((candidate) => candidate.date === date);
    expect(day('2026-10-01')).toMatchObject({ kind: 'PUBLIC_HOLIDAY' });
    expect(day('2026-09-20')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY' });
    expect(day('2026-10-10')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY' });
    expect(day('2026-10-11')).toMatchObject({ kind: 'WEEKEND' });
  });
});
