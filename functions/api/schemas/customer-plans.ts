/** Yearly customer plans (客户发展计划). */
import * as z from 'zod';
import { planActionStatuses } from '../../domain/customer-plan.ts';
import { accountIdSchema, isoInstant, text } from './common.ts';

export const planPathSchema = z.object({ id: accountIdSchema, year: z.coerce.number().int().min(2000).max(2100) });

export const savePlanSchema = z
  .object({
    /** Absent to create the year's plan; the version read to change it (409 when stale). */
    version: z.number().int().min(1).optional(),
    revenueTarget: z.number().nonnegative().max(1e13),
    resourcePlan: text(4000).optional(),
    actions: z
      .array(z.object({ title: text(300), owner: text(100), dueDate: z.iso.date(), status: z.enum(planActionStatuses), followUp: text(1000).optional() }).strict())
      .max(100),
  })
  .strict()
  .meta({ id: 'CustomerPlanSave' });
export type SavePlanRequest = z.infer<typeof savePlanSchema>;

export const customerPlanSchema = z
  .object({
    accountId: z.string(),
    year: z.number(),
    revenueTarget: z.number(),
    resourcePlan: z.string().optional(),
    actions: z.array(z.object({ title: z.string(), owner: z.string(), dueDate: z.string(), status: z.enum(planActionStatuses), followUp: z.string().optional() })),
    progress: z.object({ billedRevenue: z.number(), percentOfTarget: z.number(), asOf: z.string() }),
    updatedBy: z.string(),
    updatedAt: isoInstant,
    version: z.number(),
  })
  .meta({ id: 'CustomerPlan' });
