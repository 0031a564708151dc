import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../api/types.ts';
import { monthGrids, namedDays, namedRuns, workingDayCount } from './monthGrid.ts';

function yearOf(year: number, kindOf: (date: string, weekday: number) => CalendarDay): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let time = Date.UTC(year, 0, 1); new Date(time).getUTCFullYear() === year; time += 86_400_000) {
    const date = new Date(time).toISOString().slice(0, 10);
    days.push(kindOf(date, new Date(time).getUTCDay()));
  }
  return days;
}

const plain = (date: string, weekday: number): CalendarDay =>
  weekday === 0 || weekday === 6 ? { date, kind: 'WEEKEND', working: false } : { date, kind: 'WORKING_DAY', working: true };

describe('month grids', () => {
  it('starts each month on its weekday, Monday first, and fills whole weeks', () => {
    const grids = monthGrids(yearOf(2026, plain));
    expect(grids.map((grid) => grid.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // 1 October 2026 is a Thursday: three blanks before it.
    const october = grids[9];
    expect(october?.weeks[0]?.map((cell) => cell?.date ?? null)).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(october?.weeks.every((week) => week.length === 7)).toBe(true);
    expect(october?.weeks.flat().filter(Boolean)).toHaveLength(31);
    // 1 June 2026 is a Monday: no blank.
    expect(grids[5]?.weeks[0]?.[0]?.date).toBe('2026-06-01');
    // February 2026 starts on a Sunday: six blanks, then 28 days → 5 weeks.
    expect(grids[1]?.weeks[0]?.slice(0, 7).map((cell) => cell?.date ?? null)).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(grids[1]?.weeks).toHaveLength(5);
  });

  it('lays out days given out of order and keeps unpublished days', () => {
    const days: CalendarDay[] = [
      { date: '2027-01-02', kind: 'UNPUBLISHED', year: 2027 },
      { date: '2027-01-01', kind: 'UNPUBLISHED', year: 2027 },
    ];
    const [january] = monthGrids(days);
    // 1 January 2027 is a Friday.
    expect(january?.weeks[0]?.map((cell) => cell?.date ?? null)).toEqual([null, null, null, null, '2027-01-01', '2027-01-02', null]);
  });

  it('names holidays, make-up and provincial days, and counts working days of published days only', () => {
    const days = yearOf(2026, (date, weekday) => {
      if (date === '2026-10-01') return { date, kind: 'PUBLIC_HOLIDAY', working: false, name: '国庆节' };
      if (date === '2026-10-10') return { date, kind: 'MAKE_UP_WORKING_DAY', working: true, name: '国庆节' };
      return plain(date, weekday);
    });
    expect(namedDays(days).map((day) => [day.date, day.kind])).toEqual([
      ['2026-10-01', 'PUBLIC_HOLIDAY'],
      ['2026-10-10', 'MAKE_UP_WORKING_DAY'],
    ]);
    // 2026 has 261 weekdays; National Day (a Thursday) is off, Saturday 10 October is worked.
    expect(workingDayCount(days)).toBe(261);
    expect(workingDayCount([{ date: '2027-01-04', kind: 'UNPUBLISHED', year: 2027 }])).toBe(0);
  });

  it('collapses consecutive days of one holiday into a run, keeping make-up days and other holidays apart', () => {
    const days = yearOf(2026, (date, weekday) => {
      if (date >= '2026-10-01' && date <= '2026-10-07') return { date, kind: 'PUBLIC_HOLIDAY', working: false, name: '国庆节' };
      if (date === '2026-10-10') return { date, kind: 'MAKE_UP_WORKING_DAY', working: true, name: '国庆节' };
      if (date === '2026-10-08') return { date, kind: 'PROVINCIAL_HOLIDAY', working: false, name: '地方节' };
      if (date === '2026-10-09') return { date, kind: 'PROVINCIAL_HOLIDAY', working: false, name: '另一个节' };
      return plain(date, weekday);
    });
    expect(namedRuns(days)).toEqual([
      { from: '2026-10-01', to: '2026-10-07', days: 7, kind: 'PUBLIC_HOLIDAY', name: '国庆节' },
      { from: '2026-10-08', to: '2026-10-08', days: 1, kind: 'PROVINCIAL_HOLIDAY', name: '地方节' },
      { from: '2026-10-09', to: '2026-10-09', days: 1, kind: 'PROVINCIAL_HOLIDAY', name: '另一个节' },
      { from: '2026-10-10', to: '2026-10-10', days: 1, kind: 'MAKE_UP_WORKING_DAY', name: '国庆节' },
    ]);
  });
});
