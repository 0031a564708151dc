/**
 * The one middy chain for HTTP handlers: header normalisation, structured logging context, CORS, request parsing
 * against the route's zod schemas (path, query, headers, body), optional signed-request authentication, and the
 * error mapping of the one error taxonomy onto HTTP. Handlers receive typed input and return a result object.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpCors from '@middy/http-cors';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as z from 'zod';
import { ConflictError, isKamflowError, ValidationError } from '../commons/errors.ts';
import type { KamflowError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import { zodIssues } from '../commons/zod-issues.ts';
import { optionalEnv } from '../commons/env.ts';
import type { RouteDefinition } from '../api/routes.ts';
import { authenticateProvisioningSystem } from '../services/provisioning-authentication.ts';
import { authenticateUser } from '../services/authentication.ts';
import { can } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { ForbiddenError } from '../commons/errors.ts';

const maxBodyBytes = 256 * 1024;
const allowedOrigin = optionalEnv('CORS_ALLOW_ORIGIN') ?? '*';

type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : undefined;
type RequestParts<R extends RouteDefinition> = R['request'] extends infer Q ? (Q extends object ? Q : Record<string, never>) : never;

export interface HttpInput<R extends RouteDefinition> {
  readonly params: SchemaOutput<RequestParts<R> extends { params: infer S } ? S : undefined>;
  readonly query: SchemaOutput<RequestParts<R> extends { query: infer S } ? S : undefined>;
  readonly headers: SchemaOutput<RequestParts<R> extends { headers: infer S } ? S : undefined>;
  readonly body: SchemaOutput<RequestParts<R> extends { body: infer S } ? S : undefined>;
  readonly event: APIGatewayProxyEvent;
  readonly context: Context;
  /** The authenticated machine caller, on provisioning-system routes. */
  readonly systemId: string | undefined;
  /** The authenticated person, on user routes (their permission for the route is already checked). */
  readonly principal: R['auth'] extends 'user' ? Principal : undefined;
}

export interface HttpResult {
  readonly statusCode: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Sent as is instead of JSON (a CSV download); `headers` should carry its content-type. */
  readonly rawBody?: string;
}

function parsePart<S extends z.ZodType | undefined>(schema: S, value: unknown, location: string): SchemaOutput<S> {
  if (!schema) return undefined as SchemaOutput<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodIssues(result.error, location));
  return result.data as SchemaOutput<S>;
}

function parseJsonBody(event: APIGatewayProxyEvent): unknown {
  const raw = event.body ?? '';
  if (Buffer.byteLength(raw, 'utf8') > maxBodyBytes) throw ValidationError.forField('body', `must be at most ${maxBodyBytes} bytes`);
  if (raw.trim() === '') throw ValidationError.forField('body', 'a JSON body is required');
  const contentType = event.headers['content-type'] ?? event.headers['Content-Type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) throw ValidationError.forField('header.content-type', 'must be application/json');
  try {
    return JSON.parse(event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw);
  } catch {
    throw ValidationError.forField('body', 'must be valid JSON');
  }
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: body === undefined ? '' : JSON.stringify(body) };
}

function errorResponse(error: KamflowError): APIGatewayProxyResult {
  const body = { code: error.code, message: error.message, ...(error instanceof ValidationError ? { issues: error.issues } : {}) };
  return json(error.statusCode, body, error.statusCode === 401 ? { 'www-authenticate': 'KAMflow-HMAC-SHA256' } : {});
}

/** Maps every thrown error onto a response; unknown errors are logged and answered with a generic 500. */
function mapError(error: unknown, route: RouteDefinition): APIGatewayProxyResult {
  if (isKamflowError(error)) {
    if (error.statusCode === 401 || error.statusCode === 403) logger.warn('access refused', { operationId: route.operationId, code: error.code });
    return errorResponse(error);
  }
  if (error instanceof IdempotencyAlreadyInProgressError) return errorResponse(new ConflictError('the same request is being processed; retry shortly'));
  if (error instanceof IdempotencyValidationError) {
    return errorResponse(new ValidationError([{ field: 'header.idempotency-key', message: 'was used before with a different request body' }]));
  }
  logger.error('unhandled error', { operationId: route.operationId, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return json(500, { code: 'INTERNAL', message: 'internal error' });
}

export function httpHandler<R extends RouteDefinition>(route: R, handle: (input: HttpInput<R>) => Promise<HttpResult>) {
  const request = (route.request ?? {}) as { params?: z.ZodType; query?: z.ZodType; headers?: z.ZodType; body?: z.ZodType };
  const core = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    try {
      const systemId = route.auth === 'provisioning-system' ? await authenticateProvisioningSystem(event) : undefined;
      const principal = route.auth === 'user' ? await authenticateUser(event) : undefined;
      if (principal && route.permission && !can(principal, route.permission)) {
        throw new ForbiddenError(`${principal.roles.join(', ') || 'no role'} may not ${route.permission.replace(':', ' ')}`);
      }
      const input = {
        params: parsePart(request.params, event.pathParameters ?? {}, 'path'),
        query: parsePart(request.query, event.queryStringParameters ?? {}, 'query'),
        headers: parsePart(request.headers, event.headers ?? {}, 'header'),
        body: request.body ? parsePart(request.body, parseJsonBody(event), '') : undefined,
        event,
        context,
        systemId,
        principal,
      } as HttpInput<R>;
      const result = await handle(input);
      if (result.rawBody !== undefined) return { statusCode: result.statusCode, headers: { ...result.headers }, body: result.rawBody };
      return json(result.statusCode, result.body, result.headers);
    } catch (error) {
      return mapError(error, route);
    }
  };
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpHeaderNormalizer())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpCors({ origin: allowedOrigin, exposeHeaders: 'x-next-cursor,x-result-count,content-disposition', headers: 'content-type,authorization,idempotency-key' }))
    .handler(core);
}

