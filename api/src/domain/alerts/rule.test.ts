import { describe, expect, it } from 'vitest';
import {
  defaultAlertOptions,
  evaluateWindow,
  explainAlert,
  isNewThemeAlert,
  poissonTail,
  type AlertDecision,
} from './rule.ts';

const weeks = (n: number, value: number) => new Array<number>(n).fill(value);

/** P(X = k) for X ~ Poisson(e), straight from the definition. */
function pmf(k: number, e: number): number {
  let p = Math.exp(-e);
  for (let i = 1; i <= k; i++) p *= e / i;
  return p;
}

describe('poissonTail', () => {
  it('matches known values', () => {
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 12);
    expect(poissonTail(3, 1)).toBeCloseTo(0.0803, 4);
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // Below the mean: one minus the lower sum.
    const lower = [0, 1, 2, 3, 4].reduce((s, k) => s + pmf(k, 10), 0);
    expect(poissonTail(5, 10)).toBeCloseTo(1 - lower, 12);
  });

  it('handles the edges', () => {
    expect(poissonTail(0, 4)).toBe(1);
    expect(poissonTail(0, 0)).toBe(1);
    expect(poissonTail(-2, 3)).toBe(1);
    expect(poissonTail(1, 0)).toBe(0);
    expect(poissonTail(5, 0)).toBe(0);
  });

  it('keeps tiny tails accurate instead of rounding them to zero', () => {
    const tail = poissonTail(40, 2);
    expect(tail).toBeGreaterThan(0);
    // The first term dominates: P(X = 40) < P(X ≥ 40) < P(X = 40) · 1.06.
    expect(tail / pmf(40, 2)).toBeGreaterThan(1);
    expect(tail / pmf(40, 2)).toBeLessThan(1.06);
  });

  it('drops by exactly P(X = c) from c to c + 1', () => {
    for (const e of [0.3, 2, 6.5, 25]) {
      for (const c of [0, 1, 3, 7, 15, 30]) {
        expect(poissonTail(c, e) - poissonTail(c + 1, e)).toBeCloseTo(pmf(c, e), 12);
      }
    }
  });
});

describe('evaluateWindow', () => {
  it('flags a theme whose share triples, and explains it', () => {
    // Week 0 is busy but falls outside the 8 baseline weeks (1–8); the window is weeks 9–11.
    const counts = [30, ...weeks(8, 2), 6, 7, 6];
    const totals = weeks(12, 40);
    const decision = evaluateWindow(counts, totals, 11)!;
    expect(decision).not.toBeNull();
    expect(decision.count).toBe(19);
    expect(decision.total).toBe(120);
    expect(decision.baselineCount).toBe(16);
    expect(decision.baselineTotal).toBe(320);
    expect(decision.expected).toBeCloseTo((120 * 16.5) / 321, 10);
    expect(decision.pValue).toBeCloseTo(poissonTail(19, (120 * 16.5) / 321), 15);
    expect(decision.pValue).toBeLessThan(1e-4);
    expect(decision.rising).toBe(true);
    expect(explainAlert('diversity', decision, 3)).toBe(
      'diversity: 19 questions in the last 3 weeks, 6.2 expected',
    );
  });

  it('stays quiet on a flat series', () => {
    const decision = evaluateWindow(weeks(12, 2), weeks(12, 40), 11)!;
    expect(decision.count).toBe(6);
    expect(decision.rising).toBe(false);
    expect(decision.pValue).toBeGreaterThan(0.3);
  });

  it('does not mistake a busy period for a rising theme', () => {
    // Everything triples: the theme's share of all questions is unchanged.
    const counts = [...weeks(9, 2), 6, 6, 6];
    const busy = evaluateWindow(counts, [...weeks(9, 40), 120, 120, 120], 11)!;
    expect(busy.expected).toBeCloseTo((360 * 16.5) / 321, 10);
    expect(busy.rising).toBe(false);
    // The same counts against a steady total are a real rise.
    expect(evaluateWindow(counts, weeks(12, 40), 11)!.rising).toBe(true);
  });

  it('needs at least four weeks of data before the window', () => {
    expect(evaluateWindow([1, 1, 1, 9, 9, 9], weeks(6, 40), 5)).toBeNull();
    const decision = evaluateWindow([1, 1, 1, 1, 9, 9, 9], weeks(7, 40), 6)!;
    expect(decision).not.toBeNull();
    // A short history is used as it is: 4 baseline weeks, not 8.
    expect(decision.baselineTotal).toBe(160);
    expect(decision.rising).toBe(true);
    expect(evaluateWindow(weeks(7, 1), weeks(7, 40), 7)).toBeNull();
    expect(evaluateWindow(weeks(7, 1), weeks(7, 40), -1)).toBeNull();
  });

  it('needs a few questions, not a jump from nothing to two', () => {
    const counts = [...weeks(9, 0), 0, 1, 1];
    const loose = { ...defaultAlertOptions, threshold: 0.05 };
    const decision = evaluateWindow(counts, weeks(12, 40), 11, loose)!;
    expect(decision.pValue).toBeLessThan(0.05);
    expect(decision.rising).toBe(false);
    expect(evaluateWindow(counts, weeks(12, 40), 11, { ...loose, minCount: 2 })!.rising).toBe(true);
  });

  it('needs the count to be well above what was expected, not merely significant', () => {
    // A big theme rising from 10 to 17 a week: significant, but less than twice the expected.
    const counts = [...weeks(9, 10), 17, 17, 17];
    const decision = evaluateWindow(counts, weeks(12, 40), 11)!;
    expect(decision.pValue).toBeLessThan(defaultAlertOptions.threshold);
    expect(decision.count / decision.expected).toBeLessThan(2);
    expect(decision.rising).toBe(false);
    const lenient = { ...defaultAlertOptions, minRatio: 1.5 };
    expect(evaluateWindow(counts, weeks(12, 40), 11, lenient)!.rising).toBe(true);
  });

  it('uses the window and threshold it is given', () => {
    const counts = [...weeks(10, 2), 2, 8];
    expect(evaluateWindow(counts, weeks(12, 40), 11)!.count).toBe(12);
    const oneWeek = { ...defaultAlertOptions, windowWeeks: 1 };
    expect(evaluateWindow(counts, weeks(12, 40), 11, oneWeek)!.count).toBe(8);
    const strict = { ...defaultAlertOptions, threshold: 1e-12 };
    expect(evaluateWindow([...weeks(9, 2), 6, 7, 6], weeks(12, 40), 11, strict)!.rising).toBe(
      false,
    );
  });
});

describe('explainAlert', () => {
  const decision: AlertDecision = {
    rising: true,
    count: 7,
    expected: 1.84,
    pValue: 0.001,
    total: 120,
    baselineCount: 4,
    baselineTotal: 320,
  };

  it('says how many questions came in and how many were expected', () => {
    expect(explainAlert('diversity', decision, 3)).toBe(
      'diversity: 7 questions in the last 3 weeks, 1.8 expected',
    );
    expect(explainAlert('pay', { ...decision, count: 1, expected: 0.04 }, 1)).toBe(
      'pay: 1 question in the last week, 0.0 expected',
    );
  });
});

describe('isNewThemeAlert', () => {
  it('recognises a theme first seen in the window with three questions there', () => {
    expect(isNewThemeAlert([0, 0, 0, 0, 1, 1, 1], 6)).toBe(true);
    expect(isNewThemeAlert([0, 0, 0, 0, 0, 0, 3], 6)).toBe(true);
  });

  it('ignores themes seen before, small ones, and series with no week before the window', () => {
    expect(isNewThemeAlert([0, 1, 0, 0, 1, 1, 1], 6)).toBe(false);
    expect(isNewThemeAlert([0, 0, 0, 0, 0, 1, 1], 6)).toBe(false);
    expect(isNewThemeAlert([1, 1, 1], 2)).toBe(false);
    // Only the window ending at endWeek counts: later weeks are the future.
    expect(isNewThemeAlert([0, 0, 0, 0, 1, 1, 0, 5], 6)).toBe(false);
  });
});
