import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { approvalLevels, mayApprove, requiredApproval } from '../../../functions/domain/commercial-authorisation.ts';

const terms = (discount: number, value = 500_000, slaClass: 'A' | 'B' | 'C' | 'D' = 'B', days = 10) => ({ listValue: value / (1 - discount / 100), agreedValue: value, slaClass, committedActivationDays: days });

describe('commercial authorisation matrix (商务授权)', () => {
  it.each([
    [0, 'KEY_ACCOUNT_MANAGER'],
    [5, 'KEY_ACCOUNT_MANAGER'],
    [7.5, 'SUPERVISOR'],
    [10, 'SUPERVISOR'],
    [15, 'DEPARTMENT_HEAD'],
    [20, 'DEPARTMENT_HEAD'],
    [25, 'GROUP_COMMERCIAL'],
  ] as const)('a %s %% discount needs %s', (discount, level) => {
    expect(requiredApproval(terms(discount)).level).toBe(level);
  });

  it('raises the level with the contract value', () => {
    expect(requiredApproval(terms(2, 3_000_000)).level).toBe('SUPERVISOR');
    expect(requiredApproval(terms(2, 50_000_000)).level).toBe('GROUP_COMMERCIAL');
  });

  it('needs at least a supervisor for an activation commitment shorter than the class standard', () => {
    const decision = requiredApproval(terms(0, 100_000, 'A', 5));
    expect(decision.level).toBe('SUPERVISOR');
    expect(decision.reasons[1]).toContain('shorter than the class A standard of 8');
    expect(requiredApproval(terms(15, 100_000, 'A', 5)).level).toBe('DEPARTMENT_HEAD');
  });

  it('refuses impossible terms', () => {
    expect(() => requiredApproval({ listValue: 100, agreedValue: 120, slaClass: 'A', committedActivationDays: 8 })).toThrow(RangeError);
    expect(() => requiredApproval({ listValue: 0, agreedValue: 0, slaClass: 'A', committedActivationDays: 8 })).toThrow(RangeError);
  });

  it('never asks less for a bigger discount (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 99, noNaN: true }), fc.double({ min: 0, max: 99, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return approvalLevels.indexOf(requiredApproval(terms(high)).level) >= approvalLevels.indexOf(requiredApproval(terms(low)).level);
      }),
      { numRuns: 500 },
    );
  });

  it('lets a role approve up to its own level only', () => {
    expect(mayApprove(['SUPERVISOR'], 'SUPERVISOR')).toBe(true);
    expect(mayApprove(['SUPERVISOR'], 'DEPARTMENT_HEAD')).toBe(false);
    expect(mayApprove(['OPERATIONS'], 'KEY_ACCOUNT_MANAGER')).toBe(false);
    expect(mayApprove(['ADMINISTRATOR'], 'GROUP_COMMERCIAL')).toBe(true);
  });
});
