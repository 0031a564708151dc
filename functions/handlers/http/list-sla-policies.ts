import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { currentSlaPolicies } from '../../services/sla-policies.ts';

export const handler = httpHandler(routeFor('listSlaPolicies'), async () => ({ statusCode: 200, body: { items: await currentSlaPolicies() } }));
