/**
 * A local API Gateway (REST API, Lambda proxy integration): serves the route list of functions/api/routes.ts,
 * builds the same APIGatewayProxyEvent API Gateway would, invokes the route's area entry in-process (the module
 * deployed as that area's function, which dispatches to the route's handler as on AWS) and writes its result back.
 * Like API Gateway: unknown resources answer 403 "Missing Authentication Token", a handler that throws or returns a
 * malformed result answers 502, bodies over 10 MB answer 413, CORS preflight is answered here, and the stage throttle
 * (local/api-throttle.ts) refuses excess requests with 429 before any of that.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { routes } from '../functions/api/routes.ts';
import type { RouteDefinition } from '../functions/api/routes.ts';
import { apiAreaEntry } from '../functions/api/api-areas.ts';
import type { ApiArea } from '../functions/api/api-areas.ts';
import { missingRouteResponse } from '../functions/api/area-router.ts';
import { lambdaContext } from './lambda-context.ts';
import { runInvocation } from './lambda-invocation.ts';
import { createApiThrottle } from './api-throttle.ts';
import { apiThrottling } from '../functions/api/throttling.ts';
import type { ApiThrottling } from '../functions/api/throttling.ts';

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
  /** The area function's entry and its name, as the Lambda context reports it on AWS. */
  readonly handler: ProxyHandler;
  readonly functionName: string;
}

const maxPayloadBytes = 10 * 1024 * 1024;
const stageName = 'local';

function compile(path: string): { pattern: RegExp; parameterNames: string[] } {
  const parameterNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(match[1]);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}/?$`), parameterNames };
}

/** The deployed function's name for an area; the local name carries no stack prefix. */
export const localAreaFunctionName = (area: ApiArea) => `kamflow-${area}`;

export async function loadRoutes(repositoryRoot: string): Promise<CompiledRoute[]> {
  const entries = new Map<ApiArea, ProxyHandler>();
  const compiled: CompiledRoute[] = [];
  for (const route of routes as readonly RouteDefinition[]) {
    let handler = entries.get(route.area);
    if (!handler) {
      const entry = apiAreaEntry(route.area);
      const module = (await import(pathToFileURL(resolve(repositoryRoot, entry)).href)) as { handler?: ProxyHandler };
      if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
      handler = module.handler;
      entries.set(route.area, handler);
    }
    compiled.push({ route, ...compile(route.path), handler, functionName: localAreaFunctionName(route.area) });
  }
  return compiled;
}

function headerMaps(request: IncomingMessage) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] ?? '';
    const value = request.rawHeaders[index + 1] ?? '';
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  return { headers, multiValueHeaders };
}

function queryMaps(url: URL) {
  if ([...url.searchParams.keys()].length === 0) return { queryStringParameters: null, multiValueQueryStringParameters: null };
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] = value;
    (multiValueQueryStringParameters[name] ??= []).push(value);
  }
  return { queryStringParameters, multiValueQueryStringParameters };
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxPayloadBytes) return 'too-large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, statusCode: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(statusCode, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers });
  response.end(body);
}

function isProxyResult(value: unknown): value is APIGatewayProxyResult {
  return typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number';
}

export interface LocalApiGateway {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `lambdaTimeoutMs`: the functions' timeout as their context reports it (default 30 s: the deployed API functions have
 * 10 s, a laptop gets some slack); a handler still running then is stopped by middy and answered 502, as API Gateway
 * answers a timed-out Lambda. `throttle`: the stage's rate and burst (default: the deployed stage's), or false for none.
 */
export async function startLocalApiGateway(options: { repositoryRoot: string; port: number; host?: string; corsOrigin?: string; lambdaTimeoutMs?: number; throttle?: ApiThrottling | false; onError?: (error: unknown) => void }): Promise<LocalApiGateway> {
  const compiled = await loadRoutes(options.repositoryRoot);
  const host = options.host ?? '127.0.0.1';
  const throttled = createApiThrottle(options.throttle ?? apiThrottling);

  const server = createServer(async (request, response) => {
    if (throttled(response)) {
      // The request is refused unread; its body is drained so the connection can carry the next one.
      request.resume();
      return;
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`);
    const method = (request.method ?? 'GET').toUpperCase();
    const candidates = compiled.map((entry) => ({ entry, match: entry.pattern.exec(url.pathname) })).filter((candidate) => candidate.match);

    if (method === 'OPTIONS' && candidates.length > 0) {
      response.writeHead(204, {
        'access-control-allow-origin': options.corsOrigin ?? '*',
        'access-control-allow-methods': [...new Set(candidates.map((candidate) => candidate.entry.route.method)), 'OPTIONS'].join(','),
        'access-control-allow-headers': 'content-type,authorization,idempotency-key,x-kamflow-system,x-kamflow-timestamp,x-kamflow-nonce,x-kamflow-signature',
        'access-control-max-age': '600',
      });
      response.end();
      return;
    }
    const selected = candidates.find((candidate) => candidate.entry.route.method === method);
    if (!selected?.match) {
      const missing = missingRouteResponse();
      send(response, missing.statusCode, missing.body, missing.headers as Record<string, string>);
      return;
    }
    const body = await readBody(request);
    if (body === 'too-large') {
      send(response, 413, JSON.stringify({ message: 'Request Too Long' }));
      return;
    }
    const { entry, match } = selected;
    const pathParameters = Object.fromEntries(
      entry.parameterNames.map((name, index) => {
        const raw = match[index + 1] ?? '';
        let value = raw;
        try {
          value = decodeURIComponent(raw);
        } catch {
          // API Gateway passes undecodable segments through as they came.
        }
        return [name, value];
      }),
    );
    const { headers, multiValueHeaders } = headerMaps(request);
    const now = new Date();
    const event: APIGatewayProxyEvent = {
      resource: entry.route.path,
      path: url.pathname,
      httpMethod: method,
      headers,
      multiValueHeaders,
      ...queryMaps(url),
      pathParameters: entry.parameterNames.length > 0 ? pathParameters : null,
      stageVariables: null,
      requestContext: {
        accountId: '000000000000',
        apiId: 'kamflowlocal',
        authorizer: null,
        protocol: `HTTP/${request.httpVersion}`,
        httpMethod: method,
        identity: {
          accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
          cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null, cognitoIdentityPoolId: null,
          principalOrgId: null, sourceIp: request.socket.remoteAddress ?? '127.0.0.1', user: null, userAgent: request.headers['user-agent'] ?? null, userArn: null,
        },
        // The local API has no stage prefix in its URL, as behind a custom domain: the path as addressed.
        path: url.pathname,
        stage: stageName,
        requestId: randomUUID(),
        requestTimeEpoch: now.getTime(),
        resourceId: entry.route.operationId,
        resourcePath: entry.route.path,
      },
      body: body.length > 0 ? body.toString('utf8') : null,
      isBase64Encoded: false,
    };
    try {
      const result: unknown = await runInvocation(lambdaContext(entry.functionName, options.lambdaTimeoutMs), (context) => entry.handler(event, context));
      if (!isProxyResult(result)) {
        send(response, 502, JSON.stringify({ message: 'Internal server error' }));
        return;
      }
      const responseHeaders: Record<string, string | string[]> = { ...(result.headers as Record<string, string> | undefined) };
      for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) responseHeaders[name] = values.map(String);
      response.writeHead(result.statusCode, responseHeaders);
      response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    } catch (error) {
      options.onError?.(error);
      send(response, 502, JSON.stringify({ message: 'Internal server error' }));
    }
  });
  // Idle connections stay open longer than clients keep them (undici: 4 s), as API Gateway's do: a client then never
  // reuses a socket the server is closing at that very moment, which under load showed as ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolveListen) => server.listen(options.port, host, resolveListen));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
