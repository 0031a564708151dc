/** The OpenAPI 3.1 document, generated from the route list and its zod schemas (JSON Schema 2020-12). */
import * as z from 'zod';
import { routes } from './routes.ts';
import type { RouteDefinition } from './routes.ts';

type JsonSchema = Record<string, unknown>;

const componentRef = (id: string) => `#/components/schemas/${id}`;

/** A named schema (zod `.meta({ id })`) becomes a reference to components/schemas; others are inlined. */
function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: componentRef(id) };
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as JsonSchema;
  return rest;
}

/**
 * Every named schema, converted once, requests as input and responses as output. A schema file registers its named
 * schemas when it is loaded; routes.ts loads every one, in the order the document lists them.
 */
function componentSchemas(): Record<string, JsonSchema> {
  const convert = (io: 'input' | 'output') =>
    (z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', io, uri: componentRef }) as { schemas: Record<string, JsonSchema> }).schemas;
  const inputs = convert('input');
  const outputs = convert('output');
  const requestIds = new Set(
    (routes as readonly RouteDefinition[]).flatMap((route) => (route.request?.body ? [z.globalRegistry.get(route.request.body)?.id] : [])).filter((id): id is string => id !== undefined),
  );
  const schemas: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(outputs)) {
    const { $schema: _ignored, $id: _id, ...rest } = (requestIds.has(id) ? inputs[id] : schema) ?? schema;
    schemas[id] = rest;
  }
  return schemas;
}

function parameters(route: RouteDefinition): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, location: 'path' | 'query' | 'header') => {
    if (!(schema instanceof z.ZodObject)) return;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      out.push({ name, in: location, required: location === 'path' || !field.safeParse(undefined).success, schema: toSchema(field, 'input') });
    }
  };
  add(route.request?.params, 'path');
  add(route.request?.query, 'query');
  add(route.request?.headers, 'header');
  return out;
}

export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes as readonly RouteDefinition[]) {
    const operation: JsonSchema = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: parameters(route),
      security: route.auth === 'public' ? [] : route.auth === 'provisioning-system' ? [{ provisioningSignature: [] }] : [{ bearerAuth: [] }],
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, response]) => [
            status,
            { description: response.description, ...(response.schema ? { content: { 'application/json': { schema: toSchema(response.schema, 'output') } } } : {}) },
          ]),
        ),
        ...(route.auth === 'public' ? {} : { '401': errorRef('Not authenticated') }),
        '400': errorRef('Invalid request; issues name the fields'),
        '404': errorRef('Not found'),
        '409': errorRef('Conflict with the current state'),
      },
    };
    if (route.request?.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(route.request.body, 'input') } } };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'KAMflow API', version: '0.1.0', description: 'Key account management and closed-loop circuit provisioning (TMF622-shaped product orders).' },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        provisioningSignature: { type: 'apiKey', in: 'header', name: 'x-kamflow-signature', description: 'HMAC-SHA256 over method, path, x-kamflow-timestamp and the SHA-256 of the body' },
      },
    },
  };
}

function errorRef(description: string): JsonSchema {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}
