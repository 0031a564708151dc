import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { listAlarmStates } from '../../services/alarm-states.ts';

export const handler = httpHandler(routeFor('listAlarmStates'), async () => ({ statusCode: 200, body: { items: await listAlarmStates() } }));
