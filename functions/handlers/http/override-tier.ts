import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { overrideTier, toAccountView } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('overrideTier'), async ({ params, body, principal }) => ({ statusCode: 200, body: toAccountView(await overrideTier(principal, params.id, body)) }));
