import { seededRandom } from '@kb/api';
import { describe, expect, it } from 'vitest';
import { samplePoisson, simulateSeries } from './simulate.ts';

describe('the simulation behind eval:alerts', () => {
  it('gives the same series for a seed and another for another seed', () => {
    const spike = { baselineRate: 2, spikeWeeks: 3 };
    const first = simulateSeries(spike, seededRandom(42));
    expect(simulateSeries(spike, seededRandom(42))).toEqual(first);
    expect(simulateSeries(spike, seededRandom(43))).not.toEqual(first);
  });

  it('draws Poisson counts with the right mean', () => {
    const random = seededRandom(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += samplePoisson(random, 4);
    expect(sum / 20000).toBeCloseTo(4, 1);
    expect(samplePoisson(random, 0)).toBe(0);
  });

  it('simulates about 40 questions a week with the spike where it belongs', () => {
    const spike = { baselineRate: 4, spikeWeeks: 3 };
    const { themes, totals } = simulateSeries(spike, seededRandom(1));
    expect(themes).toHaveLength(15);
    expect(totals).toHaveLength(30);
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    expect(mean).toBeGreaterThan(34);
    expect(mean).toBeLessThan(46);
    for (let week = 0; week < 30; week++) {
      const themed = themes.reduce((s, counts) => s + counts[week]!, 0);
      expect(themed).toBeLessThanOrEqual(totals[week]!);
    }
    const test = themes[0]!;
    const spikeCount = test[20]! + test[21]! + test[22]!;
    const before = test.slice(0, 20).reduce((a, b) => a + b, 0);
    expect(spikeCount).toBeGreaterThan((before / 20) * 3 * 2);
  });
});
