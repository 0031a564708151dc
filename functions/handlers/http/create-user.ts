import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { userPoolDirectory } from '../../adapters/cognito-identity-directory.ts';
import { createUserFor, toManagedUserView } from '../../services/user-administration.ts';

export const handler = httpHandler(routeFor('createUser'), async ({ body, principal }) => ({
  statusCode: 201,
  body: toManagedUserView(await createUserFor(principal, body, userPoolDirectory())),
}));
