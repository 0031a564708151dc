/**
 * zod schemas at the HTTP boundary, one file per resource beside this one. They validate requests, give the handlers
 * their types (z.infer) and feed the OpenAPI document (functions/api/openapi.ts). One schema per concept; no
 * hand-written checks elsewhere. This file holds what every resource shares: ids, bounded text, instants and dates,
 * the error body, list queries, the idempotency header and a working-hours interval.
 *
 * A named schema (`.meta({ id })`) is registered when its file is first evaluated, and the OpenAPI document lists its
 * components in that order: a resource file imports only from files listed before it in routes.ts.
 */
import * as z from 'zod';

export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoInstant = z.iso.datetime({ offset: true });
export const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const accountIdSchema = z.string().regex(/^acc_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an account id such as acc_01J…').meta({ description: 'Key account id' });
export const orderIdSchema = z.string().regex(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an order id such as ord_01J…').meta({ description: 'Order id' });

export const errorResponseSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only').optional(),
});

export const workingIntervalSchema = z.object({ start: z.string(), end: z.string() });
