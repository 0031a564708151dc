import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { slaPolicyWithVersions } from '../../services/sla-policies.ts';

export const handler = httpHandler(routeFor('getSlaPolicy'), async ({ params }) => ({ statusCode: 200, body: await slaPolicyWithVersions(params.id) }));
