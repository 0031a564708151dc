import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { getAccountFor, toAccountView } from '../../services/accounts.ts';
import { rollupOf } from '../../services/account-rollups.ts';

export const handler = httpHandler(routeFor('getAccount'), async ({ params, principal }) => {
  const account = await getAccountFor(principal, params.id);
  return { statusCode: 200, body: { ...toAccountView(account), rollup: await rollupOf(principal, account) } };
});
