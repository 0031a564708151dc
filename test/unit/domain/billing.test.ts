import { describe, expect, it } from 'vitest';
import { billingTerms, leaseTypeOf, shanghaiDate } from '../../../functions/domain/billing.ts';

describe('billing terms (起租)', () => {
  it('treats leases under 30 days as temporary and 30 days or more as long-term', () => {
    expect(leaseTypeOf(1)).toBe('TEMPORARY');
    expect(leaseTypeOf(29)).toBe('TEMPORARY');
    expect(leaseTypeOf(30)).toBe('LONG_TERM');
    expect(leaseTypeOf(365)).toBe('LONG_TERM');
  });

  it('starts monthly charges on the acceptance date in Asia/Shanghai', () => {
    // 17:30 UTC on 31 Dec is already 1 Jan in Beijing
    expect(shanghaiDate(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });

  it('charges the list prices of the product at the ordered bandwidth', () => {
    expect(billingTerms({ productId: 'EPL', bandwidth: '1G', leaseTermDays: 365, acceptedAt: new Date('2026-06-01T02:00:00Z') })).toEqual({
      oneOffCharge: 10000,
      monthlyCharge: 80000,
      leaseType: 'LONG_TERM',
      chargesFrom: '2026-06-01',
    });
  });

  it('refuses a bandwidth the product is not sold at', () => {
    expect(() => billingTerms({ productId: 'DDN', bandwidth: '10G', leaseTermDays: 365, acceptedAt: new Date() })).toThrow(RangeError);
  });
});
