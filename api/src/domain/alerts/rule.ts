// Early warning: is a theme or category asked about more than its own history predicts, as a share
// of everything asked (so a busy month of 1:1s does not look like a rising theme)? Pure functions
// over weekly series, oldest week first.

export interface AlertOptions {
  /** Recent weeks whose count is tested, ending at the evaluated week. */
  windowWeeks: number;
  /** Weeks right before the window that set the expected share (fewer when the data is shorter). */
  baselineWeeks: number;
  /** A rise is flagged when P(X ≥ count) under the baseline share is below this. */
  threshold: number;
  /** Fewest questions in the window worth a warning. */
  minCount: number;
  /** The window must hold at least this multiple of the expected count. */
  minRatio: number;
  /** Weeks of data needed before the window. */
  minHistoryWeeks: number;
}

// eval:alerts: 3 weeks at p < 0.004 → recall ~0.83, false alarms ~0.9% (2 weeks at 0.01: ~1.2%).
export const defaultAlertOptions: AlertOptions = {
  windowWeeks: 3,
  baselineWeeks: 8,
  threshold: 0.004,
  minCount: 3,
  minRatio: 2,
  minHistoryWeeks: 4,
};

export interface AlertDecision {
  rising: boolean;
  /** Questions of the group in the window. */
  count: number;
  /** Questions of the group the baseline share predicts for the window. */
  expected: number;
  /** P(X ≥ count) for X ~ Poisson(expected). */
  pValue: number;
  /** All questions in the window. */
  total: number;
  /** Questions of the group, and all questions, in the baseline weeks. */
  baselineCount: number;
  baselineTotal: number;
}

/** ln(n!) for a whole number n ≥ 0. */
function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

/** ln P(X = k) for X ~ Poisson(e), e > 0. */
function logPoissonTerm(k: number, e: number): number {
  return -e + k * Math.log(e) - logFactorial(k);
}

/**
 * P(X ≥ c) for X ~ Poisson(e). Above the mean the tail is summed upwards from c, so tiny tails keep
 * their precision; at or below the mean it is one minus the lower sum, which is then far from zero.
 */
export function poissonTail(c: number, e: number): number {
  const k0 = Math.ceil(c);
  if (k0 <= 0) return 1;
  if (!(e > 0)) return 0;
  if (k0 > e) {
    let term = Math.exp(logPoissonTerm(k0, e));
    let sum = 0;
    for (let k = k0; term > 0; k++) {
      sum += term;
      if (term <= sum * 1e-17) break;
      term *= e / (k + 1);
    }
    return Math.min(1, sum);
  }
  // P(X ≤ k0 − 1), summed downwards from k0 − 1 where the terms are largest.
  let term = Math.exp(logPoissonTerm(k0 - 1, e));
  let lower = 0;
  for (let k = k0 - 1; k >= 0; k--) {
    lower += term;
    term *= k / e;
  }
  return Math.min(1, Math.max(0, 1 - lower));
}

/** Sum of values[from..to], both inclusive, ignoring indices outside the array. */
function sumRange(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = Math.max(0, from); i <= to && i < values.length; i++) sum += values[i] ?? 0;
  return sum;
}

/**
 * Tests the window of `options.windowWeeks` weeks ending at `endWeek` (inclusive, an index into the
 * aligned weekly arrays) against the share of all questions the group had in the baseline weeks
 * before it. Null when fewer than `options.minHistoryWeeks` weeks of data precede the window.
 */
export function evaluateWindow(
  counts: readonly number[],
  totals: readonly number[],
  endWeek: number,
  options: AlertOptions = defaultAlertOptions,
): AlertDecision | null {
  if (!Number.isInteger(endWeek) || endWeek < 0 || endWeek >= counts.length) return null;
  const windowStart = endWeek - options.windowWeeks + 1;
  // Every index before the window is a week of data (the arrays start at the first week).
  if (windowStart < Math.max(1, options.minHistoryWeeks)) return null;
  const baselineStart = Math.max(0, windowStart - options.baselineWeeks);

  const count = sumRange(counts, windowStart, endWeek);
  const total = sumRange(totals, windowStart, endWeek);
  const baselineCount = sumRange(counts, baselineStart, windowStart - 1);
  const baselineTotal = sumRange(totals, baselineStart, windowStart - 1);

  // Half a question of prior keeps a group never seen in the baseline from expecting zero.
  const share = (baselineCount + 0.5) / (baselineTotal + 1);
  const expected = total * share;
  const pValue = poissonTail(count, expected);
  const rising =
    count >= options.minCount && count >= options.minRatio * expected && pValue < options.threshold;
  return { rising, count, expected, pValue, total, baselineCount, baselineTotal };
}

/**
 * A theme first seen inside the window (no questions in any earlier week of these series, and
 * there was at least one such week) that gathered `options.minCount` (3) or more questions in the
 * window. The series hold only the baseline weeks: the caller also checks the theme's first week
 * over all its history, so a theme last seen a year ago is not new.
 */
export function isNewThemeAlert(
  counts: readonly number[],
  endWeek: number,
  options: AlertOptions = defaultAlertOptions,
): boolean {
  if (!Number.isInteger(endWeek) || endWeek < 0 || endWeek >= counts.length) return false;
  const windowStart = endWeek - options.windowWeeks + 1;
  if (windowStart < 1) return false;
  if (sumRange(counts, 0, windowStart - 1) > 0) return false;
  return sumRange(counts, windowStart, endWeek) >= options.minCount;
}

/** One line for leadership, e.g. "diversity: 7 questions in the last 3 weeks, 1.8 expected". */
export function explainAlert(name: string, d: AlertDecision, windowWeeks: number): string {
  const weeks = windowWeeks === 1 ? 'the last week' : `the last ${windowWeeks} weeks`;
  const questions = d.count === 1 ? 'question' : 'questions';
  return `${name}: ${d.count} ${questions} in ${weeks}, ${d.expected.toFixed(1)} expected`;
}
