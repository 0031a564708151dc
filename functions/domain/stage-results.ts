/**
 * What a finished stage records as its result (`resultJson` on the stage record), one shape per stage, each written and
 * read through this module and checked with zod on the way in — so a reader never trusts a cast:
 * - 资源确认 RESOURCE_CONFIRMATION: the access lines and ports reserved, and those released by an amendment or a
 *   cancellation;
 * - 开通 ACTIVATION (and 测试 TEST, which copies it): the circuit and its test report;
 * - NETWORK_BUILD: planning's confirmation of the build (investment type, agreed date, cost).
 */
import * as z from 'zod';

const resourceKeySchema = z.object({ exchangeCode: z.string(), resourceType: z.enum(['ACCESS_LINE', 'PORT']), resourceId: z.string() });
export type ResourceKey = z.infer<typeof resourceKeySchema>;

const resourceConfirmationSchema = z.object({ reservations: z.array(resourceKeySchema).default([]), released: z.array(z.string()).optional() });
const activationResultSchema = z.object({ circuitId: z.string(), testReport: z.record(z.string(), z.unknown()).optional() });
const networkBuildResultSchema = z.object({ investmentType: z.enum(['ROLLING', 'STRATEGIC']), agreedDate: z.string(), buildCost: z.number().optional(), note: z.string().optional() });

type StageWithResult = { readonly resultJson?: string | undefined } | undefined;

function parsed<S extends z.ZodType>(schema: S, stage: StageWithResult): z.output<S> | undefined {
  return stage?.resultJson ? schema.parse(JSON.parse(stage.resultJson)) : undefined;
}

/** The reservations the last successful resource confirmation made (released ones are recorded as released). */
export function reservationsOf(resourceStage: StageWithResult): ResourceKey[] {
  return parsed(resourceConfirmationSchema, resourceStage)?.reservations ?? [];
}

export function resourceConfirmationResult(result: z.input<typeof resourceConfirmationSchema>): string {
  return JSON.stringify(resourceConfirmationSchema.parse(result));
}

export function activationResult(result: z.input<typeof activationResultSchema>): string {
  return JSON.stringify(activationResultSchema.parse(result));
}

export function networkBuildResult(result: z.input<typeof networkBuildResultSchema>): string {
  return JSON.stringify(networkBuildResultSchema.parse(result));
}

/** What a confirmed build costs (CNY); nothing when no build was confirmed. */
export function buildCostOf(buildStage: StageWithResult): number {
  return parsed(networkBuildResultSchema, buildStage)?.buildCost ?? 0;
}

export function resourceLabel(resource: ResourceKey): string {
  return `${resource.resourceType} ${resource.resourceId} @ ${resource.exchangeCode}`;
}
