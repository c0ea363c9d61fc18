import { describe, expect, it } from 'vitest';
import { pauseAfter, pausedUntil } from './sign-in.ts';

const minute = 60_000;

describe('the pause after wrong passwords', () => {
  it('costs nothing for four failures, then pauses 30 seconds and doubles up to 5 minutes', () => {
    expect([1, 2, 3, 4].map(pauseAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map(pauseAfter)).toEqual([
      30_000,
      minute,
      2 * minute,
      4 * minute,
      5 * minute,
    ]);
  });

  it('never lasts longer than 5 minutes, however many failures came before', () => {
    for (const failures of [10, 50, 1_000, 100_000]) {
      expect(pauseAfter(failures)).toBe(5 * minute);
    }
  });

  it('runs from the latest failure and is over once that much time has passed', () => {
    const lastFailureAt = new Date('2026-03-02T09:00:00Z');
    const count = { failures: 5, lastFailureAt };
    expect(pausedUntil(count, new Date('2026-03-02T09:00:10Z'))).toEqual(
      new Date('2026-03-02T09:00:30Z'),
    );
    expect(pausedUntil(count, new Date('2026-03-02T09:00:30Z'))).toBeNull();
    expect(pausedUntil({ failures: 4, lastFailureAt }, lastFailureAt)).toBeNull();
  });
});
