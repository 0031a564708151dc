import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { getAccount } from '../../data/accounts-repository.ts';
import { toAccountView } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('getAccount'), async ({ params }) => ({ statusCode: 200, body: toAccountView(await getAccount(params.id)) }));
