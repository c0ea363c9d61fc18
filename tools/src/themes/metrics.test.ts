import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInformation } from './metrics.ts';

describe('metrics', () => {
  it('scores identical partitions 1 and unrelated ones near 0', () => {
    const truth = ['a', 'a', 'b', 'b', 'c', 'c'];
    expect(normalizedMutualInformation([5, 5, 7, 7, 9, 9], truth)).toBeCloseTo(1, 10);
    expect(adjustedRandIndex([5, 5, 7, 7, 9, 9], truth)).toBeCloseTo(1, 10);
    expect(normalizedMutualInformation([0, 0, 0, 0, 0, 0], truth)).toBeCloseTo(0, 10);
    expect(adjustedRandIndex([0, 1, 0, 1, 0, 1], truth)).toBeLessThan(0.1);
  });
});
