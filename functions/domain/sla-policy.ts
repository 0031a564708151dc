/**
 * SLA policies: per SLA class × tier × product, the working-time budget of every stage and of the whole order, the
 * jeopardy threshold and the calendar. Versioned: an order keeps the policy version it started with. Orders without a
 * contract use the standard policy (class C targets) and say so.
 */
import type { AccountTier } from './accounts.ts';
import type { ProductId } from './catalogue.ts';
import type { SlaClass } from './commercial-authorisation.ts';
import type { OrderStage } from './order-stages.ts';

export interface WorkingBudget {
  readonly workingDays?: number;
  readonly workingHours?: number;
}

export interface SlaPolicy {
  readonly policyId: string;
  readonly version: number;
  /** What the policy applies to; an absent key matches anything. The most specific match wins. */
  readonly appliesTo: { readonly slaClass?: SlaClass; readonly tier?: AccountTier; readonly productId?: ProductId };
  readonly stageBudgets: Readonly<Partial<Record<OrderStage, WorkingBudget>>>;
  readonly endToEnd: WorkingBudget;
  /**
   * Share of a budget used from which a stage or order is at risk (default 75 %; docs/domain.md, "Jeopardy and
   * escalation").
   */
  readonly jeopardyThreshold: number;
  readonly calendarId: string;
}

/** Stage limits of docs/domain.md, "SLA classes" (working days); activation is what the SLA classes differ in. */
function classPolicy(slaClass: SlaClass, activationDays: number, endToEndDays: number): SlaPolicy {
  return {
    policyId: `class-${slaClass}`,
    version: 1,
    appliesTo: { slaClass },
    stageBudgets: {
      ORDER_ACCEPTANCE: { workingDays: 1 },
      RESOURCE_CONFIRMATION: { workingDays: 2 },
      ACTIVATION: { workingDays: activationDays },
      TEST: { workingDays: 1 },
      CUSTOMER_ACCEPTANCE: { workingDays: 2 },
      BILLING_START: { workingDays: 1 },
      CRM_CLOSE: { workingDays: 1 },
    },
    endToEnd: { workingDays: endToEndDays },
    jeopardyThreshold: 0.75,
    calendarId: 'CN',
  };
}

export const slaPolicies: readonly SlaPolicy[] = [
  classPolicy('A', 3, 8),
  classPolicy('B', 4, 10),
  classPolicy('C', 5, 12),
  classPolicy('D', 5, 13),
  // A group customer's class A order is activated faster still (its own policy, more specific than the class one).
  { ...classPolicy('A', 2, 7), policyId: 'class-A-group', appliesTo: { slaClass: 'A', tier: 'GROUP' } },
];

export const standardSlaClass: SlaClass = 'C';

function specificity(policy: SlaPolicy): number {
  return Object.keys(policy.appliesTo).length;
}

/** The most specific policy for an order; without a contract, the standard class. */
export function resolveSlaPolicy(order: { slaClass?: SlaClass | undefined; tier?: AccountTier | undefined; productId?: ProductId | undefined }, policies: readonly SlaPolicy[] = slaPolicies): { policy: SlaPolicy; standard: boolean } {
  const slaClass = order.slaClass ?? standardSlaClass;
  const candidates = policies.filter(
    (policy) =>
      (policy.appliesTo.slaClass === undefined || policy.appliesTo.slaClass === slaClass) &&
      (policy.appliesTo.tier === undefined || policy.appliesTo.tier === order.tier) &&
      (policy.appliesTo.productId === undefined || policy.appliesTo.productId === order.productId),
  );
  const policy = [...candidates].sort((a, b) => specificity(b) - specificity(a) || b.version - a.version)[0];
  if (!policy) throw new Error(`no SLA policy for class ${slaClass}`);
  return { policy, standard: order.slaClass === undefined };
}

/**
 * The product's standard SLA, for orders without a contract: its stage template as the stage budgets, the standard
 * class's end-to-end target, the default jeopardy threshold. Versioned with the product.
 */
export function productStandardPolicy(spec: { id: ProductId; version: number; stageTemplate: Readonly<Partial<Record<OrderStage, WorkingBudget>>> }): SlaPolicy {
  const { endToEnd } = resolveSlaPolicy({}).policy;
  return {
    policyId: `product-${spec.id}`,
    version: spec.version,
    appliesTo: { productId: spec.id },
    stageBudgets: spec.stageTemplate,
    endToEnd,
    jeopardyThreshold: 0.75,
    calendarId: 'CN',
  };
}
