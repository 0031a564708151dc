import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toAccountView, updateAccountFor } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('updateAccount'), async ({ params, body, principal }) => ({ statusCode: 200, body: toAccountView(await updateAccountFor(principal, params.id, body)) }));
