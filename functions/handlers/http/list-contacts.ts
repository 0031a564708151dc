import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { contactsFor } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('listContacts'), async ({ params, principal }) => ({ statusCode: 200, body: { items: await contactsFor(principal, params.id) } }));
