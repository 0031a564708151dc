import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { getAccountFor, toAccountView } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('getAccount'), async ({ params, principal }) => ({ statusCode: 200, body: toAccountView(await getAccountFor(principal, params.id)) }));
