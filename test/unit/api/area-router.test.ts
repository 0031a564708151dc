import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { routes } from '../../../functions/api/routes.ts';
import { apiAreaEntry, apiAreaNames } from '../../../functions/api/api-areas.ts';
import type { ApiArea } from '../../../functions/api/api-areas.ts';
import type { RouteHandler } from '../../../functions/api/area-router.ts';
import { lambdaContext } from '../../../local/lambda-context.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

function eventFor(httpMethod: string, resource: string): APIGatewayProxyEvent {
  return {
    resource,
    path: resource,
    httpMethod,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { requestId: 'test', resourcePath: resource, httpMethod } as APIGatewayProxyEvent['requestContext'],
    body: null,
    isBase64Encoded: false,
  };
}

/** API Gateway's own answer to a method and resource it does not serve. */
const isMissingRoute = (result: APIGatewayProxyResult) =>
  result.statusCode === 403 && result.headers?.['x-amzn-errortype'] === 'MissingAuthenticationTokenException';

describe('area functions', () => {
  const entries = new Map<ApiArea, RouteHandler>();

  beforeAll(async () => {
    // What the handler modules read at import; no request below gets as far as the table or the token's keys.
    Object.assign(process.env, { TABLE_NAME: 'kamflow-area-router-test', AUTH_ISSUER: 'http://127.0.0.1:9/issuer', AUTH_CLIENT_ID: 'client', POWERTOOLS_LOG_LEVEL: 'SILENT' });
    for (const area of apiAreaNames) {
      const module = (await import(resolve(repositoryRoot, apiAreaEntry(area)))) as { handler: RouteHandler };
      entries.set(area, module.handler);
    }
  }, 60_000);

  it('gives every area at least one route and every route an area', () => {
    for (const area of apiAreaNames) expect(routes.some((route) => route.area === area), area).toBe(true);
    for (const route of routes) expect(apiAreaNames, route.operationId).toContain(route.area);
  });

  it('dispatches every route of the table from exactly one area entry: its own', async () => {
    for (const route of routes) {
      const dispatchedBy: ApiArea[] = [];
      for (const [area, handler] of entries) {
        const result = await handler(eventFor(route.method, route.path), lambdaContext(`kamflow-${area}`));
        if (!isMissingRoute(result)) dispatchedBy.push(area);
      }
      expect(dispatchedBy, `${route.method} ${route.path}`).toEqual([route.area]);
    }
  }, 60_000);

  it('imports exactly the handler modules of its own routes, so its bundle holds only its area', () => {
    for (const area of apiAreaNames) {
      const source = readFileSync(resolve(repositoryRoot, apiAreaEntry(area)), 'utf8');
      const imported = [...source.matchAll(/from '\.\.\/http\/([^']+)'/g)].map((match) => match[1]).sort();
      const declared = routes.filter((route) => route.area === area).map((route) => basename(route.handler)).sort();
      expect(imported, area).toEqual(declared);
      // Nothing else from the handlers folder, and nothing but the router besides.
      const otherImports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]).filter((path) => !path?.startsWith('../http/'));
      expect(otherImports, area).toEqual(['../../api/area-router.ts']);
    }
  });

  it('answers a method or resource no area serves as API Gateway does: 403 Missing Authentication Token', async () => {
    for (const [area, handler] of entries) {
      for (const [method, resource] of [['GET', '/api/nothing-here'], ['DELETE', '/health'], ['GET', '/api/accounts/{id}/unknown']] as const) {
        const result = await handler(eventFor(method, resource), lambdaContext(`kamflow-${area}`));
        expect(result.statusCode, `${area} ${method} ${resource}`).toBe(403);
        expect(JSON.parse(result.body), `${area} ${method} ${resource}`).toEqual({ message: 'Missing Authentication Token' });
      }
    }
  });
});
