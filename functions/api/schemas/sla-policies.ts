/** SLA policies. */
import * as z from 'zod';
import { accountTiers } from '../../domain/accounts.ts';
import { productIds } from '../../domain/catalogue.ts';
import { orderStages } from '../../domain/order-stages.ts';
import { slaClasses } from '../../domain/commercial-authorisation.ts';
import { workingIntervalSchema } from './common.ts';

const workingBudgetSchema = z.object({ workingDays: z.number().optional(), workingHours: z.number().optional() });
export const slaPolicyViewSchema = z
  .object({
    id: z.string(),
    policyId: z.string(),
    version: z.number(),
    current: z.boolean(),
    source: z.enum(['CLASS', 'PRODUCT_STANDARD']).meta({ description: "CLASS: a contract's SLA class (versioned with the code); PRODUCT_STANDARD: a product's stage template, for orders without a contract (versioned with the catalogue)" }),
    appliesTo: z.object({ slaClass: z.enum(slaClasses).optional(), tier: z.enum(accountTiers).optional(), productId: z.enum(productIds).optional() }),
    stageTargets: z.array(z.object({ stage: z.enum(orderStages), workingDays: z.number().optional(), workingHours: z.number().optional() })),
    endToEnd: workingBudgetSchema,
    jeopardyThreshold: z.number(),
    calendarId: z.string().meta({ description: "CN: the national calendar, or the province of the order's A-end where it has data" }),
    workingHours: z.array(workingIntervalSchema),
  })
  .meta({ id: 'SlaPolicy' });
export const slaPolicyListSchema = z.object({ items: z.array(slaPolicyViewSchema) }).meta({ id: 'SlaPolicyList' });
export const slaPolicyPathSchema = z.object({ id: z.string().regex(/^[a-zA-Z0-9_-]{1,60}$/, 'must be a policy id such as class-A or product-EPL') });
export const slaPolicyDetailSchema = slaPolicyViewSchema.extend({ versions: z.array(slaPolicyViewSchema) }).meta({ id: 'SlaPolicyDetail' });
