import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter } from '../../../functions/domain/credit-code.ts';
import { decideTier } from '../../../functions/domain/tiering.ts';
import type { TieringRule } from '../../../functions/domain/tiering.ts';

describe('unified social credit code', () => {
  it.each(['91350100M000100Y43', '91440300708461136T'])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true });
  });

  it('refuses a wrong check character, a forbidden letter and a wrong length', () => {
    expect(checkCreditCode('91440300708461136U')).toMatchObject({ valid: false, reason: 'check character does not match' });
    expect(checkCreditCode('91440300I08461136T')).toMatchObject({ valid: false });
    expect(checkCreditCode('9111000010000396')).toMatchObject({ valid: false, reason: 'must be 18 characters' });
    expect(creditCodeCheckCharacter('9111000010000396')).toBeUndefined();
  });
});

describe('tiering rule', () => {
  const rule: TieringRule = { version: 7, revenueThresholdMonthly: 3000, groupMinProvinces: 2, provincialMinCities: 2, strategicLiftsOneTier: true, namedList: ['国家电网'] };
  const facts = { name: 'x', monthlyBilledRevenue: 5000, strategic: false, provinces: ['江苏'], cities: ['南京'] };

  it('computes group, provincial, local or not a key account from revenue and footprint', () => {
    expect(decideTier(facts, rule)).toMatchObject({ tier: 'LOCAL', ruleVersion: 7 });
    expect(decideTier({ ...facts, cities: ['南京', '苏州'] }, rule).tier).toBe('PROVINCIAL');
    expect(decideTier({ ...facts, provinces: ['江苏', '浙江'], cities: ['南京', '杭州'] }, rule).tier).toBe('GROUP');
    expect(decideTier({ ...facts, monthlyBilledRevenue: 2999 }, rule)).toMatchObject({ tier: 'NOT_KEY_ACCOUNT', reason: expect.stringContaining('below 3000') });
  });

  it('lifts a strategic account one tier and puts the named list at group level', () => {
    expect(decideTier({ ...facts, strategic: true }, rule)).toMatchObject({ tier: 'PROVINCIAL', reason: expect.stringContaining('strategic') });
    expect(decideTier({ ...facts, monthlyBilledRevenue: 0, strategic: true }, rule).tier).toBe('LOCAL');
    expect(decideTier({ ...facts, name: '国家电网', monthlyBilledRevenue: 0 }, rule).tier).toBe('GROUP');
  });
});

import { billedMonthsInYear, billedRevenueInYear, planProgress } from '../../../functions/domain/customer-plan.ts';

describe('customer plan progress from billed revenue', () => {
  it('counts the started months of the year a circuit was billed, up to today', () => {
    expect(billedMonthsInYear('2026-03-15', 2026, '2026-06-01')).toBe(4);
    expect(billedMonthsInYear('2025-11-01', 2026, '2026-02-10')).toBe(2);
    expect(billedMonthsInYear('2026-08-01', 2026, '2026-06-01')).toBe(0);
    expect(billedMonthsInYear('2024-01-01', 2026, '2027-03-01')).toBe(12);
  });

  it('adds one-off charges started in the year and monthly charges', () => {
    const circuits = [
      { oneOffCharge: 5000, monthlyCharge: 18000, chargesFrom: '2026-03-15' },
      { oneOffCharge: 1000, monthlyCharge: 3000, chargesFrom: '2025-12-01' },
    ];
    expect(billedRevenueInYear(circuits, 2026, '2026-06-01')).toBe(5000 + 18000 * 4 + 3000 * 6);
    expect(planProgress(200_000, 95_000)).toEqual({ billedRevenue: 95_000, percentOfTarget: 47.5 });
    expect(planProgress(0, 10).percentOfTarget).toBe(0);
  });
});
