// Measures the early-warning rule on simulated weekly series: recall of real rises and the rate of
// false alarms on noise. Prints a table, then one JSON object as the last line.
//   npm run eval:alerts -- [--window N] [--threshold X] [--runs N]
import { parseArgs } from 'node:util';
import { defaultAlertOptions, type AlertOptions } from '../domain/alerts/rule.ts';
import { simulateCase } from '../domain/alerts/simulate.ts';

const { values } = parseArgs({
  options: {
    window: { type: 'string' },
    threshold: { type: 'string' },
    baseline: { type: 'string' },
    test: { type: 'string' },
    runs: { type: 'string', default: '300' },
  },
});
const options: AlertOptions = {
  ...defaultAlertOptions,
  ...(values.window ? { windowWeeks: Number(values.window) } : {}),
  ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
  ...(values.baseline ? { baselineWeeks: Number(values.baseline) } : {}),
  ...(values.test === 'poisson' || values.test === 'conditional' ? { test: values.test } : {}),
};
const runs = Number(values.runs);
if (
  !(options.windowWeeks >= 1) ||
  !(options.baselineWeeks >= 1) ||
  !(options.threshold > 0) ||
  !(runs >= 1)
) {
  console.error(
    '--window, --baseline and --runs must be positive whole numbers, --threshold a positive number.',
  );
  process.exit(2);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  `${options.test} test, window ${options.windowWeeks} weeks against up to ${options.baselineWeeks} weeks before, p < ${options.threshold}, ${runs} runs a case`,
);
console.log('baseline/wk  spike weeks  recall  false alarms / theme-weeks');
let headline = { recall: 0, falseAlarmRate: 0 };
for (const baseline of [1, 2, 4]) {
  for (const spikeWeeks of [1, 2, 3]) {
    const r = simulateCase({ baseline, spikeWeeks }, options, runs);
    const recall = r.hits / r.runs;
    const falseAlarmRate = r.falseAlarms / r.themeWeeks;
    console.log(
      `${String(baseline).padStart(11)}  ${String(spikeWeeks).padStart(11)}  ${recall.toFixed(3).padStart(6)}  ${falseAlarmRate.toFixed(4)} (${r.falseAlarms}/${r.themeWeeks})`,
    );
    if (baseline === 2 && spikeWeeks === 3)
      headline = { recall: round(recall), falseAlarmRate: round(falseAlarmRate) };
  }
}
console.log(JSON.stringify(headline));
