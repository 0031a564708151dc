/** Business calendars and their overrides. */
import * as z from 'zod';
import { text, workingIntervalSchema } from './common.ts';

const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const namedDateSchema = z.object({ date: localDateSchema, name: text(100) }).strict();
export const calendarPathSchema = z.object({ province: z.string().regex(/^CN(-[A-Z]{2})?$/, 'must be CN or a province code such as CN-GD') });
export const calendarYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const calendarOverridesSchema = z
  .object({
    /** The version read (0 when the calendar has no data yet): a calendar changed since is a 409. */
    version: z.number().int().min(0),
    extraHolidays: z.array(namedDateSchema).max(366).default([]),
    extraWorkingDays: z.array(namedDateSchema).max(366).default([]),
    additionalYears: z
      .array(z.object({ year: z.number().int().min(2000).max(2100), holidays: z.array(namedDateSchema).max(366), makeUpWorkingDays: z.array(namedDateSchema).max(366) }).strict())
      .max(10)
      .default([]),
  })
  .strict()
  .meta({ id: 'CalendarOverrides' });
export type CalendarOverridesRequest = z.infer<typeof calendarOverridesSchema>;
export const savedCalendarOverridesSchema = calendarOverridesSchema.extend({ calendarId: z.string(), updatedBy: z.string().optional(), updatedAt: z.string().optional() }).meta({ id: 'SavedCalendarOverrides' });
const dayKinds = ['WORKING_DAY', 'WEEKEND', 'PUBLIC_HOLIDAY', 'MAKE_UP_WORKING_DAY', 'PROVINCIAL_HOLIDAY', 'PROVINCIAL_WORKING_DAY', 'UNPUBLISHED'] as const;
export const calendarSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string(),
    kind: z.enum(['NATIONAL', 'PROVINCE']),
    publishedYears: z.array(z.number()),
    timeZone: z.string(),
    workingHours: z.array(workingIntervalSchema),
    extraHolidayCount: z.number(),
    extraWorkingDayCount: z.number(),
    additionalYears: z.array(z.number()),
    overridesVersion: z.number(),
  })
  .meta({ id: 'CalendarSummary' });
export const calendarListSchema = z.object({ items: z.array(calendarSummarySchema) }).meta({ id: 'CalendarList' });
export const calendarYearSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string(),
    year: z.number(),
    published: z.boolean(),
    publishedYears: z.array(z.number()),
    workingHours: z.array(workingIntervalSchema),
    days: z.array(z.object({ date: z.string(), kind: z.enum(dayKinds), working: z.boolean().optional(), name: z.string().optional(), year: z.number().optional() })),
    overrides: savedCalendarOverridesSchema,
  })
  .meta({ id: 'CalendarYear' });
