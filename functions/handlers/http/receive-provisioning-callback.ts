import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { receiveProvisioningCallback } from '../../services/order-callbacks.ts';

export const handler = httpHandler(routeFor('receiveProvisioningCallback'), async ({ params, body, systemId }) => ({ statusCode: 200, body: await receiveProvisioningCallback(params.id, body, systemId ?? 'unknown') }));
