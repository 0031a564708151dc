import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { createAccount, toAccountView } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('createAccount'), async ({ body, principal }) => {
  const account = await createAccount(principal, body);
  return { statusCode: 201, body: toAccountView(account), headers: { location: `/api/accounts/${account.accountId}` } };
});
