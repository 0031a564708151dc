/**
 * The API Gateway definition of the REST API, generated from functions/api/routes.ts as an OpenAPI 3.0 body with API
 * Gateway's extensions: each route's method proxies to its area's function, user routes carry the Cognito authoriser
 * (when the deployment has one), every path answers CORS preflights itself, and API Gateway's own errors carry CORS
 * headers. One body instead of a Method, a Resource and two Lambda permissions per route keeps the API stack at a
 * handful of resources however many routes the table grows.
 *
 * It is not the published document (functions/api/openapi.ts): API Gateway imports OpenAPI 3.0 with draft-04 models
 * only, and the handlers validate requests against the zod schemas anyway, so this body carries no schemas.
 */
import type { RouteDefinition } from '../functions/api/routes.ts';
import type { ApiArea } from '../functions/api/api-areas.ts';

type Json = Record<string, unknown>;

export interface ApiDefinitionProps {
  readonly title: string;
  readonly description: string;
  readonly routes: readonly RouteDefinition[];
  /** `arn:…:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations` of each area's function. */
  readonly integrationUriOf: (area: ApiArea) => string;
  /**
   * The user pool whose ID tokens API Gateway checks on user routes. Absent when an external OIDC issuer signs the
   * tokens (API Gateway's Cognito authoriser cannot check those); the handlers verify every token either way.
   */
  readonly userPoolArn?: string | undefined;
  /** The console's origin, or `*`. */
  readonly corsOrigin: string;
  readonly corsAllowHeaders: readonly string[];
}

/** The name of the Cognito authoriser, as API Gateway lists it. */
export const userAuthoriserName = 'kamflowUsers';

/** API Gateway waits at most 29 s for an integration by default; the functions time out sooner (kamflow-function.ts). */
const integrationTimeoutMs = 29_000;

export function buildApiDefinition(props: ApiDefinitionProps): Json {
  const paths: Record<string, Json> = {};
  for (const route of props.routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationFor(route, props);
  }
  for (const [path, operations] of Object.entries(paths)) {
    const methods = Object.keys(operations).map((method) => method.toUpperCase());
    operations['options'] = preflightFor(path, methods, props);
  }
  const corsHeader = { 'gatewayresponse.header.Access-Control-Allow-Origin': quoted(props.corsOrigin) };
  return {
    openapi: '3.0.1',
    info: { title: props.title, description: props.description, version: '1' },
    paths,
    components: {
      securitySchemes: props.userPoolArn
        ? {
            [userAuthoriserName]: {
              type: 'apiKey',
              name: 'Authorization',
              in: 'header',
              'x-amazon-apigateway-authtype': 'cognito_user_pools',
              // No OAuth scopes on the methods: API Gateway then accepts ID tokens, as the handlers do.
              'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [props.userPoolArn] },
            },
          }
        : {},
    },
    // Errors API Gateway answers itself (throttling, missing route, the authoriser's 401) must carry CORS headers too,
    // or the console sees an opaque network error instead of the status.
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: { responseParameters: corsHeader },
      DEFAULT_5XX: { responseParameters: corsHeader },
    },
  };
}

function pathParameters(path: string): Json[] {
  return Array.from(path.matchAll(/\{(\w+)\}/g), (match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
}

function operationFor(route: RouteDefinition, props: ApiDefinitionProps): Json {
  // Provisioning callbacks are signed over the body, which API Gateway cannot check: the handler verifies them.
  const authorised = route.auth === 'user' && props.userPoolArn !== undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    parameters: pathParameters(route.path),
    ...(authorised ? { security: [{ [userAuthoriserName]: [] }] } : {}),
    responses: {},
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: props.integrationUriOf(route.area),
      passthroughBehavior: 'when_no_match',
      timeoutInMillis: integrationTimeoutMs,
    },
  };
}

/** Browsers send preflights without the token, so they are answered here, unauthenticated, for the console's origin. */
function preflightFor(path: string, methods: readonly string[], props: ApiDefinitionProps): Json {
  const headers = {
    'Access-Control-Allow-Origin': quoted(props.corsOrigin),
    'Access-Control-Allow-Methods': quoted([...methods, 'OPTIONS'].join(',')),
    'Access-Control-Allow-Headers': quoted(props.corsAllowHeaders.join(',')),
    ...(props.corsOrigin === '*' ? {} : { Vary: quoted('Origin') }),
  };
  return {
    parameters: pathParameters(path),
    responses: {
      '204': { description: 'CORS preflight', headers: Object.fromEntries(Object.keys(headers).map((name) => [name, { schema: { type: 'string' } }])) },
    },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 204}' },
      passthroughBehavior: 'when_no_match',
      responses: {
        default: {
          statusCode: '204',
          responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, value])),
        },
      },
    },
  };
}

/** API Gateway reads static header values as quoted literals. */
function quoted(value: string): string {
  return `'${value}'`;
}
