/** The product catalogue: bandwidths, prices and stage templates, versioned. */
import * as z from 'zod';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { orderStages } from '../../domain/order-stages.ts';
import { isoInstant, text } from './common.ts';

const stageLimitSchema = z
  .object({
    stage: z.enum(orderStages),
    workingDays: z.number().nonnegative().max(250).optional(),
    workingHours: z.number().nonnegative().max(2000).optional(),
  })
  .strict()
  .refine((limit) => limit.workingDays !== undefined || limit.workingHours !== undefined, { message: 'give workingDays or workingHours', path: ['workingDays'] });

export const productSchema = z
  .object({
    id: z.enum(productIds),
    version: z.number().int().meta({ description: 'Catalogue version; 0 is the built-in one' }),
    name: z.string(),
    nameZh: z.string(),
    pointToPoint: z.boolean(),
    bandwidths: z.array(z.object({ bandwidth: z.enum(bandwidths), oneOffCharge: z.number(), monthlyCharge: z.number() })),
    stageTemplate: z.array(z.object({ stage: z.enum(orderStages), workingDays: z.number().optional(), workingHours: z.number().optional() })).meta({ description: "Each stage's default time limit; orders without a contract are timed by it" }),
    updatedBy: z.string().optional(),
    updatedAt: isoInstant.optional(),
  })
  .meta({ id: 'Product' });
export const productDetailSchema = productSchema.extend({ history: z.array(productSchema) }).meta({ id: 'ProductDetail' });
export const productPathSchema = z.object({ id: z.enum(productIds) });

export const updateProductSchema = z
  .object({
    version: z.number().int().nonnegative().meta({ description: 'The version read; another save in between is a 409' }),
    reason: text(500),
    name: text(100).optional(),
    nameZh: text(100).optional(),
    prices: z
      .array(z.object({ bandwidth: z.enum(bandwidths), oneOffCharge: z.number().nonnegative().max(1e8), monthlyCharge: z.number().nonnegative().max(1e8) }).strict())
      .min(1, 'at least one bandwidth')
      .refine((prices) => new Set(prices.map((price) => price.bandwidth)).size === prices.length, 'each bandwidth once'),
    stageTemplate: z
      .array(stageLimitSchema)
      .min(1)
      .refine((limits) => new Set(limits.map((limit) => limit.stage)).size === limits.length, 'each stage once'),
  })
  .strict()
  .meta({ id: 'ProductUpdate' });
export type UpdateProductRequest = z.infer<typeof updateProductSchema>;
export const productListSchema = z.object({ items: z.array(productSchema) }).meta({ id: 'ProductList' });
