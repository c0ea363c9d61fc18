// Measures the early-warning rule on simulated weekly series: recall of real rises and the rate of
// false alarms on noise. Prints a table over 9 cases, then one JSON object (the headline case: a
// 2-a-week theme tripling for 3 weeks) as the last line.
//   npm run eval:alerts -- [--window N] [--threshold X] [--baseline N] [--runs N]
//     [--additive]   spikes add questions on top of the ~40 a week instead of displacing others
import { parseArgs } from 'node:util';
import { defaultAlertOptions, type AlertOptions } from '@kb/api';
import {
  defaultSimulationSettings,
  evaluationCases,
  headlineCase,
  simulateCase,
  type SimulationSettings,
} from '../alerts/simulate.ts';

const { values } = parseArgs({
  options: {
    window: { type: 'string' },
    threshold: { type: 'string' },
    baseline: { type: 'string' },
    runs: { type: 'string' },
    additive: { type: 'boolean', default: false },
  },
});

const wholeNumber = (raw: string | undefined, fallback: number) =>
  raw === undefined ? fallback : Number(raw);
const options: AlertOptions = {
  ...defaultAlertOptions,
  windowWeeks: wholeNumber(values.window, defaultAlertOptions.windowWeeks),
  baselineWeeks: wholeNumber(values.baseline, defaultAlertOptions.baselineWeeks),
  threshold:
    values.threshold === undefined ? defaultAlertOptions.threshold : Number(values.threshold),
};
const settings: SimulationSettings = {
  ...defaultSimulationSettings,
  runs: wholeNumber(values.runs, defaultSimulationSettings.runs),
  spikeMode: values.additive ? 'additive' : defaultSimulationSettings.spikeMode,
};
const positiveInteger = (x: number) => Number.isInteger(x) && x >= 1;
if (
  !positiveInteger(options.windowWeeks) ||
  !positiveInteger(options.baselineWeeks) ||
  !positiveInteger(settings.runs) ||
  !(options.threshold > 0 && options.threshold <= 1)
) {
  console.error(
    '--window, --baseline and --runs take positive whole numbers, --threshold a number in (0, 1].',
  );
  process.exit(2);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  `Window ${options.windowWeeks} weeks vs ${options.baselineWeeks} baseline weeks, p < ${options.threshold}, ` +
    `≥ ${options.minCount} questions and ≥ ${options.minRatio}× expected; ` +
    `${settings.runs} runs a case, ${settings.weeks} weeks, ~${settings.weeklyTotal} questions a week, spike from week ${settings.spikeStart}`,
);
console.log(
  settings.spikeMode === 'share'
    ? 'A spike takes its extra questions from the other themes (the weekly total stays ~40).'
    : 'A spike adds its extra questions on top of the ~40 a week.',
);
console.log(
  'Recall: runs alerting on the theme under test during the spike or the week after. False alarms: ' +
    'alerting weeks of the other themes, and of the theme under test before its spike.',
);
console.log('');
console.log('baseline/wk  spike weeks  recall  false alarm rate (alarms / theme-weeks)');
let headline = { recall: 0, falseAlarmRate: 0 };
for (const spike of evaluationCases) {
  const r = simulateCase(spike, options, settings);
  const isHeadline =
    spike.baselineRate === headlineCase.baselineRate &&
    spike.spikeWeeks === headlineCase.spikeWeeks;
  console.log(
    [
      String(spike.baselineRate).padStart(11),
      String(spike.spikeWeeks).padStart(11),
      r.recall.toFixed(3).padStart(6),
      `${r.falseAlarmRate.toFixed(4)} (${r.falseAlarms}/${r.themeWeeks})`,
    ].join('  ') + (isHeadline ? '  ← headline' : ''),
  );
  if (isHeadline) headline = { recall: round3(r.recall), falseAlarmRate: round3(r.falseAlarmRate) };
}
console.log('');
console.log('Targets for the headline case: recall ≥ 0.8, false alarm rate ≤ 0.01.');
console.log(JSON.stringify(headline));
