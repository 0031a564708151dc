import { nowIso } from '../../commons/clock.ts';
import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';

export const handler = httpHandler(routeFor('getHealth'), async () => ({ statusCode: 200, body: { status: 'ok', service: 'kamflow', time: nowIso() } }));
