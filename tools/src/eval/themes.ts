// Measures theme detection against labelled short texts: adjusted Rand index and normalised mutual
// information of the clustering. Prints a table, then one JSON object as the last line.
//   npm run eval:themes -- [--data FILE] [--k N]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeThemes, groupQuestions } from '@kb/api';
import { clusterIntoK } from '../themes/k-means.ts';
import { adjustedRandIndex, normalizedMutualInformation } from '../themes/metrics.ts';

const evalDir = fileURLToPath(new URL('../../../../shared/eval/', import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: `${evalDir}stackoverflow-titles-dev.tsv` },
    k: { type: 'string' },
  },
});

if (!existsSync(values.data!)) {
  console.error(
    `Cannot read ${values.data}: no such file. Pass --data FILE (a TSV with text and label columns).`,
  );
  process.exit(2);
}
const [header = '', ...rows] = readFileSync(values.data!, 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const columns = header.split('\t');
const textColumn = columns.indexOf('text');
const labelColumn = columns.indexOf('label');
if (textColumn < 0 || labelColumn < 0) {
  console.error(`${values.data}: the header must name a "text" and a "label" column.`);
  process.exit(2);
}
const texts = rows.map((r) => r.split('\t')[textColumn] ?? '');
const labels = rows.map((r) => r.split('\t')[labelColumn] ?? '');

const k = values.k === undefined ? undefined : Number(values.k);
if (k !== undefined && (!Number.isInteger(k) || k < 1)) {
  console.error('--k must be a positive whole number.');
  process.exit(2);
}
const started = performance.now();
// Without --k: exactly what a recompute runs (groupQuestions, its settings and its rule for the
// other questions). With --k: a labelled comparison at a fixed number of groups.
const themes =
  k === undefined ? groupQuestions(texts, texts) : describeThemes(texts, clusterIntoK(texts, k));
const seconds = (performance.now() - started) / 1000;

// A question in no theme ("other questions") is scored as a group of its own.
const assignment = texts.map((_, i) => texts.length + i);
themes.forEach((theme, t) => {
  for (const i of theme.members) assignment[i] = t;
});
const other = texts.length - themes.reduce((sum, theme) => sum + theme.members.length, 0);

console.log(
  k === undefined
    ? `The product's themes: ${themes.length} chosen, ${other} other questions`
    : `LSA + k-means + word refinement, k = ${k}`,
);
console.log('size  majority label (share)        title · key phrases');
const bySize = [...themes].sort((a, b) => b.members.length - a.members.length);
for (const theme of bySize.slice(0, 25)) {
  const tally = new Map<string, number>();
  for (const i of theme.members) tally.set(labels[i]!, (tally.get(labels[i]!) ?? 0) + 1);
  const [top = '', n = 0] = [...tally].sort((a, b) => b[1] - a[1])[0] ?? [];
  const share = `${top} (${Math.round((n / theme.members.length) * 100)}%)`;
  console.log(
    `${String(theme.members.length).padStart(4)}  ${share.padEnd(30)} ${theme.label} · ${theme.keywords.join(', ')}`,
  );
}
if (bySize.length > 25) console.log(`… and ${bySize.length - 25} smaller themes`);

const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    items: texts.length,
    clusters: themes.length,
    ari: round(adjustedRandIndex(assignment, labels)),
    nmi: round(normalizedMutualInformation(assignment, labels)),
    seconds: Math.round(seconds * 10) / 10,
  }),
);
