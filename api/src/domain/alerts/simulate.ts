// Simulated weekly series for measuring the early-warning rule: about 40 questions a week over a
// set of themes, one of which rises for a few weeks.
import { seededRandom } from '../themes/random.ts';
import { evaluateWindow, type AlertOptions } from './rule.ts';

/** Weekly rates of the other themes: about 38 questions a week between them. */
const BACKGROUND_RATES = [6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1];

export interface SpikeCase {
  baseline: number;
  spikeWeeks: number;
  /** Multiplier of the rate during the spike. */
  factor?: number;
}

export interface CaseResult {
  hits: number;
  runs: number;
  falseAlarms: number;
  themeWeeks: number;
}

function poisson(random: () => number, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export function simulateCase(
  spike: SpikeCase,
  options: AlertOptions,
  runs = 300,
  weeks = 30,
  spikeStart = 20,
): CaseResult {
  const result: CaseResult = { hits: 0, runs, falseAlarms: 0, themeWeeks: 0 };
  for (let run = 0; run < runs; run++) {
    const random = seededRandom(1000 * spike.baseline + 100 * spike.spikeWeeks + run + 1);
    const rates = [spike.baseline, ...BACKGROUND_RATES];
    const series = rates.map((rate, theme) =>
      Array.from({ length: weeks }, (_, week) => {
        const spiking = theme === 0 && week >= spikeStart && week < spikeStart + spike.spikeWeeks;
        return poisson(random, spiking ? rate * (spike.factor ?? 3) : rate);
      }),
    );
    const totals = Array.from({ length: weeks }, (_, week) =>
      series.reduce((s, counts) => s + counts[week]!, 0),
    );

    for (const counts of series) {
      for (let week = 0; week < spikeStart; week++) {
        const decision = evaluateWindow(counts, totals, week, options);
        if (!decision) continue;
        result.themeWeeks++;
        if (decision.rising) result.falseAlarms++;
      }
    }
    for (let week = spikeStart; week <= spikeStart + spike.spikeWeeks; week++) {
      if (evaluateWindow(series[0]!, totals, week, options)?.rising) {
        result.hits++;
        break;
      }
    }
  }
  return result;
}
