import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../functions/api/openapi.ts';
import { routes } from '../../../functions/api/routes.ts';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument('http://example.test') as { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>> };

  it('is OpenAPI 3.1 and describes every declared route once', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(operations.sort()).toEqual(routes.map((route) => route.operationId).sort());
    for (const route of routes) expect(document.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it('derives request bodies from the zod schemas', () => {
    const create = document.paths['/tmf-api/productOrderingManagement/v4/productOrder']?.post;
    const reference = create?.requestBody?.content['application/json']?.schema as { $ref?: string };
    expect(reference.$ref).toBe('#/components/schemas/ProductOrder_Create');
    const components = (document as unknown as { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> } }).components.schemas;
    const schema = components.ProductOrder_Create;
    expect(Object.keys(components)).toEqual(expect.arrayContaining(['Error', 'Account', 'ProductOrder', 'ProvisioningCallback']));
    expect(JSON.stringify(document)).not.toContain('#/$defs');
    expect(schema?.required).toEqual(expect.arrayContaining(['requestedCompletionDate', 'relatedParty', 'productOrderItem']));
  });
});
