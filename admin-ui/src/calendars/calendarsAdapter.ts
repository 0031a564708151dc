/**
 * `calendars` → `/api/calendars`: the 32 business calendars, answered whole. Beyond react-admin's calls, a year of one
 * calendar and the administrators' own data (local holidays and working days, extra years).
 */
import type { CalendarOverrides, CalendarOverridesRequest, CalendarYear } from '../api/types.ts';
import { sameFieldNames } from '../dataProvider/apiErrors.ts';
import type { ApiClient } from '../dataProvider/httpClient.ts';
import type { AdapterContext, ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { badResponse, readRecord } from '../dataProvider/responses.ts';
import { wholeListAdapter } from '../dataProvider/wholeListAdapter.ts';

export function calendarsAdapter({ client }: AdapterContext): ResourceAdapter {
  return wholeListAdapter(client, '/api/calendars', 'calendar');
}

export type CalendarCalls = {
  /** Every day of one year on a business calendar, with the calendar's administrator data. */
  calendarYear(calendarId: string, year: number): Promise<CalendarYear>;
  /** `PUT /api/calendars/{id}/overrides`; a 400 carries `errors` keyed by the API's field paths, a stale version is 409. */
  saveCalendarOverrides(calendarId: string, overrides: CalendarOverridesRequest): Promise<CalendarOverrides>;
};

export function calendarCalls(client: ApiClient): CalendarCalls {
  return {
    async calendarYear(calendarId, year) {
      const { json } = await client(`/api/calendars/${encodeURIComponent(calendarId)}`, { query: { year } });
      return readRecord(json, 'calendar year') as unknown as CalendarYear;
    },
    async saveCalendarOverrides(calendarId, overrides) {
      const { json } = await client(`/api/calendars/${encodeURIComponent(calendarId)}/overrides`, { method: 'PUT', body: overrides, formFields: sameFieldNames });
      if (typeof json !== 'object' || json === null || !('version' in json)) throw badResponse('calendar data');
      return json as CalendarOverrides;
    },
  };
}
