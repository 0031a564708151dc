import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decide, toContractView } from '../../services/contracts.ts';

export const handler = httpHandler(routeFor('decideContract'), async ({ params, body, principal }) => ({ statusCode: 200, body: toContractView(await decide(principal, params.id, body)) }));
