import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CalendarNotPublishedError,
  InvalidCalendarDataError,
  STANDARD_WORKING_HOURS,
  UnknownCalendarError,
  UnsupportedTimeZoneError,
  buildBusinessCalendar,
  buildDefaultCalendarRegistry,
  buildNationalCalendar,
  calendarIds,
  classifyDay,
  createCalendarRegistry,
  deriveProvinceCalendar,
  instantAt,
  isYearPublished,
  localDateOf,
  publishedYearsFromChineseDays,
  resolveCalendar,
  workingTimePosition,
} from '../../../functions/domain/business-calendar.ts';
import type { PublishedYearSchedule } from '../../../functions/domain/business-calendar.ts';

const national = buildNationalCalendar();
const HOUR = 3_600_000;

/**
 * Shaped like a published year so the test can show that publishing one is adding data. NOT the State Council's 2027
 * schedule (not published in chinese-days@1.5.7): the dates are invented for the test.
 */
const inventedScheduleForTheYearAfterCoverage: PublishedYearSchedule = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: 'invented holiday (Friday)' },
    { date: '2027-01-04', name: 'invented holiday (Monday)' },
  ],
  makeUpWorkingDays: [{ date: '2027-01-09', name: 'invented make-up Saturday' }],
};

describe('the national calendar built from chinese-days', () => {
  it('covers exactly the years chinese-days@1.5.7 publishes, 2004 to 2026', () => {
    expect(national.id).toBe('CN');
    expect(national.coverage.publishedYears).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(national.coverage).toMatchObject({ firstDate: '2004-01-01', lastDate: '2026-12-31' });
    expect(isYearPublished(national, 2026)).toBe(true);
    expect(isYearPublished(national, 2027)).toBe(false);
  });

  it('has the 2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    expect(classifyDay(national, '2026-02-13')).toEqual({ date: '2026-02-13', kind: 'WORKING_DAY', working: true });
    expect(classifyDay(national, '2026-02-14')).toEqual({ date: '2026-02-14', kind: 'MAKE_UP_WORKING_DAY', working: true, name: '春节 Spring Festival' });
    for (const date of ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']) {
      expect(classifyDay(national, date)).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false });
    }
    expect(classifyDay(national, '2026-02-24')).toMatchObject({ kind: 'WORKING_DAY', working: true });
    expect(classifyDay(national, '2026-02-28')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true });
    expect(classifyDay(national, '2026-03-01')).toEqual({ date: '2026-03-01', kind: 'WEEKEND', working: false });
  });

  it('has the 2026 make-up Sundays (4 January, 20 September) as working days and weekday holidays as days off', () => {
    expect(classifyDay(national, '2026-01-04')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true, name: '元旦 New Year\'s Day' });
    expect(classifyDay(national, '2026-09-20')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true, name: '国庆节 National Day' });
    expect(classifyDay(national, '2026-10-10')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true });
    expect(classifyDay(national, '2026-05-09')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true, name: '劳动节 Labour Day' });
    // Labour Day Monday/Tuesday and National Day Wednesday 7 October are weekdays off.
    expect(classifyDay(national, '2026-05-04')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false });
    expect(classifyDay(national, '2026-05-05')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false });
    expect(classifyDay(national, '2026-10-07')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false });
  });

  it('agrees with chinese-days on every day it covers', () => {
    const disagreements: string[] = [];
    for (let ms = Date.UTC(2004, 0, 1); ms <= Date.UTC(2026, 11, 31); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      const ours = classifyDay(national, date);
      if (ours.kind === 'UNPUBLISHED' || ours.working !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('reports 2027 as unpublished where chinese-days itself would call 1 October 2027 a working Friday', () => {
    expect(chineseDays.isWorkday('2027-10-01')).toBe(true);
    expect(classifyDay(national, '2027-10-01')).toEqual({ date: '2027-10-01', kind: 'UNPUBLISHED', year: 2027 });
    expect(classifyDay(national, '2027-02-08')).toEqual({ date: '2027-02-08', kind: 'UNPUBLISHED', year: 2027 });
    expect(classifyDay(national, '2003-12-31')).toEqual({ date: '2003-12-31', kind: 'UNPUBLISHED', year: 2003 });
  });

  it('refuses working-time positions in unpublished years, but knows the midnight that ends 2026', () => {
    expect(() => workingTimePosition(national, new Date('2027-01-04T10:00:00+08:00'))).toThrow(CalendarNotPublishedError);
    expect(() => workingTimePosition(national, new Date('2003-12-31T10:00:00+08:00'))).toThrow(expect.objectContaining({ name: 'CalendarNotPublishedError', year: 2003, calendarId: 'CN' }));
    expect(workingTimePosition(national, new Date('2027-01-01T00:00:00+08:00'))).toBe(workingTimePosition(national, new Date('2026-12-31T18:00:00+08:00')));
  });
});

describe('adding a year is data', () => {
  const upTo2025 = publishedYearsFromChineseDays().filter((schedule) => schedule.year <= 2025);
  const the2026Schedule = publishedYearsFromChineseDays().find((schedule) => schedule.year === 2026);

  it('a calendar without the 2026 record does not know 2026; adding the record publishes it', () => {
    const before = buildNationalCalendar({ publishedYears: upTo2025 });
    expect(classifyDay(before, '2026-02-16')).toMatchObject({ kind: 'UNPUBLISHED', year: 2026 });
    const after = buildNationalCalendar({ publishedYears: upTo2025, additionalYears: the2026Schedule ? [the2026Schedule] : [] });
    expect(classifyDay(after, '2026-02-16')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false });
    expect(classifyDay(after, '2026-02-14')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true });
  });

  it('a record for the year after the package publishes it, and follows its holidays and make-up days', () => {
    const extended = buildNationalCalendar({ additionalYears: [inventedScheduleForTheYearAfterCoverage] });
    expect(extended.coverage.lastDate).toBe('2027-12-31');
    expect(classifyDay(extended, '2027-01-04')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false });
    expect(classifyDay(extended, '2027-01-09')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true });
    expect(classifyDay(extended, '2027-01-05')).toMatchObject({ kind: 'WORKING_DAY', working: true });
  });

  it('rejects a year that leaves a gap, a date filed under the wrong year, and a day both off and worked', () => {
    const year2028 = { ...inventedScheduleForTheYearAfterCoverage, year: 2028, holidays: [], makeUpWorkingDays: [] };
    expect(() => buildNationalCalendar({ additionalYears: [year2028] })).toThrow(/2027 is missing/);
    expect(() => buildNationalCalendar({ additionalYears: [{ year: 2027, holidays: [{ date: '2026-12-31', name: 'x' }], makeUpWorkingDays: [] }] })).toThrow(InvalidCalendarDataError);
    expect(() =>
      buildNationalCalendar({ additionalYears: [{ year: 2027, holidays: [{ date: '2027-01-02', name: 'x' }], makeUpWorkingDays: [{ date: '2027-01-02', name: 'y' }] }] }),
    ).toThrow(/both a holiday and a make-up working day/);
    expect(() => buildNationalCalendar({ additionalYears: [{ year: 2027, holidays: [{ date: '2027-02-30', name: 'x' }], makeUpWorkingDays: [] }] })).toThrow(/not a date/);
    expect(() => buildNationalCalendar({ publishedYears: [] })).toThrow(/no published year/);
  });
});

describe('time zone', () => {
  it('is Asia/Shanghai (UTC+08:00) by default and explicit on the calendar', () => {
    expect(national.timeZone).toEqual({ id: 'Asia/Shanghai', utcOffsetMinutes: 480, fixedOffsetSinceYear: 1992 });
    expect(localDateOf(national, new Date('2026-02-13T16:30:00Z'))).toBe('2026-02-14');
    expect(localDateOf(national, new Date('2026-02-13T15:59:59Z'))).toBe('2026-02-13');
    expect(instantAt(national, '2026-02-24', '10:00').toISOString()).toBe('2026-02-24T02:00:00.000Z');
  });

  it('matches the IANA database for Asia/Shanghai on any instant of the covered years', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2026, 11, 31, 23, 59) }), (ms) => {
        expect(localDateOf(national, new Date(ms))).toBe(format.format(new Date(ms)));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses zones it cannot convert without a time-zone database', () => {
    expect(() => buildNationalCalendar({ timeZoneId: 'America/New_York' })).toThrow(UnsupportedTimeZoneError);
    expect(() => buildNationalCalendar({ timeZoneId: 'toString' })).toThrow(UnsupportedTimeZoneError);
    const utc = buildNationalCalendar({ timeZoneId: 'UTC' });
    expect(instantAt(utc, '2026-02-24', '10:00').toISOString()).toBe('2026-02-24T10:00:00.000Z');
  });

  it('refuses published years before Asia/Shanghai had a fixed offset (daylight saving until 1991)', () => {
    expect(() => buildNationalCalendar({ publishedYears: [{ year: 1991, holidays: [], makeUpWorkingDays: [] }] })).toThrow(/fixed UTC offset only from 1992/);
  });
});

describe('working hours', () => {
  it('are 09:00–12:00 and 13:00–18:00 by default: a working day is eight working hours', () => {
    expect(national.workingIntervals).toEqual(STANDARD_WORKING_HOURS);
    expect(national.workingMsPerDay).toBe(8 * HOUR);
  });

  it('are configurable, and the lunch break is not working time', () => {
    const late = buildNationalCalendar({ workingHours: [{ start: '10:00', end: '14:00' }, { start: '15:30', end: '19:30' }] });
    expect(late.workingMsPerDay).toBe(8 * HOUR);
    const lunchStart = workingTimePosition(late, new Date('2026-03-02T14:00:00+08:00'));
    expect(workingTimePosition(late, new Date('2026-03-02T15:30:00+08:00'))).toBe(lunchStart);
    expect(workingTimePosition(late, new Date('2026-03-02T19:30:00+08:00')) - lunchStart).toBe(4 * HOUR);
  });

  it('reject intervals that overlap, run backwards, are out of order, are missing or are not times', () => {
    const invalid = [
      [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }],
      [{ start: '13:00', end: '12:00' }],
      [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '12:00' }],
      [],
      [{ start: '9:00', end: '12:00' }],
      [{ start: '09:00', end: '24:30' }],
    ];
    for (const workingHours of invalid) expect(() => buildNationalCalendar({ workingHours }), JSON.stringify(workingHours)).toThrow(InvalidCalendarDataError);
    expect(buildNationalCalendar({ workingHours: [{ start: '00:00', end: '24:00' }] }).workingMsPerDay).toBe(24 * HOUR);
  });
});

describe('provincial calendars', () => {
  const guangxi = deriveProvinceCalendar(national, {
    provinceCode: 'CN-GX',
    extraHolidays: [{ date: '2026-04-20', name: 'local holiday (e.g. 三月三)' }],
    extraWorkingDays: [{ date: '2026-04-25', name: 'local make-up Saturday' }],
  });

  it('add the province overrides on top of the national schedule, under the province code', () => {
    expect(guangxi.id).toBe('CN-GX');
    expect(classifyDay(guangxi, '2026-04-20')).toEqual({ date: '2026-04-20', kind: 'PROVINCIAL_HOLIDAY', working: false, name: 'local holiday (e.g. 三月三)' });
    expect(classifyDay(guangxi, '2026-04-25')).toMatchObject({ kind: 'PROVINCIAL_WORKING_DAY', working: true });
    expect(classifyDay(guangxi, '2026-02-16')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false });
    expect(guangxi.coverage).toEqual(national.coverage);
  });

  it('leave the national calendar as it was', () => {
    expect(classifyDay(national, '2026-04-20')).toMatchObject({ kind: 'WORKING_DAY', working: true });
    expect(classifyDay(national, '2026-04-25')).toMatchObject({ kind: 'WEEKEND', working: false });
  });

  it('may keep their own working hours (e.g. Xinjiang working later on Beijing time)', () => {
    const xinjiang = deriveProvinceCalendar(national, { provinceCode: 'CN-XJ', workingHours: [{ start: '10:00', end: '14:00' }, { start: '16:00', end: '20:00' }] });
    expect(xinjiang.timeZone.id).toBe('Asia/Shanghai');
    expect(workingTimePosition(xinjiang, new Date('2026-03-02T20:00:00+08:00')) - workingTimePosition(xinjiang, new Date('2026-03-02T09:00:00+08:00'))).toBe(8 * HOUR);
  });

  it('need a mainland province code and consistent overrides', () => {
    expect(() => deriveProvinceCalendar(national, { provinceCode: 'CN-XX' })).toThrow(/not a mainland province code/);
    expect(() => deriveProvinceCalendar(national, { provinceCode: '44' })).toThrow(InvalidCalendarDataError);
    expect(() =>
      deriveProvinceCalendar(national, { provinceCode: 'CN-GD', extraHolidays: [{ date: '2026-04-20', name: 'a' }], extraWorkingDays: [{ date: '2026-04-20', name: 'b' }] }),
    ).toThrow(/both a provincial holiday and a provincial working day/);
    expect(() => deriveProvinceCalendar(guangxi, { provinceCode: 'CN-GD' })).toThrow(/already a provincial calendar/);
  });
});

describe('calendar registry', () => {
  const registry = createCalendarRegistry([national, deriveProvinceCalendar(national, { provinceCode: 'CN-GD' })]);

  it('lists its calendar ids and resolves them', () => {
    expect(calendarIds(registry)).toEqual(['CN', 'CN-GD']);
    expect(resolveCalendar(registry, 'CN-GD').id).toBe('CN-GD');
    expect(calendarIds(buildDefaultCalendarRegistry())).toEqual(['CN']);
  });

  it('names an unknown calendar and the known ones', () => {
    const attempt = () => resolveCalendar(registry, 'CN-ZJ');
    expect(attempt).toThrow(UnknownCalendarError);
    expect(attempt).toThrow('unknown calendar "CN-ZJ"; known calendars: CN, CN-GD');
    expect(() => resolveCalendar(registry, 'CN-ZJ')).toThrow(expect.objectContaining({ calendarId: 'CN-ZJ', knownCalendarIds: ['CN', 'CN-GD'] }));
  });

  it('refuses two calendars with the same id', () => {
    expect(() => createCalendarRegistry([national, national])).toThrow(/registered twice/);
  });

  it('builds calendars from definitions under any id', () => {
    const custom = buildBusinessCalendar({ ...national.definition, id: 'CN-24x7', name: 'round the clock', workingHours: [{ start: '00:00', end: '24:00' }] });
    expect(createCalendarRegistry([custom]).calendars.get('CN-24x7')?.workingMsPerDay).toBe(24 * HOUR);
  });
});
