import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { calendarList } from '../../services/business-calendar.ts';

export const handler = httpHandler(routeFor('listCalendars'), async () => ({ statusCode: 200, body: { items: await calendarList() } }));
