/** Provisioning systems: the signed callbacks they send and the activation request KAMflow sends them. */
import * as z from 'zod';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { orderIdSchema, text } from './common.ts';

const eventIdSchema = text(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const testReportSchema = z
  .object({
    passed: z.literal(true),
    measuredBandwidth: text(20).optional(),
    latencyMs: z.number().nonnegative().max(100000).optional(),
    packetLossPercent: z.number().min(0).max(100).optional(),
    notes: text(2000).optional(),
  })
  .strict();

export const provisioningCallbackSchema = z
  .discriminatedUnion('status', [
    z.object({ eventId: eventIdSchema, status: z.literal('PROGRESS'), message: text(1000), percent: z.number().int().min(0).max(100).optional() }).strict(),
    z.object({ eventId: eventIdSchema, status: z.literal('COMPLETED'), circuitId: text(64), testReport: testReportSchema }).strict(),
    z.object({ eventId: eventIdSchema, status: z.literal('FAILED'), reason: text(1000) }).strict(),
  ])
  .meta({ id: 'ProvisioningCallback' });
export type ProvisioningCallback = z.infer<typeof provisioningCallbackSchema>;

export const callbackPathSchema = z.object({ id: orderIdSchema, stage: z.enum(['ACTIVATION']) });

export const callbackResultSchema = z
  .object({ orderId: orderIdSchema, stage: z.string(), eventId: z.string(), status: z.string(), duplicate: z.boolean() })
  .meta({ id: 'CallbackResult' });

/** The activation request KAMflow sends to a provisioning system (webhook body). */
export const activationRequestSchema = z
  .object({
    activationRequestId: z.string(),
    orderId: orderIdSchema,
    attempt: z.number().int(),
    product: z.enum(productIds),
    bandwidth: z.enum(bandwidths),
    places: z.array(z.object({ role: z.string(), city: z.string(), address: z.string(), exchange: z.string().optional() })),
    callbackUrl: z.string(),
  })
  .meta({ id: 'ActivationRequest' });
export type ActivationRequest = z.infer<typeof activationRequestSchema>;
