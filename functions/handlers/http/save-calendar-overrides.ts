import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { replaceCalendarOverrides } from '../../services/business-calendar.ts';

export const handler = httpHandler(routeFor('saveCalendarOverrides'), async ({ params, body, principal }) => ({
  statusCode: 200,
  body: await replaceCalendarOverrides(principal, params.province, body),
}));
