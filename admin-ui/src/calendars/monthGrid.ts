/** Lays a year's classified days out as month grids (weeks from Monday, as Chinese wall calendars do). */
import type { CalendarDay } from '../api/types.ts';

export type MonthGrid = { month: number; weeks: (CalendarDay | null)[][] };

/** The months present in `days`, each as weeks of 7 cells (null outside the month), Monday first. */
export function monthGrids(days: readonly CalendarDay[]): MonthGrid[] {
  const byMonth = new Map<number, CalendarDay[]>();
  for (const day of days) {
    const month = Number(day.date.slice(5, 7));
    const list = byMonth.get(month) ?? [];
    list.push(day);
    byMonth.set(month, list);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([month, inMonth]) => {
      const sorted = [...inMonth].sort((a, b) => a.date.localeCompare(b.date));
      const first = sorted[0]?.date ?? '';
      const leadingBlanks = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
      const cells: (CalendarDay | null)[] = [...Array<null>(leadingBlanks).fill(null), ...sorted];
      while (cells.length % 7 !== 0) cells.push(null);
      const weeks: (CalendarDay | null)[][] = [];
      for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
      return { month, weeks };
    });
}

/** The days worth naming in a list under the grid: holidays, make-up working days and provincial days. */
export function namedDays(days: readonly CalendarDay[]): CalendarDay[] {
  return days.filter((day) => day.kind !== 'WORKING_DAY' && day.kind !== 'WEEKEND' && day.kind !== 'UNPUBLISHED');
}

export type NamedRun = { from: string; to: string; days: number; kind: CalendarDay['kind']; name?: string };

/** Consecutive named days of the same kind and name as one run (国庆节 1–7 October), in date order. */
export function namedRuns(days: readonly CalendarDay[]): NamedRun[] {
  const runs: NamedRun[] = [];
  const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  for (const day of [...namedDays(days)].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = runs[runs.length - 1];
    if (last && last.kind === day.kind && last.name === day.name && dayNumber(day.date) === dayNumber(last.to) + 1) {
      last.to = day.date;
      last.days += 1;
    } else {
      runs.push({ from: day.date, to: day.date, days: 1, kind: day.kind, ...(day.name !== undefined ? { name: day.name } : {}) });
    }
  }
  return runs;
}

/** Working days in the year (published days only), for the year's summary line. */
export function workingDayCount(days: readonly CalendarDay[]): number {
  return days.filter((day) => day.kind !== 'UNPUBLISHED' && day.working === true).length;
}
