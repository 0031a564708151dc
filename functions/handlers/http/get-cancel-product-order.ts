import { httpHandler } from '../http-handler.ts';
import { NotFoundError } from '../../commons/errors.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toCancelProductOrder } from '../../api/product-order-view.ts';
import { getCancellationFor } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('getCancelProductOrder'), async ({ params, principal }) => {
  const view = toCancelProductOrder((await getCancellationFor(principal, params.id)).order);
  if (!view) throw new NotFoundError('cancelProductOrder', params.id);
  return { statusCode: 200, body: view };
});
