// Deterministic simulation for measuring the early-warning rule: about 40 questions a week spread
// over 15 themes and some unthemed background, where one theme (the theme under test) multiplies
// its rate for a few weeks. Same seed, same series, same numbers.
import { evaluateWindow, seededRandom, type AlertOptions } from '@kb/api';

/** A Poisson draw by Knuth's method: fine for the small weekly rates simulated here. */
export function samplePoisson(random: () => number, rate: number): number {
  if (!(rate > 0)) return 0;
  const limit = Math.exp(-rate);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

/** Weekly rates of the 14 other themes (34 a week between them). */
export const OTHER_THEME_RATES: readonly number[] = [5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1];

export interface SpikeCase {
  /** Usual weekly rate of the theme under test. */
  baselineRate: number;
  /** Weeks the raised rate lasts. */
  spikeWeeks: number;
  /** Multiplier of the rate during the spike (3 unless told). */
  factor?: number;
}

export interface SimulationSettings {
  /** Weeks in each series. */
  weeks: number;
  /** Index of the first spike week. */
  spikeStart: number;
  /** Replications (different seeds) per case. */
  runs: number;
  /** Expected questions a week in all, outside a spike. */
  weeklyTotal: number;
  /**
   * 'share': the week's ~weeklyTotal questions are split over the themes and a spiking theme takes
   * its extra questions from the others (1:1 time is fixed), so the total stays put. 'additive': the
   * spike's questions come on top, so the total grows with the spike.
   */
  spikeMode: 'share' | 'additive';
  seed: number;
}

export const defaultSimulationSettings: SimulationSettings = {
  weeks: 30,
  spikeStart: 20,
  runs: 4000,
  weeklyTotal: 40,
  spikeMode: 'share',
  seed: 20240601,
};

export interface SimulatedSeries {
  /** Weekly counts per theme; index 0 is the theme under test. */
  themes: number[][];
  /** Weekly counts of all questions (themes plus background). */
  totals: number[];
}

/**
 * One replication: weekly counts per theme plus unthemed background. Independent Poisson counts
 * whose rates add up to the weekly total are the same as a Poisson total split multinomially.
 */
export function simulateSeries(
  spike: SpikeCase,
  random: () => number,
  settings: SimulationSettings = defaultSimulationSettings,
): SimulatedSeries {
  const others = OTHER_THEME_RATES;
  const othersTotal = others.reduce((a, b) => a + b, 0);
  const background = Math.max(0, settings.weeklyTotal - othersTotal - spike.baselineRate);
  const factor = spike.factor ?? 3;
  const rates = [spike.baselineRate, ...others];
  const rest = othersTotal + background;
  const spikeRate = spike.baselineRate * factor;
  // How the other themes and the background scale while the theme under test spikes.
  const restScale =
    settings.spikeMode === 'share'
      ? Math.max(0, rest - (spikeRate - spike.baselineRate)) / rest
      : 1;
  const themes = rates.map(() => new Array<number>(settings.weeks).fill(0));
  const totals = new Array<number>(settings.weeks).fill(0);
  for (let week = 0; week < settings.weeks; week++) {
    const spiking = week >= settings.spikeStart && week < settings.spikeStart + spike.spikeWeeks;
    const scale = spiking ? restScale : 1;
    let total = samplePoisson(random, background * scale);
    rates.forEach((rate, theme) => {
      const n = samplePoisson(random, theme === 0 ? (spiking ? spikeRate : rate) : rate * scale);
      themes[theme]![week] = n;
      total += n;
    });
    totals[week] = total;
  }
  return { themes, totals };
}

export interface CaseResult {
  runs: number;
  /** Runs where the theme under test alerted during the spike or the week after. */
  hits: number;
  recall: number;
  /** Alerting theme-weeks on noise. */
  falseAlarms: number;
  /** Theme-weeks evaluated on noise. */
  themeWeeks: number;
  falseAlarmRate: number;
}

/** A seed per replication, mixed so neighbouring runs do not get neighbouring streams. */
function runSeed(base: number, run: number): number {
  return (Math.imul(base ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(run + 1, 0xc2b2ae35)) >>> 0;
}

/**
 * Runs `settings.runs` replications of one case. Noise is every theme-week of the other themes and
 * every week of the theme under test whose window ends before the spike; the rule is evaluated at
 * the end of each week that has enough history.
 */
export function simulateCase(
  spike: SpikeCase,
  options: AlertOptions,
  settings: SimulationSettings = defaultSimulationSettings,
): CaseResult {
  let hits = 0;
  let falseAlarms = 0;
  let themeWeeks = 0;
  const lastHitWeek = Math.min(settings.weeks - 1, settings.spikeStart + spike.spikeWeeks);
  for (let run = 0; run < settings.runs; run++) {
    const random = seededRandom(runSeed(settings.seed, run));
    const { themes, totals } = simulateSeries(spike, random, settings);
    themes.forEach((counts, theme) => {
      const noiseWeeks = theme === 0 ? settings.spikeStart : settings.weeks;
      for (let week = 0; week < noiseWeeks; week++) {
        const decision = evaluateWindow(counts, totals, week, options);
        if (!decision) continue;
        themeWeeks++;
        if (decision.rising) falseAlarms++;
      }
    });
    const test = themes[0]!;
    for (let week = settings.spikeStart; week <= lastHitWeek; week++) {
      if (evaluateWindow(test, totals, week, options)?.rising) {
        hits++;
        break;
      }
    }
  }
  return {
    runs: settings.runs,
    hits,
    recall: settings.runs > 0 ? hits / settings.runs : 0,
    falseAlarms,
    themeWeeks,
    falseAlarmRate: themeWeeks > 0 ? falseAlarms / themeWeeks : 0,
  };
}

/** The 9 evaluated cases: baseline rate × spike length. */
export const evaluationCases: readonly SpikeCase[] = [1, 2, 4].flatMap((baselineRate) =>
  [1, 2, 3].map((spikeWeeks) => ({ baselineRate, spikeWeeks })),
);

/** The case the targets are set on: a 2-a-week theme tripling for 3 weeks. */
export const headlineCase: SpikeCase = { baselineRate: 2, spikeWeeks: 3 };
