/**
 * The administrator's data of a calendar as the editor holds it, and what goes back to the API: the national calendar
 * takes only whole additional years (holidays and make-up working days), a province only its extra holidays and extra
 * working days. Rows keep their positions so that a 400 naming `additionalYears.0.holidays.1.date` lands on that row.
 */
import { HttpError } from 'react-admin';
import type { CalendarOverrides, CalendarOverridesRequest, NamedDate, PublishedYearSchedule } from '../api/types.ts';

export type OverridesDraft = { extraHolidays: NamedDate[]; extraWorkingDays: NamedDate[]; additionalYears: PublishedYearSchedule[] };

const copyDates = (dates: readonly NamedDate[]): NamedDate[] => dates.map(({ date, name }) => ({ date, name }));

export function draftOf(overrides: CalendarOverrides): OverridesDraft {
  return {
    extraHolidays: copyDates(overrides.extraHolidays),
    extraWorkingDays: copyDates(overrides.extraWorkingDays),
    additionalYears: overrides.additionalYears.map((schedule) => ({ year: schedule.year, holidays: copyDates(schedule.holidays), makeUpWorkingDays: copyDates(schedule.makeUpWorkingDays) })),
  };
}

const trimmed = (dates: readonly NamedDate[]): NamedDate[] => dates.map(({ date, name }) => ({ date: date.trim(), name: name.trim() }));

/** The PUT body: the version read and the part of the data this kind of calendar keeps (the other part empty). */
export function toOverridesRequest(kind: 'NATIONAL' | 'PROVINCE', version: number, draft: OverridesDraft): CalendarOverridesRequest {
  if (kind === 'NATIONAL') {
    return {
      version,
      extraHolidays: [],
      extraWorkingDays: [],
      additionalYears: draft.additionalYears.map((schedule) => ({ year: schedule.year, holidays: trimmed(schedule.holidays), makeUpWorkingDays: trimmed(schedule.makeUpWorkingDays) })),
    };
  }
  return { version, extraHolidays: trimmed(draft.extraHolidays), extraWorkingDays: trimmed(draft.extraWorkingDays), additionalYears: [] };
}

/** The year an administrator would publish next: the one after every published year and every year in the draft. */
export function nextYearToPublish(publishedYears: readonly number[], draft: OverridesDraft): number {
  const years = [...publishedYears, ...draft.additionalYears.map((schedule) => schedule.year)];
  return years.length === 0 ? new Date().getFullYear() : Math.max(...years) + 1;
}

export type SaveProblem =
  /** 409: someone saved since this page read the data; the editor must reload before saving again. */
  | { kind: 'stale' }
  /** 400 naming fields: each message keyed by the API's field path; `message` is the API's summary. */
  | { kind: 'fields'; message: string; fieldErrors: Record<string, string> }
  | { kind: 'other'; message: string };

/** What a failed save means for the editor (errors as the console's API client raises them, httpClient.ts). */
export function saveProblemOf(error: unknown): SaveProblem {
  if (error instanceof HttpError) {
    if (error.status === 409) return { kind: 'stale' };
    const body: unknown = error.body;
    const errors = typeof body === 'object' && body !== null && 'errors' in body && typeof body.errors === 'object' && body.errors !== null ? (body.errors as Record<string, unknown>) : undefined;
    const fieldErrors = Object.fromEntries(Object.entries(errors ?? {}).filter((entry): entry is [string, string] => entry[0] !== 'root' && typeof entry[1] === 'string'));
    if (error.status === 400 && Object.keys(fieldErrors).length > 0) return { kind: 'fields', message: error.message, fieldErrors };
    return { kind: 'other', message: error.message };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
