// Early warning: is a theme or category asked about more than its own history predicts, as a share
// of everything asked (so a busy month of 1:1s does not look like a rising theme)?

export interface AlertOptions {
  /** Recent weeks compared with the baseline. */
  windowWeeks: number;
  /** Weeks before the window that make the baseline. */
  baselineWeeks: number;
  /** Largest Poisson tail probability that still counts as a rise. */
  threshold: number;
  /** Fewest questions in the window worth a warning. */
  minCount: number;
  /** The window must hold at least this multiple of the expected count. */
  minRatio: number;
  /** Weeks of history needed before the window. */
  minHistoryWeeks: number;
  /**
   * 'conditional': an exact binomial test of the window's share of the group's questions, which
   * accounts for the baseline being an estimate; 'poisson': the plug-in Poisson tail P(X ≥ c | e).
   */
  test: 'conditional' | 'poisson';
}

/**
 * Tuned with `npm run eval:alerts`. The Poisson tail treats the baseline rate as known, so noise in
 * a short baseline turns into false alarms: no window and threshold gave both recall ≥ 0.8 and
 * false alarms ≤ 1% of theme-weeks. The conditional test over a 3-week window against up to 16
 * weeks of history at p < 0.02 does.
 */
export const defaultAlertOptions: AlertOptions = {
  windowWeeks: 3,
  baselineWeeks: 16,
  threshold: 0.02,
  minCount: 3,
  minRatio: 2,
  minHistoryWeeks: 4,
  test: 'conditional',
};

export interface AlertDecision {
  rising: boolean;
  /** Questions of the group in the window, and all questions in the window. */
  count: number;
  total: number;
  expected: number;
  pValue: number;
  baselineCount: number;
  baselineTotal: number;
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

/** P(X ≥ c) for X ~ Poisson(e), summed from c upwards so small tails stay accurate. */
export function poissonTail(c: number, e: number): number {
  if (c <= 0) return 1;
  if (e <= 0) return 0;
  let term = Math.exp(-e + c * Math.log(e) - logFactorial(c));
  let sum = 0;
  for (let i = c; i < c + 1000; i++) {
    sum += term;
    term *= e / (i + 1);
    if (term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}

/** P(X ≥ c) for X ~ Binomial(n, p). */
export function binomialTail(c: number, n: number, p: number): number {
  if (c <= 0) return 1;
  if (c > n || p <= 0) return 0;
  if (p >= 1) return 1;
  const logTerm = (k: number) =>
    logFactorial(n) -
    logFactorial(k) -
    logFactorial(n - k) +
    k * Math.log(p) +
    (n - k) * Math.log(1 - p);
  let sum = 0;
  for (let k = c; k <= n; k++) sum += Math.exp(logTerm(k));
  return Math.min(1, sum);
}

const sum = (values: readonly number[], from: number, to: number) => {
  let s = 0;
  for (let i = Math.max(0, from); i <= to; i++) s += values[i] ?? 0;
  return s;
};

/**
 * Evaluates the window ending at `endWeek` (an index into the weekly arrays, oldest first).
 * Null when fewer than `minHistoryWeeks` weeks precede the window.
 */
export function evaluateWindow(
  counts: readonly number[],
  totals: readonly number[],
  endWeek: number,
  options: AlertOptions = defaultAlertOptions,
): AlertDecision | null {
  const windowStart = endWeek - options.windowWeeks + 1;
  if (windowStart < options.minHistoryWeeks) return null;
  const baselineStart = windowStart - options.baselineWeeks;
  const count = sum(counts, windowStart, endWeek);
  const total = sum(totals, windowStart, endWeek);
  const baselineCount = sum(counts, baselineStart, windowStart - 1);
  const baselineTotal = sum(totals, baselineStart, windowStart - 1);
  const expected = total * ((baselineCount + 0.5) / (baselineTotal + 1));
  const pValue =
    options.test === 'conditional'
      ? binomialTail(count, count + baselineCount, total / Math.max(total + baselineTotal, 1))
      : poissonTail(count, expected);
  const rising =
    count >= options.minCount && count >= options.minRatio * expected && pValue < options.threshold;
  return { rising, count, total, expected, pValue, baselineCount, baselineTotal };
}

/** A theme first seen inside the window that already gathered `minCount` questions there. */
export function isNewAndGrowing(
  counts: readonly number[],
  endWeek: number,
  options: AlertOptions = defaultAlertOptions,
): boolean {
  const windowStart = endWeek - options.windowWeeks + 1;
  const before = sum(counts, 0, windowStart - 1);
  return before === 0 && sum(counts, windowStart, endWeek) >= options.minCount;
}

export function explainAlert(name: string, decision: AlertDecision, windowWeeks: number): string {
  const weeks = windowWeeks === 1 ? 'the last week' : `the last ${windowWeeks} weeks`;
  const questions = decision.count === 1 ? 'question' : 'questions';
  return `${name}: ${decision.count} ${questions} in ${weeks}, ${decision.expected.toFixed(1)} expected`;
}
