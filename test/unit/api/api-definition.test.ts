import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/api/routes.ts';
import { buildApiDefinition, userAuthoriserName } from '../../../infra/api-definition.ts';

type Operation = { operationId?: string; parameters?: { name: string; in: string }[]; security?: unknown; 'x-amazon-apigateway-integration': { type: string; uri?: string } };
type Body = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

const definition = (userPoolArn?: string) =>
  buildApiDefinition({
    title: 'KAMflow',
    description: 'test',
    routes,
    integrationUriOf: (area) => `uri-of-${area}`,
    userPoolArn,
    corsOrigin: 'https://console.kamflow.example',
    corsAllowHeaders: ['content-type', 'authorization'],
  }) as unknown as Body;

describe('the API Gateway definition generated from the route table', () => {
  it('is OpenAPI 3.0, the version API Gateway imports', () => {
    expect(definition('pool-arn').openapi).toBe('3.0.1');
  });

  it("proxies every route to its area's function and declares every path parameter", () => {
    const body = definition('pool-arn');
    for (const route of routes) {
      const operation = body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.['x-amazon-apigateway-integration'], route.operationId).toMatchObject({ type: 'aws_proxy', uri: `uri-of-${route.area}` });
      const declared = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
      expect(declared, route.operationId).toEqual(Array.from(route.path.matchAll(/\{(\w+)\}/g), (match) => match[1]));
    }
  });

  it('asks for the Cognito authoriser on user routes only, and on none without a user pool', () => {
    const withPool = definition('pool-arn');
    const withoutPool = definition(undefined);
    expect(Object.keys(withPool.components.securitySchemes)).toEqual([userAuthoriserName]);
    expect(withoutPool.components.securitySchemes).toEqual({});
    for (const route of routes) {
      const method = route.method.toLowerCase();
      expect(withPool.paths[route.path]?.[method]?.security, route.operationId).toEqual(route.auth === 'user' ? [{ [userAuthoriserName]: [] }] : undefined);
      expect(withoutPool.paths[route.path]?.[method]?.security, route.operationId).toBeUndefined();
    }
  });

  it('answers a preflight on every path with a mock integration', () => {
    const body = definition('pool-arn');
    for (const [path, operations] of Object.entries(body.paths)) expect(operations['options']?.['x-amazon-apigateway-integration'].type, path).toBe('mock');
  });
});
