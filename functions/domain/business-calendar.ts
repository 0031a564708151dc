/**
 * Business calendars: which local days are working days, which hours of them count, and in which time zone.
 *
 * A calendar is built from plain data (a {@link BusinessCalendarDefinition}): the national schedule of public holidays
 * and make-up working days (调休) per published year, optional provincial overrides, the working hours of a working day
 * and a fixed-offset time zone. Publishing a new year is adding one {@link PublishedYearSchedule} record, not code.
 *
 * The State Council publishes each year's schedule only months ahead. A day in a year without a published schedule is
 * reported as `UNPUBLISHED` and every working-time computation that touches it throws {@link CalendarNotPublishedError}:
 * guessing "all weekdays work" would put due times inside holidays nobody has announced yet (the 2027 Spring Festival
 * week, for instance) and the error would only surface when the customer complains.
 *
 * Building a calendar precomputes, per local day of its published span, whether it is a working day and how many
 * working days precede it, so that turning an instant into "working time since the calendar began" and back is O(1).
 * The SLA clock (`sla-clock.ts`) is built on those two conversions.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1_440;

export const NATIONAL_CALENDAR_ID = 'CN';
export const DEFAULT_TIME_ZONE_ID = 'Asia/Shanghai';

// ---------------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------------

/** The calendar has no published holiday schedule for `year`, so it cannot tell working days from holidays there. */
export class CalendarNotPublishedError extends Error {
  override readonly name = 'CalendarNotPublishedError';
  constructor(
    readonly calendarId: string,
    readonly year: number,
    readonly publishedYears: readonly number[],
  ) {
    super(
      `calendar ${calendarId} has no published holiday schedule for ${year}` +
        (publishedYears.length > 0 ? ` (published: ${publishedYears[0]}–${publishedYears[publishedYears.length - 1]})` : ''),
    );
  }
}

export class UnknownCalendarError extends Error {
  override readonly name = 'UnknownCalendarError';
  constructor(
    readonly calendarId: string,
    readonly knownCalendarIds: readonly string[],
  ) {
    super(`unknown calendar ${JSON.stringify(calendarId)}; known calendars: ${knownCalendarIds.join(', ') || 'none'}`);
  }
}

export class UnsupportedTimeZoneError extends RangeError {
  override readonly name = 'UnsupportedTimeZoneError';
  constructor(readonly timeZoneId: string) {
    super(`time zone ${JSON.stringify(timeZoneId)} is not supported; supported: ${Object.keys(SUPPORTED_TIME_ZONES).join(', ')}`);
  }
}

/** Calendar data that contradicts itself or cannot be represented (bad dates, overlapping hours, gaps in years…). */
export class InvalidCalendarDataError extends RangeError {
  override readonly name = 'InvalidCalendarDataError';
}

// ---------------------------------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A zone we can convert without a time-zone database: its offset from UTC has been constant since `fixedOffsetSinceYear`.
 * Calendars refuse published years before that year, where the fixed offset would be wrong.
 */
export interface FixedOffsetTimeZone {
  readonly id: string;
  readonly utcOffsetMinutes: number;
  readonly fixedOffsetSinceYear: number;
}

/**
 * The zones a calendar may use. Asia/Shanghai is UTC+08:00 with no daylight saving since China dropped it after 1991.
 * (Xinjiang offices keep Beijing time officially and work later hours: model that with working hours, not a zone.)
 */
export const SUPPORTED_TIME_ZONES: Readonly<Record<string, FixedOffsetTimeZone>> = {
  'Asia/Shanghai': { id: 'Asia/Shanghai', utcOffsetMinutes: 480, fixedOffsetSinceYear: 1992 },
  UTC: { id: 'UTC', utcOffsetMinutes: 0, fixedOffsetSinceYear: 1972 },
};

export function resolveTimeZone(timeZoneId: string): FixedOffsetTimeZone {
  const zone = Object.hasOwn(SUPPORTED_TIME_ZONES, timeZoneId) ? SUPPORTED_TIME_ZONES[timeZoneId] : undefined;
  if (!zone) throw new UnsupportedTimeZoneError(timeZoneId);
  return zone;
}

// ---------------------------------------------------------------------------------------------------------------------
// Calendar data
// ---------------------------------------------------------------------------------------------------------------------

/** A stretch of working time within a working day, local wall-clock time 'HH:MM' ('24:00' allowed as an end). */
export interface WorkingInterval {
  readonly start: string;
  readonly end: string;
}

/**
 * 09:00–12:00 and 13:00–18:00: eight working hours, the statutory working day (劳动法 art. 36), with a one-hour lunch
 * break. A budget of one working day is therefore eight working hours on every calendar that keeps these hours.
 */
export const STANDARD_WORKING_HOURS: readonly WorkingInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

export interface NamedDate {
  /** Local calendar date 'YYYY-MM-DD'. */
  readonly date: string;
  readonly name: string;
}

/** One year's official schedule: days off (including those that fall on weekends) and make-up working days. */
export interface PublishedYearSchedule {
  readonly year: number;
  readonly holidays: readonly NamedDate[];
  readonly makeUpWorkingDays: readonly NamedDate[];
}

/**
 * Local departures from the national schedule decided by a province (e.g. an ethnic festival, a local make-up day).
 * They win over the national schedule on the days they name. Dates in years the nation has not published yet are kept
 * and take effect once that year is published: a province cannot publish a year on its own.
 */
export interface ProvincialOverrides {
  /** ISO 3166-2:CN code of a mainland province-level division, e.g. 'CN-GX'. */
  readonly provinceCode: string;
  readonly extraHolidays?: readonly NamedDate[];
  readonly extraWorkingDays?: readonly NamedDate[];
  /** Working hours of this province's work positions when they differ from the national calendar's. */
  readonly workingHours?: readonly WorkingInterval[];
  readonly name?: string;
}

export interface BusinessCalendarDefinition {
  readonly id: string;
  readonly name: string;
  readonly timeZoneId: string;
  readonly workingHours: readonly WorkingInterval[];
  /** Must be consecutive years: a gap would be a year the clock knows nothing about in the middle of a span. */
  readonly publishedYears: readonly PublishedYearSchedule[];
  readonly provincialOverrides?: ProvincialOverrides;
}

/** Mainland province-level divisions (ISO 3166-2:CN); they follow the national schedule plus their own overrides. */
export const MAINLAND_PROVINCE_CODES: readonly string[] = [
  'CN-AH', 'CN-BJ', 'CN-CQ', 'CN-FJ', 'CN-GD', 'CN-GS', 'CN-GX', 'CN-GZ', 'CN-HA', 'CN-HB', 'CN-HE',
  'CN-HI', 'CN-HL', 'CN-HN', 'CN-JL', 'CN-JS', 'CN-JX', 'CN-LN', 'CN-NM', 'CN-NX', 'CN-QH', 'CN-SC',
  'CN-SD', 'CN-SH', 'CN-SN', 'CN-SX', 'CN-TJ', 'CN-XJ', 'CN-XZ', 'CN-YN', 'CN-ZJ',
];

/** The raw shape of `chinese-days/dist/chinese-days.json`: date → "English name,中文名,days". */
export interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

function namedDateFromChineseDays(date: string, description: string): NamedDate {
  const [english, chinese] = description.split(',');
  return { date, name: [chinese, english].filter((part) => part !== undefined && part !== '').join(' ') || description };
}

/**
 * The national schedule carried by the `chinese-days` package, one record per year. A year counts as published when
 * the package has at least one entry for it (every published year has at least New Year's Day).
 */
export function publishedYearsFromChineseDays(data: ChineseDaysData = chineseDaysData): PublishedYearSchedule[] {
  const byYear = new Map<number, { holidays: NamedDate[]; makeUpWorkingDays: NamedDate[] }>();
  const yearRecord = (date: string) => {
    const year = Number(date.slice(0, 4));
    let record = byYear.get(year);
    if (!record) {
      record = { holidays: [], makeUpWorkingDays: [] };
      byYear.set(year, record);
    }
    return record;
  };
  for (const [date, description] of Object.entries(data.holidays)) yearRecord(date).holidays.push(namedDateFromChineseDays(date, description));
  for (const [date, description] of Object.entries(data.workdays)) yearRecord(date).makeUpWorkingDays.push(namedDateFromChineseDays(date, description));
  const byDate = (a: NamedDate, b: NamedDate) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, record]) => ({ year, holidays: record.holidays.sort(byDate), makeUpWorkingDays: record.makeUpWorkingDays.sort(byDate) }));
}

// ---------------------------------------------------------------------------------------------------------------------
// Built calendar
// ---------------------------------------------------------------------------------------------------------------------

export type PublishedDayKind =
  | 'WORKING_DAY'
  | 'WEEKEND'
  | 'PUBLIC_HOLIDAY'
  | 'MAKE_UP_WORKING_DAY'
  | 'PROVINCIAL_HOLIDAY'
  | 'PROVINCIAL_WORKING_DAY';

export type DayClassification =
  | { readonly date: string; readonly kind: PublishedDayKind; readonly working: boolean; readonly name?: string }
  | { readonly date: string; readonly kind: 'UNPUBLISHED'; readonly year: number };

/** Working-time arithmetic of a calendar: per-day flags and prefix sums over its published span. */
interface WorkingDayIndex {
  /** Local day number (days since 1970-01-01 in the calendar's zone) of 1 January of the first published year. */
  readonly firstDay: number;
  /** Number of local days in the published span. */
  readonly dayCount: number;
  readonly isWorking: Uint8Array;
  /** workingDaysBefore[i] = working days among the first i days of the span (length dayCount + 1). */
  readonly workingDaysBefore: Int32Array;
  /** Span offsets of the working days, in order: the n-th working day is on day workingDayOffsets[n]. */
  readonly workingDayOffsets: Int32Array;
}

interface MinuteInterval {
  readonly startMinute: number;
  readonly endMinute: number;
}

export interface CalendarCoverage {
  /** Consecutive years with a published schedule, ascending. */
  readonly publishedYears: readonly number[];
  /** First and last local dates the calendar can answer for. */
  readonly firstDate: string;
  readonly lastDate: string;
}

export interface BusinessCalendar {
  readonly id: string;
  readonly name: string;
  readonly definition: BusinessCalendarDefinition;
  readonly timeZone: FixedOffsetTimeZone;
  readonly workingIntervals: readonly WorkingInterval[];
  /** Length of one working day in milliseconds of working time (8 h with the standard hours). */
  readonly workingMsPerDay: number;
  readonly coverage: CalendarCoverage;
  /** @internal precomputed tables; read through the functions of this module. */
  readonly index: WorkingDayIndex;
  /** @internal working intervals in minutes of the local day. */
  readonly minuteIntervals: readonly MinuteInterval[];
  /** @internal classification of every published day by date, for {@link classifyDay}. */
  readonly dayKinds: ReadonlyMap<string, { kind: PublishedDayKind; name?: string }>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Local dates
// ---------------------------------------------------------------------------------------------------------------------

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or undefined when it is not a real date. */
function dayNumberOf(date: string): number | undefined {
  const match = LOCAL_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function offsetMs(calendar: BusinessCalendar): number {
  return calendar.timeZone.utcOffsetMinutes * MS_PER_MINUTE;
}

function assertValidInstant(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant`);
  return ms;
}

/** The local calendar date of an instant in the calendar's time zone. */
export function localDateOf(calendar: BusinessCalendar, instant: Date): string {
  const ms = assertValidInstant(instant, 'instant');
  return dateOfDayNumber(Math.floor((ms + offsetMs(calendar)) / MS_PER_DAY));
}

/** The instant of a local wall-clock time ('YYYY-MM-DD', 'HH:MM') in the calendar's time zone. */
export function instantAt(calendar: BusinessCalendar, date: string, time = '00:00'): Date {
  const dayNumber = dayNumberOf(date);
  const minute = minuteOfTime(time);
  if (dayNumber === undefined) throw new RangeError(`${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
  if (minute === undefined) throw new RangeError(`${JSON.stringify(time)} is not a time of day (HH:MM)`);
  return new Date(dayNumber * MS_PER_DAY + minute * MS_PER_MINUTE - offsetMs(calendar));
}

function minuteOfTime(time: string): number | undefined {
  const match = LOCAL_TIME.exec(time);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

// ---------------------------------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------------------------------

function validatedWorkingHours(workingHours: readonly WorkingInterval[], calendarId: string): MinuteInterval[] {
  if (workingHours.length === 0) throw new InvalidCalendarDataError(`calendar ${calendarId}: a working day needs at least one working interval`);
  const intervals: MinuteInterval[] = [];
  for (const interval of workingHours) {
    const startMinute = minuteOfTime(interval.start);
    const endMinute = minuteOfTime(interval.end);
    if (startMinute === undefined || endMinute === undefined || startMinute >= MINUTES_PER_DAY) {
      throw new InvalidCalendarDataError(`calendar ${calendarId}: working interval ${interval.start}–${interval.end} is not HH:MM–HH:MM within a day`);
    }
    if (endMinute <= startMinute) throw new InvalidCalendarDataError(`calendar ${calendarId}: working interval ${interval.start}–${interval.end} ends before it starts`);
    const previous = intervals[intervals.length - 1];
    if (previous && startMinute < previous.endMinute) {
      throw new InvalidCalendarDataError(`calendar ${calendarId}: working intervals must be in order and must not overlap (${interval.start}–${interval.end})`);
    }
    intervals.push({ startMinute, endMinute });
  }
  return intervals;
}

function validatedDate(named: NamedDate, calendarId: string, what: string): number {
  const dayNumber = dayNumberOf(named.date);
  if (dayNumber === undefined) throw new InvalidCalendarDataError(`calendar ${calendarId}: ${what} ${JSON.stringify(named.date)} is not a date (YYYY-MM-DD)`);
  return dayNumber;
}

export function buildBusinessCalendar(definition: BusinessCalendarDefinition): BusinessCalendar {
  const calendarId = definition.id;
  if (calendarId.trim() === '') throw new InvalidCalendarDataError('a calendar needs an id');
  const timeZone = resolveTimeZone(definition.timeZoneId);
  const minuteIntervals = validatedWorkingHours(definition.workingHours, calendarId);
  const workingMsPerDay = minuteIntervals.reduce((sum, interval) => sum + (interval.endMinute - interval.startMinute), 0) * MS_PER_MINUTE;

  const years = definition.publishedYears.map((schedule) => schedule.year);
  if (years.length === 0) throw new InvalidCalendarDataError(`calendar ${calendarId}: no published year`);
  const sortedYears = [...years].sort((a, b) => a - b);
  for (const [i, year] of sortedYears.entries()) {
    if (!Number.isInteger(year)) throw new InvalidCalendarDataError(`calendar ${calendarId}: ${year} is not a year`);
    if (year < timeZone.fixedOffsetSinceYear) {
      throw new InvalidCalendarDataError(`calendar ${calendarId}: ${timeZone.id} has a fixed UTC offset only from ${timeZone.fixedOffsetSinceYear}, not in ${year}`);
    }
    const previous = sortedYears[i - 1];
    if (previous === year) throw new InvalidCalendarDataError(`calendar ${calendarId}: year ${year} is published twice`);
    if (previous !== undefined && year !== previous + 1) {
      throw new InvalidCalendarDataError(`calendar ${calendarId}: published years must be consecutive, ${previous + 1} is missing before ${year}`);
    }
  }
  const firstYear = sortedYears[0] as number;
  const lastYear = sortedYears[sortedYears.length - 1] as number;

  // National schedule first, then the province's overrides on top of it.
  const dayKinds = new Map<string, { kind: PublishedDayKind; name?: string }>();
  for (const schedule of definition.publishedYears) {
    const holidayDates = new Set<string>();
    for (const holiday of schedule.holidays) {
      validatedDate(holiday, calendarId, 'holiday');
      if (Number(holiday.date.slice(0, 4)) !== schedule.year) {
        throw new InvalidCalendarDataError(`calendar ${calendarId}: holiday ${holiday.date} is filed under ${schedule.year}`);
      }
      holidayDates.add(holiday.date);
      dayKinds.set(holiday.date, { kind: 'PUBLIC_HOLIDAY', name: holiday.name });
    }
    for (const makeUp of schedule.makeUpWorkingDays) {
      validatedDate(makeUp, calendarId, 'make-up working day');
      if (Number(makeUp.date.slice(0, 4)) !== schedule.year) {
        throw new InvalidCalendarDataError(`calendar ${calendarId}: make-up working day ${makeUp.date} is filed under ${schedule.year}`);
      }
      if (holidayDates.has(makeUp.date)) throw new InvalidCalendarDataError(`calendar ${calendarId}: ${makeUp.date} is both a holiday and a make-up working day`);
      dayKinds.set(makeUp.date, { kind: 'MAKE_UP_WORKING_DAY', name: makeUp.name });
    }
  }
  const overrides = definition.provincialOverrides;
  if (overrides) {
    if (!MAINLAND_PROVINCE_CODES.includes(overrides.provinceCode)) {
      throw new InvalidCalendarDataError(`calendar ${calendarId}: ${JSON.stringify(overrides.provinceCode)} is not a mainland province code (ISO 3166-2:CN, e.g. CN-GD)`);
    }
    const extraHolidayDates = new Set<string>();
    for (const holiday of overrides.extraHolidays ?? []) {
      validatedDate(holiday, calendarId, 'provincial holiday');
      extraHolidayDates.add(holiday.date);
      dayKinds.set(holiday.date, { kind: 'PROVINCIAL_HOLIDAY', name: holiday.name });
    }
    for (const workingDay of overrides.extraWorkingDays ?? []) {
      validatedDate(workingDay, calendarId, 'provincial working day');
      if (extraHolidayDates.has(workingDay.date)) {
        throw new InvalidCalendarDataError(`calendar ${calendarId}: ${workingDay.date} is both a provincial holiday and a provincial working day`);
      }
      dayKinds.set(workingDay.date, { kind: 'PROVINCIAL_WORKING_DAY', name: workingDay.name });
    }
  }

  const firstDay = Date.UTC(firstYear, 0, 1) / MS_PER_DAY;
  const dayCount = Date.UTC(lastYear + 1, 0, 1) / MS_PER_DAY - firstDay;
  const isWorking = new Uint8Array(dayCount);
  const workingDaysBefore = new Int32Array(dayCount + 1);
  const workingDayOffsets: number[] = [];
  for (let offset = 0; offset < dayCount; offset++) {
    const dayNumber = firstDay + offset;
    const special = dayKinds.get(dateOfDayNumber(dayNumber));
    const weekday = weekdayOfDayNumber(dayNumber);
    const working = special
      ? special.kind === 'MAKE_UP_WORKING_DAY' || special.kind === 'PROVINCIAL_WORKING_DAY'
      : weekday !== 0 && weekday !== 6;
    isWorking[offset] = working ? 1 : 0;
    workingDaysBefore[offset + 1] = (workingDaysBefore[offset] as number) + (working ? 1 : 0);
    if (working) workingDayOffsets.push(offset);
  }

  return {
    id: calendarId,
    name: definition.name,
    definition,
    timeZone,
    workingIntervals: definition.workingHours,
    workingMsPerDay,
    coverage: {
      publishedYears: sortedYears,
      firstDate: dateOfDayNumber(firstDay),
      lastDate: dateOfDayNumber(firstDay + dayCount - 1),
    },
    index: { firstDay, dayCount, isWorking, workingDaysBefore, workingDayOffsets: Int32Array.from(workingDayOffsets) },
    minuteIntervals,
    dayKinds,
  };
}

export interface NationalCalendarOptions {
  readonly timeZoneId?: string;
  readonly workingHours?: readonly WorkingInterval[];
  /** The national schedule; defaults to the years carried by the installed `chinese-days` package. */
  readonly publishedYears?: readonly PublishedYearSchedule[];
  /** Years published after the installed package (or corrections to one of its years, which they replace). */
  readonly additionalYears?: readonly PublishedYearSchedule[];
}

/** The national calendar 'CN': Beijing time, standard working hours, the official holidays and make-up days. */
export function buildNationalCalendar(options: NationalCalendarOptions = {}): BusinessCalendar {
  const base = options.publishedYears ?? publishedYearsFromChineseDays();
  const additional = options.additionalYears ?? [];
  const replaced = new Set(additional.map((schedule) => schedule.year));
  return buildBusinessCalendar({
    id: NATIONAL_CALENDAR_ID,
    name: 'China (national)',
    timeZoneId: options.timeZoneId ?? DEFAULT_TIME_ZONE_ID,
    workingHours: options.workingHours ?? STANDARD_WORKING_HOURS,
    publishedYears: [...base.filter((schedule) => !replaced.has(schedule.year)), ...additional],
  });
}

/**
 * A province's calendar ('CN-GX', …): the national calendar's data with the province's extra holidays and extra
 * working days, which win over the national schedule on the days they name. The national calendar is not changed.
 */
export function deriveProvinceCalendar(national: BusinessCalendar, overrides: ProvincialOverrides): BusinessCalendar {
  if (national.definition.provincialOverrides) {
    throw new InvalidCalendarDataError(`calendar ${national.id} is already a provincial calendar; derive from the national one`);
  }
  return buildBusinessCalendar({
    ...national.definition,
    id: overrides.provinceCode,
    name: overrides.name ?? `${national.name} + ${overrides.provinceCode}`,
    workingHours: overrides.workingHours ?? national.definition.workingHours,
    provincialOverrides: overrides,
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Questions a calendar answers
// ---------------------------------------------------------------------------------------------------------------------

export function isYearPublished(calendar: BusinessCalendar, year: number): boolean {
  return calendar.coverage.publishedYears.includes(year);
}

/** What kind of day a local date is; days of unpublished years say so instead of guessing. */
export function classifyDay(calendar: BusinessCalendar, date: string): DayClassification {
  const dayNumber = dayNumberOf(date);
  if (dayNumber === undefined) throw new RangeError(`${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
  const offset = dayNumber - calendar.index.firstDay;
  if (offset < 0 || offset >= calendar.index.dayCount) return { date, kind: 'UNPUBLISHED', year: yearOfDayNumber(dayNumber) };
  const special = calendar.dayKinds.get(date);
  if (special) {
    const working = special.kind === 'MAKE_UP_WORKING_DAY' || special.kind === 'PROVINCIAL_WORKING_DAY';
    return special.name === undefined ? { date, kind: special.kind, working } : { date, kind: special.kind, working, name: special.name };
  }
  const weekday = weekdayOfDayNumber(dayNumber);
  return weekday === 0 || weekday === 6 ? { date, kind: 'WEEKEND', working: false } : { date, kind: 'WORKING_DAY', working: true };
}

function notPublished(calendar: BusinessCalendar, dayNumber: number): CalendarNotPublishedError {
  return new CalendarNotPublishedError(calendar.id, yearOfDayNumber(dayNumber), calendar.coverage.publishedYears);
}

function workedMsBeforeMinuteMs(calendar: BusinessCalendar, msIntoDay: number): number {
  let worked = 0;
  for (const interval of calendar.minuteIntervals) {
    const start = interval.startMinute * MS_PER_MINUTE;
    if (msIntoDay <= start) break;
    worked += Math.min(msIntoDay, interval.endMinute * MS_PER_MINUTE) - start;
  }
  return worked;
}

/**
 * Working time from the start of the calendar's published span to `instant`, in ms. Differences of positions are
 * working time between instants; an instant at local midnight right after the span still has a position (the end).
 * @throws CalendarNotPublishedError when the instant lies in a year without a published schedule.
 */
export function workingTimePosition(calendar: BusinessCalendar, instant: Date): number {
  const local = assertValidInstant(instant, 'instant') + offsetMs(calendar);
  const dayNumber = Math.floor(local / MS_PER_DAY);
  const offset = dayNumber - calendar.index.firstDay;
  const msIntoDay = local - dayNumber * MS_PER_DAY;
  const { dayCount, workingDaysBefore, isWorking } = calendar.index;
  if (offset === dayCount && msIntoDay === 0) return (workingDaysBefore[dayCount] as number) * calendar.workingMsPerDay;
  if (offset < 0 || offset >= dayCount) throw notPublished(calendar, dayNumber);
  const wholeDays = (workingDaysBefore[offset] as number) * calendar.workingMsPerDay;
  return isWorking[offset] === 1 ? wholeDays + workedMsBeforeMinuteMs(calendar, msIntoDay) : wholeDays;
}

/** Whether the instant has a working-time position: inside the published span, or the midnight that ends it. */
export function coversInstant(calendar: BusinessCalendar, instant: Date): boolean {
  const local = assertValidInstant(instant, 'instant') + offsetMs(calendar);
  const offset = Math.floor(local / MS_PER_DAY) - calendar.index.firstDay;
  return (offset >= 0 && offset < calendar.index.dayCount) || (offset === calendar.index.dayCount && local % MS_PER_DAY === 0);
}

/**
 * The earliest instant whose working-time position is `position`: for a position that ends a working interval this
 * is the interval's end (12:00, 18:00), never the start of the next one.
 * @throws CalendarNotPublishedError when that instant would lie beyond the last published year.
 */
export function instantAtWorkingTimePosition(calendar: BusinessCalendar, position: number): Date {
  const { firstDay, dayCount, workingDayOffsets } = calendar.index;
  if (!Number.isFinite(position) || position < 0) throw new RangeError(`working-time position ${position} is outside the calendar`);
  if (position === 0) return new Date(firstDay * MS_PER_DAY - offsetMs(calendar));
  const perDay = calendar.workingMsPerDay;
  const ordinal = Math.ceil(position / perDay) - 1;
  const dayOffset = workingDayOffsets[ordinal];
  if (dayOffset === undefined) throw notPublished(calendar, firstDay + dayCount);
  let remaining = position - ordinal * perDay;
  let msIntoDay = 0;
  for (const interval of calendar.minuteIntervals) {
    const length = (interval.endMinute - interval.startMinute) * MS_PER_MINUTE;
    if (remaining <= length) {
      msIntoDay = interval.startMinute * MS_PER_MINUTE + remaining;
      break;
    }
    remaining -= length;
  }
  return new Date((firstDay + dayOffset) * MS_PER_DAY + msIntoDay - offsetMs(calendar));
}

// ---------------------------------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------------------------------

export interface CalendarRegistry {
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
}

export function createCalendarRegistry(calendars: readonly BusinessCalendar[]): CalendarRegistry {
  const byId = new Map<string, BusinessCalendar>();
  for (const calendar of calendars) {
    if (byId.has(calendar.id)) throw new InvalidCalendarDataError(`calendar ${calendar.id} is registered twice`);
    byId.set(calendar.id, calendar);
  }
  return { calendars: byId };
}

/** The registry with the national calendar only; provinces are added from configuration with deriveProvinceCalendar. */
export function buildDefaultCalendarRegistry(): CalendarRegistry {
  return createCalendarRegistry([buildNationalCalendar()]);
}

export function calendarIds(registry: CalendarRegistry): readonly string[] {
  return [...registry.calendars.keys()].sort();
}

export function resolveCalendar(registry: CalendarRegistry, calendarId: string): BusinessCalendar {
  const calendar = registry.calendars.get(calendarId);
  if (!calendar) throw new UnknownCalendarError(calendarId, calendarIds(registry));
  return calendar;
}
