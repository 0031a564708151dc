import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { userPoolDirectory } from '../../adapters/cognito-identity-directory.ts';
import { toManagedUserView, updateUserFor } from '../../services/user-administration.ts';

export const handler = httpHandler(routeFor('updateUser'), async ({ params, body, principal }) => ({
  statusCode: 200,
  body: toManagedUserView(await updateUserFor(principal, params.id, body, userPoolDirectory())),
}));
