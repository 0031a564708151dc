/** Acceptance (验收) by the account manager. */
import * as z from 'zod';
import { isoInstant, orderIdSchema, text } from './common.ts';

export const acceptanceDecisionSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('ACCEPTED'), signedBy: text(100).optional(), note: text(1000).optional() }).strict(),
    z.object({ decision: z.literal('REJECTED'), reason: text(1000), signedBy: text(100).optional() }).strict(),
  ])
  .meta({ id: 'AcceptanceDecision' });
export type AcceptanceDecisionRequest = z.infer<typeof acceptanceDecisionSchema>;

export const acceptanceResultSchema = z
  .object({ orderId: orderIdSchema, stage: z.literal('CUSTOMER_ACCEPTANCE'), decision: z.enum(['ACCEPTED', 'REJECTED']), recordedAt: isoInstant })
  .meta({ id: 'AcceptanceResult' });
