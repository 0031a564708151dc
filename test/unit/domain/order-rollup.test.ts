import { describe, expect, it } from 'vitest';
import { rollUpState } from '../../../functions/domain/order-rollup.ts';

describe('a parent order rolls up from its children (跨网一点受理)', () => {
  it('stands where its least advanced running child stands', () => {
    expect(rollUpState(['PENDING_ACCEPTANCE', 'PROVISIONING'])).toBe('PROVISIONING');
    expect(rollUpState(['SUBMITTED', 'CLOSED'])).toBe('SUBMITTED');
    // a failed child waits in the fallout queue while the other still runs
    expect(rollUpState(['FAILED', 'AWAITING_BUILD'])).toBe('AWAITING_BUILD');
  });

  it('is held only when every running child is held', () => {
    expect(rollUpState(['HELD', 'HELD'])).toBe('HELD');
    expect(rollUpState(['HELD', 'PROVISIONING'])).toBe('PROVISIONING');
  });

  it('ends closed, partial, or with the outcome its children share', () => {
    expect(rollUpState(['CLOSED', 'CLOSED'])).toBe('CLOSED');
    expect(rollUpState(['CLOSED', 'FAILED'])).toBe('PARTIAL');
    expect(rollUpState(['CLOSED', 'CANCELLED', 'CLOSED'])).toBe('PARTIAL');
    expect(rollUpState(['CANCELLED', 'CANCELLED'])).toBe('CANCELLED');
    expect(rollUpState(['FAILED', 'CANCELLED'])).toBe('FAILED');
  });
});
