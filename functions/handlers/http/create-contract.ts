import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { submitContract, toContractView } from '../../services/contracts.ts';

export const handler = httpHandler(routeFor('createContract'), async ({ params, body, principal }) => ({ statusCode: 201, body: toContractView(await submitContract(principal, params.id, body)) }));
