import { routes } from './routes.ts';
import type { KamflowRoute } from './routes.ts';

/** The declared route of a handler, by operationId, so each handler module names its route once. */
export function routeFor<Id extends KamflowRoute['operationId']>(operationId: Id): Extract<KamflowRoute, { operationId: Id }> {
  const route = routes.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`no route ${operationId}`);
  return route as Extract<KamflowRoute, { operationId: Id }>;
}
