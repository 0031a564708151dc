/**
 * Key account tiering (大客户分级): a configurable, versioned rule computes the owning level from billed revenue,
 * footprint and the strategic flag / named list. Every change of tier is recorded with the rule version and reason.
 */
import type { TierOutcome } from './accounts.ts';

export type { TierOutcome };

export interface TieringRule {
  readonly version: number;
  /**
   * RMB billed per month from which a customer is a key account (default 3,000; docs/domain.md, "Key accounts and
   * tiers").
   */
  readonly revenueThresholdMonthly: number;
  /** Provinces the customer's footprint must span to be a group customer. */
  readonly groupMinProvinces: number;
  /** Cities in one province for a provincial customer. */
  readonly provincialMinCities: number;
  /** A strategic or competitive flag lifts the account one tier. */
  readonly strategicLiftsOneTier: boolean;
  /** Customers on the group's named list (名单制) are group customers whatever their revenue (by account name). */
  readonly namedList: readonly string[];
}

export const tieringRules: readonly TieringRule[] = [
  { version: 1, revenueThresholdMonthly: 3000, groupMinProvinces: 2, provincialMinCities: 2, strategicLiftsOneTier: true, namedList: [] },
];

export function currentTieringRule(): TieringRule {
  const rule = tieringRules.at(-1);
  if (!rule) throw new Error('no tiering rule configured');
  return rule;
}

export interface TieringFacts {
  readonly name: string;
  readonly monthlyBilledRevenue: number;
  readonly strategic: boolean;
  /** Provinces and cities of the account and its branches. */
  readonly provinces: readonly string[];
  readonly cities: readonly string[];
}

export interface TierDecision {
  readonly tier: TierOutcome;
  readonly reason: string;
  readonly ruleVersion: number;
}

const order: readonly TierOutcome[] = ['NOT_KEY_ACCOUNT', 'LOCAL', 'PROVINCIAL', 'GROUP'];

export function decideTier(facts: TieringFacts, rule: TieringRule = currentTieringRule()): TierDecision {
  const decide = (tier: TierOutcome, reason: string): TierDecision => ({ tier, reason, ruleVersion: rule.version });
  if (rule.namedList.includes(facts.name)) return decide('GROUP', 'on the named strategic list (名单制)');
  const provinces = new Set(facts.provinces).size;
  const cities = new Set(facts.cities).size;
  let base: TierOutcome;
  let reason: string;
  if (facts.monthlyBilledRevenue < rule.revenueThresholdMonthly) {
    base = 'NOT_KEY_ACCOUNT';
    reason = `billed ${facts.monthlyBilledRevenue} RMB/month, below ${rule.revenueThresholdMonthly}`;
  } else if (provinces >= rule.groupMinProvinces) {
    base = 'GROUP';
    reason = `footprint in ${provinces} provinces`;
  } else if (cities >= rule.provincialMinCities) {
    base = 'PROVINCIAL';
    reason = `footprint in ${cities} cities of one province`;
  } else {
    base = 'LOCAL';
    reason = `one local network, billed ${facts.monthlyBilledRevenue} RMB/month`;
  }
  if (facts.strategic && rule.strategicLiftsOneTier && base !== 'GROUP') {
    const lifted = order[order.indexOf(base) + 1] ?? base;
    return decide(lifted, `${reason}; strategic flag lifts one tier`);
  }
  return decide(base, reason);
}
