import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { recordCustomerAcceptance } from '../../services/order-callbacks.ts';

export const handler = httpHandler(routeFor('recordCustomerAcceptance'), async ({ params, body }) => ({ statusCode: 202, body: await recordCustomerAcceptance(params.id, body) }));
