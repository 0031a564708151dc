/** Key accounts (大客户): creation, change, hierarchy listing, tiers and their history. */
import * as z from 'zod';
import { accountStatuses, accountTiers, industrySegments, tierOutcomes } from '../../domain/accounts.ts';
import { checkCreditCode } from '../../domain/credit-code.ts';
import { accountIdSchema, isoInstant, listQuerySchema, text } from './common.ts';

const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, context) => {
    const verdict = checkCreditCode(code);
    if (!verdict.valid) context.addIssue({ code: 'custom', message: `not a unified social credit code: ${verdict.reason}` });
  });

export const createAccountSchema = z
  .object({
    name: text(200),
    industry: z.enum(industrySegments),
    /** Declared tier; when absent the tiering rule decides. */
    tier: z.enum(accountTiers).optional(),
    creditCode: creditCodeSchema.optional(),
    monthlyBilledRevenue: z.number().nonnegative().max(1e12).optional(),
    strategic: z.boolean().optional(),
    parentAccountId: accountIdSchema.optional(),
    province: text(50).optional(),
    city: text(50).optional(),
    accountManager: text(100).optional(),
  })
  .strict()
  .meta({ id: 'AccountCreate' });
export type CreateAccountRequest = z.infer<typeof createAccountSchema>;

export const accountSchema = z
  .object({
    id: accountIdSchema,
    name: z.string(),
    industry: z.enum(industrySegments),
    tier: z.enum(tierOutcomes),
    tierOverridden: z.boolean(),
    status: z.enum(accountStatuses),
    creditCode: z.string().optional(),
    monthlyBilledRevenue: z.number(),
    strategic: z.boolean(),
    parentAccountId: z.string().optional(),
    province: z.string().optional(),
    city: z.string().optional(),
    accountManager: z.string().optional(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    version: z.number().int(),
    /** On a single account and on branch listings: own figures plus those of every branch below, within reach. */
    rollup: z.object({ monthlyBilledRevenue: z.number(), openOrders: z.number().int(), accounts: z.number().int() }).optional(),
  })
  .meta({ id: 'Account' });

export const accountPageSchema = z
  .object({ items: z.array(accountSchema), nextCursor: z.string().optional() })
  .meta({ id: 'AccountPage' });

export const accountPathSchema = z.object({ id: accountIdSchema });

/** `roots=true` lists only the tops of the hierarchy (accounts without a parent) within reach. */
export const listAccountsQuerySchema = listQuerySchema.extend({ roots: z.stringbool().optional() });

export const updateAccountSchema = z
  .object({
    /** The version read; a stale version is a 409, so concurrent edits never lose an update. */
    version: z.number().int().min(1),
    name: text(200).optional(),
    industry: z.enum(industrySegments).optional(),
    status: z.enum(accountStatuses).optional(),
    province: text(50).optional(),
    city: text(50).optional(),
    creditCode: creditCodeSchema.optional(),
    monthlyBilledRevenue: z.number().nonnegative().max(1e12).optional(),
    strategic: z.boolean().optional(),
    parentAccountId: z.union([accountIdSchema, z.literal('none')]).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 1, { message: 'at least one field to change besides version', path: ['version'] })
  .meta({ id: 'AccountUpdate' });
export type UpdateAccountRequest = z.infer<typeof updateAccountSchema>;

export const tierOverrideSchema = z.object({ tier: z.enum(tierOutcomes), reason: text(1000) }).strict().meta({ id: 'TierOverride' });

export const tierChangeSchema = z
  .object({ at: isoInstant, from: z.string(), to: z.enum(tierOutcomes), ruleVersion: z.number().optional(), override: z.boolean(), changedBy: z.string(), reason: z.string() })
  .meta({ id: 'TierChange' });
export const tierHistorySchema = z.object({ items: z.array(tierChangeSchema) }).meta({ id: 'TierHistory' });
export const tierEvaluationSchema = z.object({ evaluated: z.number(), changed: z.number(), skippedOverrides: z.number(), ruleVersion: z.number() }).meta({ id: 'TierEvaluation' });
