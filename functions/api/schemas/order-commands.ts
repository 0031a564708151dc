/** Commands on a running order: hold, resume, amendment, retry, cancellation. */
import * as z from 'zod';
import { bandwidths } from '../../domain/catalogue.ts';
import { isoDate, isoInstant, orderIdSchema, text } from './common.ts';
import { placeSchema } from './product-orders.ts';

export const holdRequestSchema = z
  .object({
    reason: text(1000).meta({ description: "The customer's cause (the clock stops only for customer-caused delays)" }),
    expectedResumeDate: isoDate.optional(),
  })
  .strict()
  .meta({ id: 'OrderHoldRequest' });
export type HoldRequest = z.infer<typeof holdRequestSchema>;

export const noteRequestSchema = z.object({ note: text(1000).optional() }).strict().meta({ id: 'OrderNote' });
export type NoteRequest = z.infer<typeof noteRequestSchema>;

export const amendmentSchema = z
  .object({
    reason: text(1000),
    bandwidth: z.enum(bandwidths).optional(),
    requestedCompletionDate: isoDate.optional(),
    place: z.array(placeSchema).min(1).max(2).optional().meta({ description: 'Sites to change, by role; a changed site re-checks resources' }),
  })
  .strict()
  .refine((body) => body.bandwidth !== undefined || body.requestedCompletionDate !== undefined || body.place !== undefined, {
    message: 'name at least one of bandwidth, requestedCompletionDate, place',
    path: ['bandwidth'],
  })
  .meta({ id: 'ProductOrder_Amend' });
export type AmendmentRequest = z.infer<typeof amendmentSchema>;

export const cancelProductOrderSchema = z
  .object({
    productOrder: z.object({ id: orderIdSchema, href: z.string().max(300).optional(), '@referredType': z.string().max(50).optional() }).strict(),
    cancellationReason: text(1000),
    requestedCancellationDate: isoDate.optional(),
    '@type': z.literal('CancelProductOrder').optional(),
  })
  .strict()
  .meta({ id: 'CancelProductOrder_Create' });
export type CancelProductOrderRequest = z.infer<typeof cancelProductOrderSchema>;

export const cancelProductOrderIdSchema = z.string().regex(/^cpo_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a cancellation id such as cpo_01J…');
export const cancelProductOrderPathSchema = z.object({ id: cancelProductOrderIdSchema });

export const cancelProductOrderViewSchema = z
  .object({
    id: z.string(),
    href: z.string(),
    '@type': z.literal('CancelProductOrder'),
    state: z.enum(['acknowledged', 'inProgress', 'done', 'terminatedWithError']),
    cancellationReason: z.string(),
    creationDate: isoInstant,
    effectiveCancellationDate: isoInstant.optional(),
    productOrder: z.object({ id: z.string(), href: z.string(), '@referredType': z.literal('ProductOrder') }),
    releasedResources: z.array(z.string()).optional(),
    buildCostCharged: z.number().optional(),
  })
  .meta({ id: 'CancelProductOrder' });
