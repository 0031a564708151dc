import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { tierHistoryFor } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('getTierHistory'), async ({ params, principal }) => ({ statusCode: 200, body: { items: await tierHistoryFor(principal, params.id) } }));
