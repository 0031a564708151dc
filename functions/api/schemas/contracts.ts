/** Contracts and commercial authorisation (商务授权). */
import * as z from 'zod';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { approvalLevels, slaClasses } from '../../domain/commercial-authorisation.ts';
import { isoInstant, text } from './common.ts';

export const createContractSchema = z
  .object({
    title: text(200),
    termMonths: z.number().int().min(1).max(120),
    slaClass: z.enum(slaClasses),
    committedActivationDays: z.number().int().min(1).max(365),
    signedDate: z.iso.date().optional(),
    lines: z
      .array(
        z
          .object({
            productId: z.enum(productIds),
            bandwidth: z.enum(bandwidths),
            quantity: z.number().int().min(1).max(1000),
            agreedMonthlyCharge: z.number().nonnegative().max(1e9),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict()
  .meta({ id: 'ContractCreate' });
export type CreateContractRequest = z.infer<typeof createContractSchema>;

export const contractSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    title: z.string(),
    termMonths: z.number(),
    slaClass: z.enum(slaClasses),
    committedActivationDays: z.number(),
    signedDate: z.string().optional(),
    lines: z.array(z.object({ productId: z.string(), bandwidth: z.string(), quantity: z.number(), listMonthlyCharge: z.number(), agreedMonthlyCharge: z.number(), oneOffCharge: z.number() })),
    listValue: z.number(),
    agreedValue: z.number(),
    discountPercent: z.number(),
    requiredLevel: z.enum(approvalLevels),
    approvalReasons: z.array(z.string()),
    status: z.string(),
    decisions: z.array(z.object({ decision: z.string(), by: z.string(), at: z.string(), reason: z.string() })),
    submittedBy: z.string(),
    submittedAt: isoInstant,
    version: z.number(),
  })
  .meta({ id: 'Contract' });
export const contractPageSchema = z.object({ items: z.array(contractSchema), nextCursor: z.string().optional() }).meta({ id: 'ContractPage' });
export const contractPathSchema = z.object({ id: z.string().regex(/^con_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a contract id such as con_01J…') });
export const contractDecisionSchema = z
  .object({ decision: z.enum(['APPROVED', 'REFUSED']), reason: text(1000) })
  .strict()
  .meta({ id: 'ContractDecision' });
export type ContractDecisionRequest = z.infer<typeof contractDecisionSchema>;
