import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { evaluateAllTiers } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('evaluateTiers'), async ({ principal }) => ({ statusCode: 200, body: await evaluateAllTiers(principal) }));
