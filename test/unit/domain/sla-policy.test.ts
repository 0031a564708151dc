import { describe, expect, it } from 'vitest';
import { resolveSlaPolicy } from '../../../functions/domain/sla-policy.ts';

describe('SLA policy resolution', () => {
  it('uses the contract class, the most specific policy, and the standard class without a contract', () => {
    expect(resolveSlaPolicy({ slaClass: 'B', tier: 'LOCAL', productId: 'EPL' })).toMatchObject({ policy: { policyId: 'class-B', endToEnd: { workingDays: 10 } }, standard: false });
    expect(resolveSlaPolicy({ slaClass: 'A', tier: 'GROUP', productId: 'EPL' }).policy.policyId).toBe('class-A-group');
    expect(resolveSlaPolicy({ slaClass: 'A', tier: 'LOCAL', productId: 'EPL' }).policy.policyId).toBe('class-A');
    expect(resolveSlaPolicy({ tier: 'LOCAL', productId: 'DIA' })).toMatchObject({ policy: { policyId: 'class-C' }, standard: true });
  });

  it('gives every class its end-to-end target of docs/domain.md', () => {
    expect((['A', 'B', 'C', 'D'] as const).map((slaClass) => resolveSlaPolicy({ slaClass }).policy.endToEnd.workingDays)).toEqual([8, 10, 12, 13]);
  });
});
