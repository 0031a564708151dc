import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { getUserFor, toManagedUserView } from '../../services/user-administration.ts';

export const handler = httpHandler(routeFor('getUser'), async ({ params, principal }) => ({ statusCode: 200, body: toManagedUserView(await getUserFor(principal, params.id)) }));
