import { describe, expect, it } from 'vitest';
import { formatTimeLeft, timeLeftNow } from './countdown.ts';

describe('the at-risk countdown', () => {
  it('shows days, hours, minutes and seconds, and overdue with a minus sign', () => {
    expect(formatTimeLeft(2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_999)).toBe('2d 03:04:05');
    expect(formatTimeLeft(59_000)).toBe('00:00:59');
    expect(formatTimeLeft(-61_000)).toBe('-00:01:01');
  });

  it('counts down from the time left the API gave', () => {
    expect(timeLeftNow(10_000, 1_000, 4_000)).toBe(7_000);
  });
});
