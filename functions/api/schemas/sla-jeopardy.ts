/** SLA jeopardy: at-risk stages and escalations. */
import * as z from 'zod';
import { orderStages } from '../../domain/order-stages.ts';
import { isoInstant } from './common.ts';

const slaTargetSchema = z.enum([...orderStages, 'ORDER']);
export const atRiskQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const atRiskItemSchema = z
  .object({
    orderId: z.string(),
    stage: slaTargetSchema.meta({ description: 'The stage, or ORDER for the order end to end' }),
    status: z.enum(['AT_RISK', 'BREACHED']),
    owner: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    accountManager: z.string(),
    startedAt: isoInstant,
    atRiskAt: isoInstant,
    dueAt: isoInstant,
    timeLeftMs: z.number().meta({ description: 'Until the due time at asOf; negative once breached' }),
    escalationId: z.string().optional(),
  })
  .meta({ id: 'AtRiskItem' });
export const atRiskListSchema = z.object({ asOf: isoInstant, items: z.array(atRiskItemSchema) }).meta({ id: 'AtRiskList' });

export const escalationIdSchema = z
  .string()
  .regex(new RegExp(`^esc_[0-9A-HJKMNP-TV-Z]{26}_(${[...orderStages, 'ORDER'].join('|')})$`), 'must be an escalation id such as esc_01J…_ACTIVATION');
export const escalationPathSchema = z.object({ id: escalationIdSchema });
export const escalationSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    stage: slaTargetSchema,
    accountId: z.string(),
    accountName: z.string(),
    accountTier: z.string().optional(),
    accountManager: z.string(),
    owner: z.string(),
    dueAt: isoInstant,
    breachedAt: isoInstant,
    level: z.enum(['OWNER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'GROUP_KEY_ACCOUNT']),
    status: z.enum(['OPEN', 'ACKNOWLEDGED']),
    steps: z.array(z.object({ level: z.string(), at: isoInstant, notified: z.array(z.string()), informed: z.array(z.string()), channel: z.string() })),
    acknowledgedBy: z.string().optional(),
    acknowledgedAt: isoInstant.optional(),
    createdAt: isoInstant,
    version: z.number(),
  })
  .meta({ id: 'Escalation' });
export const escalationPageSchema = z.object({ items: z.array(escalationSchema), nextCursor: z.string().optional() }).meta({ id: 'EscalationPage' });
