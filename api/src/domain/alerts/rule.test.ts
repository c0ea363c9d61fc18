import { describe, expect, it } from 'vitest';
import {
  binomialTail,
  defaultAlertOptions,
  evaluateWindow,
  explainAlert,
  isNewAndGrowing,
  poissonTail,
} from './rule.ts';

const weeks = (n: number, value: number) => new Array<number>(n).fill(value);

describe('tails', () => {
  it('computes the Poisson upper tail', () => {
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 10);
    expect(poissonTail(0, 4)).toBe(1);
    expect(poissonTail(2, 0)).toBe(0);
    expect(poissonTail(40, 5)).toBeGreaterThan(0);
    expect(poissonTail(40, 5)).toBeLessThan(1e-15);
  });

  it('computes the binomial upper tail', () => {
    expect(binomialTail(2, 2, 0.5)).toBeCloseTo(0.25, 12);
    expect(binomialTail(1, 3, 0.5)).toBeCloseTo(0.875, 12);
    expect(binomialTail(4, 3, 0.5)).toBe(0);
  });
});

describe('the early-warning rule', () => {
  it('flags a theme whose share triples and explains itself', () => {
    const counts = [...weeks(16, 2), 6, 7, 6];
    const totals = weeks(19, 40);
    const decision = evaluateWindow(counts, totals, 18)!;
    expect(decision.rising).toBe(true);
    expect(decision.count).toBe(19);
    expect(decision.expected).toBeCloseTo(120 * (32.5 / 641), 5);
    expect(explainAlert('diversity', decision, 3)).toBe(
      'diversity: 19 questions in the last 3 weeks, 6.1 expected',
    );
  });

  it('stays quiet on a flat series', () => {
    const decision = evaluateWindow(weeks(19, 2), weeks(19, 40), 18)!;
    expect(decision.rising).toBe(false);
  });

  it('does not mistake a busy period for a rising theme', () => {
    // Everything doubles: the theme's share of all questions is unchanged.
    const counts = [...weeks(16, 2), 4, 4, 4];
    const totals = [...weeks(16, 40), 80, 80, 80];
    expect(evaluateWindow(counts, totals, 18)!.rising).toBe(false);
    // The same counts against a steady total are a real rise.
    expect(evaluateWindow(counts, weeks(19, 40), 18)!.count).toBe(12);
  });

  it('needs at least four weeks of history before the window', () => {
    expect(evaluateWindow([1, 1, 1, 9, 9, 9], weeks(6, 40), 5)).toBeNull();
    expect(evaluateWindow([1, 1, 1, 1, 9, 9, 9], weeks(7, 40), 6)).not.toBeNull();
  });

  it('needs a few questions, not a jump from zero to one', () => {
    const decision = evaluateWindow([...weeks(16, 0), 0, 0, 2], weeks(19, 40), 18)!;
    expect(decision.rising).toBe(false);
  });

  it('recognises a new theme that gathered three questions in the window', () => {
    expect(isNewAndGrowing([0, 0, 0, 0, 1, 1, 1], 6)).toBe(true);
    expect(isNewAndGrowing([0, 1, 0, 0, 1, 1, 1], 6)).toBe(false);
    expect(isNewAndGrowing([0, 0, 0, 0, 0, 1, 1], 6)).toBe(false);
    expect(defaultAlertOptions.windowWeeks).toBe(3);
  });
});
