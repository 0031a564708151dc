/** The order event hub (TMF630 hub/listener). */
import * as z from 'zod';
import { isoInstant } from './common.ts';

export const hubSubscriptionRequestSchema = z
  .object({
    callback: z
      .string()
      .trim()
      .max(2000)
      .refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
        } catch {
          return false;
        }
      }, 'must be an absolute http(s) URL without credentials'),
    query: z.string().max(1000).optional().meta({ description: 'e.g. eventType=ProductOrderStateChangeEvent&productOrder.state=completed,failed' }),
  })
  .strict()
  .meta({ id: 'EventSubscriptionInput' });
export type HubSubscriptionRequest = z.infer<typeof hubSubscriptionRequestSchema>;

export const hubPathSchema = z.object({ id: z.string().regex(/^hub_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a subscription id such as hub_01J…') });

export const hubSubscriptionSchema = z
  .object({
    id: z.string(),
    callback: z.string(),
    query: z.string(),
    createdAt: isoInstant,
    secret: z.string().optional().meta({ description: 'Only in the answer to the creation: deliveries carry x-kamflow-signature = hex HMAC-SHA256(secret, timestamp + "." + body)' }),
    deliveries: z
      .array(z.object({ eventId: z.string(), orderId: z.string(), eventType: z.string(), status: z.string(), attempts: z.number(), lastStatusCode: z.number().optional(), nextAttemptAt: z.string().optional(), deliveredAt: z.string().optional() }))
      .optional(),
  })
  .meta({ id: 'EventSubscription' });
export const hubSubscriptionPageSchema = z.object({ items: z.array(hubSubscriptionSchema), nextCursor: z.string().optional() }).meta({ id: 'EventSubscriptionPage' });
