/**
 * Business calendars as the API shows them: the list (national and per province), a year of one calendar day by day,
 * and administrators replacing a calendar's data (additional published years, provincial days) under its version.
 */
import { nowIso } from '../commons/clock.ts';
import { NotFoundError, ValidationError } from '../commons/errors.ts';
import { NATIONAL_CALENDAR_ID, publishedYearsFromChineseDays } from '../domain/business-calendar.ts';
import { calendarIdsOffered, calendarNames, calendarOverrideProblems, emptyOverrides, isKnownCalendarId, yearView } from '../domain/calendar-overrides.ts';
import type { CalendarOverrides } from '../domain/calendar-overrides.ts';
import type { Principal } from '../domain/people.ts';
import type { CalendarOverridesRequest } from '../api/schemas/calendars.ts';
import { findCalendarOverrides, listCalendarOverrides, loadBusinessCalendar, saveCalendarOverrides } from '../data/calendars-repository.ts';
import type { CalendarOverridesRecord } from '../data/entities/calendar-overrides.ts';

const packageYears = publishedYearsFromChineseDays().map((schedule) => schedule.year);

function assertKnown(calendarId: string): void {
  if (!isKnownCalendarId(calendarId)) throw new NotFoundError('calendar', calendarId);
}

function overridesOf(record: CalendarOverridesRecord | undefined, calendarId: string): CalendarOverrides {
  return record ? { calendarId, extraHolidays: record.extraHolidays, extraWorkingDays: record.extraWorkingDays, additionalYears: record.additionalYears } : emptyOverrides(calendarId);
}

export async function calendarList() {
  const [stored, national] = await Promise.all([listCalendarOverrides(), loadBusinessCalendar(NATIONAL_CALENDAR_ID)]);
  const byId = new Map(stored.map((record) => [record.calendarId, record]));
  return calendarIdsOffered.map((id) => {
    const record = byId.get(id);
    return {
      id,
      name: calendarNames[id]?.en ?? id,
      nameZh: calendarNames[id]?.zh ?? id,
      kind: id === NATIONAL_CALENDAR_ID ? ('NATIONAL' as const) : ('PROVINCE' as const),
      publishedYears: [...national.coverage.publishedYears],
      timeZone: national.timeZone.id,
      workingHours: [...national.workingIntervals],
      extraHolidayCount: record?.extraHolidays.length ?? 0,
      extraWorkingDayCount: record?.extraWorkingDays.length ?? 0,
      additionalYears: (record?.additionalYears ?? []).map((schedule) => schedule.year),
      overridesVersion: record?.version ?? 0,
    };
  });
}

export async function calendarYear(calendarId: string, year: number) {
  assertKnown(calendarId);
  const [calendar, record] = await Promise.all([loadBusinessCalendar(calendarId), findCalendarOverrides(calendarId)]);
  return {
    id: calendarId,
    name: calendarNames[calendarId]?.en ?? calendarId,
    nameZh: calendarNames[calendarId]?.zh ?? calendarId,
    year,
    published: calendar.coverage.publishedYears.includes(year),
    publishedYears: [...calendar.coverage.publishedYears],
    workingHours: [...calendar.workingIntervals],
    days: yearView(calendar, year),
    overrides: { ...overridesOf(record, calendarId), version: record?.version ?? 0, ...(record ? { updatedBy: record.updatedBy, updatedAt: record.updatedAt } : {}) },
  };
}

export async function replaceCalendarOverrides(principal: Principal, calendarId: string, request: CalendarOverridesRequest) {
  assertKnown(calendarId);
  const overrides: CalendarOverrides = { calendarId, extraHolidays: request.extraHolidays, extraWorkingDays: request.extraWorkingDays, additionalYears: request.additionalYears };
  const problems = calendarOverrideProblems(overrides, packageYears);
  if (problems.length > 0) throw new ValidationError(problems);
  const sortByDate = <T extends { date: string }>(dates: readonly T[]) => [...dates].sort((a, b) => a.date.localeCompare(b.date));
  return saveCalendarOverrides(
    {
      calendarId,
      extraHolidays: sortByDate(overrides.extraHolidays),
      extraWorkingDays: sortByDate(overrides.extraWorkingDays),
      additionalYears: [...overrides.additionalYears].sort((a, b) => a.year - b.year).map((schedule) => ({ year: schedule.year, holidays: sortByDate(schedule.holidays), makeUpWorkingDays: sortByDate(schedule.makeUpWorkingDays) })),
      updatedBy: principal.userId,
      updatedAt: nowIso(),
    },
    request.version,
  );
}
