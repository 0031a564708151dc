import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { addContact } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('createContact'), async ({ params, body, principal }) => ({ statusCode: 201, body: await addContact(principal, params.id, body) }));
