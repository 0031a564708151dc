import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toUserView } from '../../services/people.ts';

export const handler = httpHandler(routeFor('getCurrentUser'), async ({ principal }) => ({ statusCode: 200, body: toUserView(principal) }));
