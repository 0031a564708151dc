/**
 * Calendar data an administrator keeps: for the national calendar 'CN', whole years published after the installed
 * `chinese-days` package (or corrections of one of its years); for a province, its extra holidays and extra working
 * days. A province cannot publish a year on its own: years belong to the national calendar and every province
 * inherits them. Pure: building, validating and reading calendars from that data; storage is in the data layer.
 */
import {
  InvalidCalendarDataError,
  MAINLAND_PROVINCE_CODES,
  NATIONAL_CALENDAR_ID,
  buildNationalCalendar,
  classifyDay,
  deriveProvinceCalendar,
  publishedYearsFromChineseDays,
} from './business-calendar.ts';
import type { BusinessCalendar, DayClassification, NamedDate, PublishedYearSchedule } from './business-calendar.ts';
import type { FieldIssue } from './field-issue.ts';
import { provinceCode } from './provinces.ts';

export interface CalendarOverrides {
  readonly calendarId: string;
  readonly extraHolidays: readonly NamedDate[];
  readonly extraWorkingDays: readonly NamedDate[];
  readonly additionalYears: readonly PublishedYearSchedule[];
}

export const emptyOverrides = (calendarId: string): CalendarOverrides => ({ calendarId, extraHolidays: [], extraWorkingDays: [], additionalYears: [] });

/** The calendars there are: the national one and one per mainland province. */
export const calendarIdsOffered: readonly string[] = [NATIONAL_CALENDAR_ID, ...MAINLAND_PROVINCE_CODES];

export function isKnownCalendarId(calendarId: string): boolean {
  return calendarIdsOffered.includes(calendarId);
}

/** Province names (ISO 3166-2:CN), Chinese and English. */
export const calendarNames: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  CN: { zh: '全国', en: 'China (national)' },
  'CN-AH': { zh: '安徽', en: 'Anhui' }, 'CN-BJ': { zh: '北京', en: 'Beijing' }, 'CN-CQ': { zh: '重庆', en: 'Chongqing' },
  'CN-FJ': { zh: '福建', en: 'Fujian' }, 'CN-GD': { zh: '广东', en: 'Guangdong' }, 'CN-GS': { zh: '甘肃', en: 'Gansu' },
  'CN-GX': { zh: '广西', en: 'Guangxi' }, 'CN-GZ': { zh: '贵州', en: 'Guizhou' }, 'CN-HA': { zh: '河南', en: 'Henan' },
  'CN-HB': { zh: '湖北', en: 'Hubei' }, 'CN-HE': { zh: '河北', en: 'Hebei' }, 'CN-HI': { zh: '海南', en: 'Hainan' },
  'CN-HL': { zh: '黑龙江', en: 'Heilongjiang' }, 'CN-HN': { zh: '湖南', en: 'Hunan' }, 'CN-JL': { zh: '吉林', en: 'Jilin' },
  'CN-JS': { zh: '江苏', en: 'Jiangsu' }, 'CN-JX': { zh: '江西', en: 'Jiangxi' }, 'CN-LN': { zh: '辽宁', en: 'Liaoning' },
  'CN-NM': { zh: '内蒙古', en: 'Inner Mongolia' }, 'CN-NX': { zh: '宁夏', en: 'Ningxia' }, 'CN-QH': { zh: '青海', en: 'Qinghai' },
  'CN-SC': { zh: '四川', en: 'Sichuan' }, 'CN-SD': { zh: '山东', en: 'Shandong' }, 'CN-SH': { zh: '上海', en: 'Shanghai' },
  'CN-SN': { zh: '陕西', en: 'Shaanxi' }, 'CN-SX': { zh: '山西', en: 'Shanxi' }, 'CN-TJ': { zh: '天津', en: 'Tianjin' },
  'CN-XJ': { zh: '新疆', en: 'Xinjiang' }, 'CN-XZ': { zh: '西藏', en: 'Tibet' }, 'CN-YN': { zh: '云南', en: 'Yunnan' },
  'CN-ZJ': { zh: '浙江', en: 'Zhejiang' },
};

/** Cities the operator serves, by province: an order is planned on the calendar of its A-end's province. */
const provinceOfCity: Readonly<Record<string, string>> = {
  北京: 'CN-BJ', 上海: 'CN-SH', 天津: 'CN-TJ', 重庆: 'CN-CQ', 南京: 'CN-JS', 苏州: 'CN-JS', 无锡: 'CN-JS', 杭州: 'CN-ZJ', 宁波: 'CN-ZJ',
  广州: 'CN-GD', 深圳: 'CN-GD', 东莞: 'CN-GD', 成都: 'CN-SC', 武汉: 'CN-HB', 西安: 'CN-SN', 长沙: 'CN-HN', 郑州: 'CN-HA', 济南: 'CN-SD',
  青岛: 'CN-SD', 沈阳: 'CN-LN', 大连: 'CN-LN', 哈尔滨: 'CN-HL', 长春: 'CN-JL', 石家庄: 'CN-HE', 太原: 'CN-SX', 合肥: 'CN-AH', 福州: 'CN-FJ',
  厦门: 'CN-FJ', 南昌: 'CN-JX', 南宁: 'CN-GX', 贵阳: 'CN-GZ', 昆明: 'CN-YN', 海口: 'CN-HI', 兰州: 'CN-GS', 西宁: 'CN-QH', 银川: 'CN-NX',
  乌鲁木齐: 'CN-XJ', 拉萨: 'CN-XZ', 呼和浩特: 'CN-NM',
};

/** The calendar of a city: its province's, or the national calendar for a city not listed. */
export function calendarIdForCity(city: string | undefined): string {
  const trimmed = city?.trim().replace(/市$/, '');
  return (trimmed && provinceOfCity[trimmed]) || NATIONAL_CALENDAR_ID;
}

/**
 * The calendar an order is planned on: where the work happens, the province of its A-end's city; for a city not
 * listed, the account's province; failing both, the national calendar.
 */
export function planningCalendarId(order: { readonly places: readonly { readonly role: string; readonly city: string }[]; readonly province?: string | undefined }): string {
  const aEnd = order.places.find((place) => place.role === 'A-end');
  const byCity = calendarIdForCity(aEnd?.city);
  if (byCity !== NATIONAL_CALENDAR_ID) return byCity;
  const byAccount = provinceCode(order.province);
  return byAccount && isKnownCalendarId(byAccount) ? byAccount : NATIONAL_CALENDAR_ID;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(date: string): boolean {
  if (!LOCAL_DATE.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/**
 * Problems with overrides an administrator wants to save, each naming its field: not a date, a date given twice or as
 * both holiday and working day, years a province may not publish, a year that leaves a gap after the published ones.
 */
export function calendarOverrideProblems(overrides: CalendarOverrides, nationalYears: readonly number[] = publishedYearsFromChineseDays().map((schedule) => schedule.year)): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const national = overrides.calendarId === NATIONAL_CALENDAR_ID;
  const checkDates = (dates: readonly NamedDate[], field: string, year?: number) => {
    const seen = new Set<string>();
    dates.forEach((named, index) => {
      if (!isRealDate(named.date)) problems.push({ field: `${field}.${index}.date`, message: 'must be a real date YYYY-MM-DD' });
      else if (year !== undefined && Number(named.date.slice(0, 4)) !== year) problems.push({ field: `${field}.${index}.date`, message: `must lie in ${year}` });
      else if (seen.has(named.date)) problems.push({ field: `${field}.${index}.date`, message: `${named.date} is listed twice` });
      seen.add(named.date);
      if (named.name.trim() === '') problems.push({ field: `${field}.${index}.name`, message: 'must not be empty' });
    });
    return seen;
  };
  if (national && overrides.extraHolidays.length > 0) problems.push({ field: 'extraHolidays', message: 'the national calendar takes whole years (additionalYears); extra holidays belong to a province' });
  if (national && overrides.extraWorkingDays.length > 0) problems.push({ field: 'extraWorkingDays', message: 'the national calendar takes whole years (additionalYears); extra working days belong to a province' });
  if (!national && overrides.additionalYears.length > 0) problems.push({ field: 'additionalYears', message: 'a province cannot publish a year on its own; add the year to the national calendar CN' });
  const holidays = checkDates(overrides.extraHolidays, 'extraHolidays');
  const workingDays = checkDates(overrides.extraWorkingDays, 'extraWorkingDays');
  overrides.extraWorkingDays.forEach((named, index) => {
    if (holidays.has(named.date) && workingDays.has(named.date)) problems.push({ field: `extraWorkingDays.${index}.date`, message: `${named.date} is also an extra holiday` });
  });
  const years = new Set<number>();
  overrides.additionalYears.forEach((schedule, index) => {
    const field = `additionalYears.${index}`;
    if (years.has(schedule.year)) problems.push({ field: `${field}.year`, message: `${schedule.year} is listed twice` });
    years.add(schedule.year);
    const yearHolidays = checkDates(schedule.holidays, `${field}.holidays`, schedule.year);
    checkDates(schedule.makeUpWorkingDays, `${field}.makeUpWorkingDays`, schedule.year);
    schedule.makeUpWorkingDays.forEach((named, dayIndex) => {
      if (yearHolidays.has(named.date)) problems.push({ field: `${field}.makeUpWorkingDays.${dayIndex}.date`, message: `${named.date} is also a holiday` });
    });
  });
  // Years must continue the published span without a gap (a gap would be a year nobody knows in the middle).
  const allYears = [...new Set([...nationalYears, ...years])].sort((a, b) => a - b);
  overrides.additionalYears.forEach((schedule, index) => {
    const position = allYears.indexOf(schedule.year);
    const previous = allYears[position - 1];
    if (previous !== undefined && previous !== schedule.year - 1) problems.push({ field: `additionalYears.${index}.year`, message: `${schedule.year - 1} is not published yet; publish the years in order` });
  });
  return problems;
}

/** The national calendar with the national overrides (additional years) as data. */
export function nationalCalendarWith(national: CalendarOverrides | undefined): BusinessCalendar {
  return buildNationalCalendar({ additionalYears: national?.additionalYears ?? [] });
}

/** A calendar by id: the national one, or a province's derived from it with the province's overrides. */
export function calendarWith(calendarId: string, national: BusinessCalendar, province: CalendarOverrides | undefined): BusinessCalendar {
  if (calendarId === NATIONAL_CALENDAR_ID) return national;
  if (!isKnownCalendarId(calendarId)) throw new InvalidCalendarDataError(`unknown calendar ${calendarId}`);
  return deriveProvinceCalendar(national, {
    provinceCode: calendarId,
    name: calendarNames[calendarId]?.en ?? calendarId,
    extraHolidays: province?.extraHolidays ?? [],
    extraWorkingDays: province?.extraWorkingDays ?? [],
  });
}

/** Every day of a year on a calendar, each classified (working, weekend, holiday, make-up day, or unpublished). */
export function yearView(calendar: BusinessCalendar, year: number): DayClassification[] {
  const days: DayClassification[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) days.push(classifyDay(calendar, new Date(ms).toISOString().slice(0, 10)));
  return days;
}
