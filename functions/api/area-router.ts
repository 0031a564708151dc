/**
 * Dispatch inside an area's function: API Gateway invokes the area's one function for each of its routes, with the
 * route's path template as `resource`; the route table says which handler module serves it. The handlers map is typed
 * by the table, so an area entry that misses one of its routes, or names another area's, does not compile.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { routes } from './routes.ts';
import type { KamflowRoute } from './routes.ts';
import type { ApiArea } from './api-areas.ts';

export type RouteHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export type OperationIdOf<A extends ApiArea> = Extract<KamflowRoute, { area: A }>['operationId'];

export type AreaHandlers<A extends ApiArea> = { readonly [Id in OperationIdOf<A>]: RouteHandler };

const routeKey = (method: string, pathTemplate: string) => `${method.toUpperCase()} ${pathTemplate}`;

/**
 * What API Gateway answers for a method and resource it does not serve. An area function sees one only when the
 * gateway and the table disagree (a stale deployment), and then answers as the gateway would.
 */
export function missingRouteResponse(): APIGatewayProxyResult {
  return {
    statusCode: 403,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
    body: JSON.stringify({ message: 'Missing Authentication Token' }),
  };
}

export function areaHandler<A extends ApiArea>(area: A, handlers: AreaHandlers<A>): RouteHandler {
  const byRoute = new Map<string, RouteHandler>();
  for (const route of routes) {
    if (route.area !== area) continue;
    byRoute.set(routeKey(route.method, route.path), (handlers as Readonly<Record<string, RouteHandler>>)[route.operationId] as RouteHandler);
  }
  return async (event, context) => {
    const handle = byRoute.get(routeKey(event.httpMethod ?? '', event.resource ?? ''));
    return handle ? handle(event, context) : missingRouteResponse();
  };
}
