import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { now } from '../../commons/clock.ts';
import { shanghaiDate } from '../../domain/billing.ts';
import { calendarYear } from '../../services/business-calendar.ts';

export const handler = httpHandler(routeFor('getCalendar'), async ({ params, query }) => ({
  statusCode: 200,
  body: await calendarYear(params.province, query.year ?? Number(shanghaiDate(now()).slice(0, 4))),
}));
