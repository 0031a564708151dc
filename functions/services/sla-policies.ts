/**
 * SLA policies as the API shows them. Two sources, both versioned: the contract classes' policies (class-A … class-D,
 * class-A-group; versioned with the code) and each product's standard SLA for orders without a contract (product-EPL …;
 * versioned with the catalogue, one policy version per product version).
 */
import { NotFoundError } from '../commons/errors.ts';
import { NATIONAL_CALENDAR_ID } from '../domain/business-calendar.ts';
import { productIds } from '../domain/catalogue.ts';
import type { ProductId } from '../domain/catalogue.ts';
import { orderStages } from '../domain/order-stages.ts';
import { productStandardPolicy, slaPolicies } from '../domain/sla-policy.ts';
import type { SlaPolicy } from '../domain/sla-policy.ts';
import { currentCatalogue, productHistory } from '../data/catalogue-repository.ts';
import { loadBusinessCalendar } from '../data/calendars-repository.ts';

type PolicySource = 'CLASS' | 'PRODUCT_STANDARD';
const PRODUCT_POLICY_PREFIX = 'product-';

function view(policy: SlaPolicy, source: PolicySource, current: boolean, workingHours: readonly { start: string; end: string }[]) {
  return {
    id: policy.policyId,
    policyId: policy.policyId,
    version: policy.version,
    current,
    source,
    appliesTo: policy.appliesTo,
    stageTargets: orderStages.flatMap((stage) => {
      const budget = policy.stageBudgets[stage];
      return budget ? [{ stage, ...budget }] : [];
    }),
    endToEnd: policy.endToEnd,
    jeopardyThreshold: policy.jeopardyThreshold,
    calendarId: policy.calendarId,
    workingHours: [...workingHours],
  };
}
export type SlaPolicyView = ReturnType<typeof view>;

async function workingHours() {
  return (await loadBusinessCalendar(NATIONAL_CALENDAR_ID)).workingIntervals;
}

function classVersionsOf(policyId: string): SlaPolicy[] {
  return slaPolicies.filter((policy) => policy.policyId === policyId).sort((a, b) => b.version - a.version);
}

/** The current version of every policy: the classes' first, then each product's standard. */
export async function currentSlaPolicies(): Promise<SlaPolicyView[]> {
  const [hours, catalogue] = await Promise.all([workingHours(), currentCatalogue()]);
  const classIds = [...new Set(slaPolicies.map((policy) => policy.policyId))].sort();
  const classes = classIds.flatMap((policyId) => classVersionsOf(policyId).slice(0, 1).map((policy) => view(policy, 'CLASS', true, hours)));
  const products = catalogue.map((spec) => view(productStandardPolicy(spec), 'PRODUCT_STANDARD', true, hours));
  return [...classes, ...products];
}

/** One policy's current version with every version, newest first. */
export async function slaPolicyWithVersions(policyId: string): Promise<SlaPolicyView & { versions: SlaPolicyView[] }> {
  const hours = await workingHours();
  let versions: SlaPolicyView[];
  const productId = policyId.slice(PRODUCT_POLICY_PREFIX.length);
  if (policyId.startsWith(PRODUCT_POLICY_PREFIX) && (productIds as readonly string[]).includes(productId)) {
    const history = await productHistory(productId as ProductId);
    versions = history.map((spec, index) => view(productStandardPolicy(spec), 'PRODUCT_STANDARD', index === 0, hours));
  } else {
    versions = classVersionsOf(policyId).map((policy, index) => view(policy, 'CLASS', index === 0, hours));
  }
  const [current] = versions;
  if (!current) throw new NotFoundError('SLA policy', policyId);
  return { ...current, versions };
}
