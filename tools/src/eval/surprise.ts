// Measures how well the product tells an all-hands question that no 1:1 theme anticipated (a
// surprise) from one the 1:1s raised, on labelled short texts: a share of the labels is held out as
// "new at the all-hands"; the other labels' texts are the 1:1 history, but for a few asked at the
// all-hands beside the new ones. Themes are built from the history as a recompute builds them,
// then the product's matcher judges each all-hands question. Each fold holds out other labels, so
// with the default every label is new once. Prints a table, then one JSON object as the last line.
//   npm run eval:surprise -- [--data FILE] [--holdout 0.25] [--asked 300] [--folds N] [--seed 1]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AnticipationModel, groupQuestions, seededRandom } from '@kb/api';

const evalDir = fileURLToPath(new URL('../../../../shared/eval/', import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: `${evalDir}stackoverflow-titles-dev.tsv` },
    holdout: { type: 'string', default: '0.25' },
    asked: { type: 'string', default: '300' },
    folds: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (!existsSync(values.data!)) {
  fail(
    `Cannot read ${values.data}: no such file. Pass --data FILE (a TSV with text and label columns).`,
  );
}
const [header = '', ...lines] = readFileSync(values.data!, 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const columns = header.split('\t');
const textColumn = columns.indexOf('text');
const labelColumn = columns.indexOf('label');
if (textColumn < 0 || labelColumn < 0) {
  fail(`${values.data}: the header must name a "text" and a "label" column.`);
}
const rows = lines.map((l) => {
  const cells = l.split('\t');
  return { text: cells[textColumn] ?? '', label: cells[labelColumn] ?? '' };
});

const holdout = Number(values.holdout);
const asked = Number(values.asked);
const seed = Number(values.seed);
if (!(holdout > 0 && holdout < 1)) fail('--holdout must be a share between 0 and 1.');
if (!Number.isInteger(asked) || asked < 2)
  fail('--asked must be a whole number of questions, 2 or more.');
if (!Number.isInteger(seed)) fail('--seed must be a whole number.');

const random = seededRandom(seed);
const labels = [...new Set(rows.map((r) => r.label))].sort();
for (let i = labels.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [labels[i], labels[j]] = [labels[j]!, labels[i]!];
}
const perFold = Math.max(1, Math.round(labels.length * holdout));
if (perFold >= labels.length) fail('--holdout leaves no label for the 1:1 history.');
const folds =
  values.folds === undefined ? Math.floor(labels.length / perFold) : Number(values.folds);
if (!Number.isInteger(folds) || folds < 1 || folds * perFold > labels.length) {
  fail(`--folds must be a whole number from 1 to ${Math.floor(labels.length / perFold)}.`);
}
// Every text is drawn for the all-hands at the same rate, so new labels come up as often as others.
const rate = Math.min(1, asked / rows.length);

interface Judged {
  surprise: boolean;
  similarity: number;
  predicted: boolean;
}
const judged: Judged[] = [];
const started = performance.now();
console.log(
  `${rows.length} texts, ${labels.length} labels; ${folds} fold(s), ${perFold} label(s) new at each all-hands`,
);
console.log('fold  history  themes  asked  new  threshold  own|other median  precision  recall');
for (let fold = 0; fold < folds; fold++) {
  const held = new Set(labels.slice(fold * perFold, (fold + 1) * perFold));
  const draw = seededRandom(seed * 1_000 + fold);
  const history: string[] = [];
  const allHands: { text: string; surprise: boolean }[] = [];
  for (const row of rows) {
    const atAllHands = draw() < rate;
    if (atAllHands) allHands.push({ text: row.text, surprise: held.has(row.label) });
    else if (!held.has(row.label)) history.push(row.text);
  }
  // As a recompute: every 1:1 question is the corpus and is grouped; then the product's matcher.
  const themes = groupQuestions(history, history);
  const themeOf: (string | null)[] = history.map(() => null);
  themes.forEach((theme, t) => {
    for (const i of theme.members) themeOf[i] = `theme-${t}`;
  });
  const model = AnticipationModel.build(history.map((text, i) => ({ text, themeId: themeOf[i]! })));
  const matches = model.match(allHands.map((q) => q.text));
  const inFold = allHands.map((q, i) => ({
    surprise: q.surprise,
    similarity: matches[i]!.similarity,
    predicted: !matches[i]!.anticipated,
  }));
  judged.push(...inFold);
  const c = model.calibration;
  const { precision, recall } = scores(inFold);
  console.log(
    [
      String(fold + 1).padStart(4),
      String(history.length).padStart(8),
      String(themes.length).padStart(7),
      String(allHands.length).padStart(6),
      String(inFold.filter((q) => q.surprise).length).padStart(4),
      c.threshold.toFixed(3).padStart(10),
      `${c.ownMedian.toFixed(2)}|${c.otherMedian.toFixed(2)}`.padStart(17),
      precision.toFixed(3).padStart(10),
      recall.toFixed(3).padStart(7),
    ].join(' '),
  );
}

function scores(items: readonly Judged[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const q of items) {
    if (q.predicted && q.surprise) tp++;
    else if (q.predicted) fp++;
    else if (q.surprise) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Area under the ROC curve of "less alike is more surprising", ties counted half (Mann-Whitney). */
function auc(items: readonly Judged[]): number {
  const sorted = [...items].sort((a, b) => b.similarity - a.similarity);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.similarity === sorted[i]!.similarity) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (sorted[k]!.surprise) {
        rankSum += rank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const all = scores(judged);
console.log(
  `all folds: ${judged.length} all-hands questions, ${all.tp + all.fn} new; ` +
    `${all.tp} surprises found, ${all.fp} anticipated ones called surprises, ${all.fn} missed ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(
  `surprise: precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)}, ` +
    `F1 ${all.f1.toFixed(3)}, AUC ${auc(judged).toFixed(3)}`,
);
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    precision: round(all.precision),
    recall: round(all.recall),
    f1: round(all.f1),
    auc: round(auc(judged)),
  }),
);
