/**
 * The administrators' calendar data (one item per calendar, version-checked), and the business calendars built from
 * it: the national one (published years from chinese-days plus the years added as data) and each province's (with its
 * extra holidays and working days). Built calendars are kept per process; the data behind them is read again after
 * CALENDAR_DATA_TTL_MS, and at once in the process that saved a change.
 */
import { ConflictError, NotFoundError } from '../commons/errors.ts';
import { NATIONAL_CALENDAR_ID } from '../domain/business-calendar.ts';
import type { BusinessCalendar } from '../domain/business-calendar.ts';
import { calendarWith, isKnownCalendarId, nationalCalendarWith } from '../domain/calendar-overrides.ts';
import { CalendarOverridesEntity } from './entities/calendar-overrides.ts';
import { isConditionFailure } from './table.ts';
import type { CalendarOverridesRecord } from './entities/calendar-overrides.ts';


/** How long a Lambda instance plans on calendar data it has read before reading it again. */
export const CALENDAR_DATA_TTL_MS = 60_000;

export async function findCalendarOverrides(calendarId: string): Promise<CalendarOverridesRecord | undefined> {
  const { data } = await CalendarOverridesEntity.get({ calendarId }).go();
  return data ?? undefined;
}

/** Calendars that have administrator data, by id (at most the national one and the 31 provinces). */
export async function listCalendarOverrides(): Promise<CalendarOverridesRecord[]> {
  const { data } = await CalendarOverridesEntity.query.allOverrides({}).go({ pages: 'all' });
  return data;
}

/**
 * Replaces a calendar's data. `expectedVersion` 0 means "there is none yet" (create); otherwise the item must still be
 * at that version. Either way a concurrent change is a ConflictError, never a lost update.
 */
export async function saveCalendarOverrides(record: Omit<CalendarOverridesRecord, 'version'>, expectedVersion: number): Promise<CalendarOverridesRecord> {
  const saved = { ...record, version: expectedVersion + 1 };
  try {
    if (expectedVersion === 0) await CalendarOverridesEntity.create(saved).go();
    else {
      const { calendarId: _id, ...changes } = saved;
      await CalendarOverridesEntity.patch({ calendarId: record.calendarId })
        .set(changes)
        .where((attributes, { eq }) => eq(attributes.version, expectedVersion))
        .go();
    }
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`calendar ${record.calendarId} was changed by someone else (version ${expectedVersion} is stale); reload and try again`);
    throw error;
  }
  forgetCalendarData();
  return saved;
}

interface ReadData {
  readonly record: CalendarOverridesRecord | undefined;
  readonly readAt: number;
}
const dataRead = new Map<string, ReadData>();
const built = new Map<string, { key: string; calendar: BusinessCalendar }>();

/** Drops what this process has read, so the next plan reads the data again (after a save, and in tests). */
export function forgetCalendarData(): void {
  dataRead.clear();
}

async function overridesData(calendarId: string): Promise<CalendarOverridesRecord | undefined> {
  const kept = dataRead.get(calendarId);
  if (kept && Date.now() - kept.readAt < CALENDAR_DATA_TTL_MS) return kept.record;
  const record = await findCalendarOverrides(calendarId);
  dataRead.set(calendarId, { record, readAt: Date.now() });
  return record;
}

function cached(id: string, key: string, build: () => BusinessCalendar): BusinessCalendar {
  const hit = built.get(id);
  if (hit && hit.key === key) return hit.calendar;
  const calendar = build();
  built.set(id, { key, calendar });
  return calendar;
}

/** A business calendar with the administrators' data: CN, or a province (CN-GD …) derived from it. */
export async function loadBusinessCalendar(calendarId: string): Promise<BusinessCalendar> {
  if (!isKnownCalendarId(calendarId)) throw new NotFoundError('calendar', calendarId);
  const [nationalData, provinceData] = await Promise.all([
    overridesData(NATIONAL_CALENDAR_ID),
    calendarId === NATIONAL_CALENDAR_ID ? Promise.resolve(undefined) : overridesData(calendarId),
  ]);
  const nationalKey = `v${nationalData?.version ?? 0}`;
  const national = cached(NATIONAL_CALENDAR_ID, nationalKey, () => nationalCalendarWith(nationalData));
  if (calendarId === NATIONAL_CALENDAR_ID) return national;
  return cached(calendarId, `${nationalKey}/v${provinceData?.version ?? 0}`, () => calendarWith(calendarId, national, provinceData));
}

/** The calendar an order was planned on (orders planned before calendars were data: the national one). */
export async function calendarOfOrder(order: { calendarId?: string | undefined }): Promise<BusinessCalendar> {
  return loadBusinessCalendar(order.calendarId && isKnownCalendarId(order.calendarId) ? order.calendarId : NATIONAL_CALENDAR_ID);
}
