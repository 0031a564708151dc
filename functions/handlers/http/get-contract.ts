import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { contractFor, toContractView } from '../../services/contracts.ts';

export const handler = httpHandler(routeFor('getContract'), async ({ params, principal }) => ({ statusCode: 200, body: toContractView(await contractFor(principal, params.id)) }));
