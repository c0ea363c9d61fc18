// Measures theme detection against labelled short texts: adjusted Rand index and normalised mutual
// information of the clustering. Prints a table, then one JSON object as the last line.
//   npm run eval:themes -- [--data FILE] [--k N] [--threshold X]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  adjustedRandIndex,
  clusterByThreshold,
  clusterIntoK,
  describeThemes,
  normalizedMutualInformation,
  TfidfRepresentation,
} from '../domain/themes/index.ts';
import { THEME_SIMILARITY_THRESHOLD } from '../domain/themes/recompute.ts';

const evalDir = fileURLToPath(new URL('../../../../shared/eval/', import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: `${evalDir}stackoverflow-titles-dev.tsv` },
    k: { type: 'string' },
    threshold: { type: 'string' },
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
const threshold =
  values.threshold === undefined ? THEME_SIMILARITY_THRESHOLD : Number(values.threshold);

const started = performance.now();
const representation = new TfidfRepresentation({ minDocumentFrequency: 1 });
representation.fit(texts);
const vectors = texts.map((t) => representation.embed(t));
const assignment =
  k === undefined ? clusterByThreshold(vectors, threshold) : clusterIntoK(texts, k);
const seconds = (performance.now() - started) / 1000;

const themes = describeThemes(texts, vectors, assignment).sort(
  (a, b) => b.members.length - a.members.length,
);
console.log(
  k === undefined
    ? `Agglomerative, similarity ≥ ${threshold}`
    : `LSA + k-means + word refinement, k = ${k}`,
);
console.log('size  majority label (share)        key phrases');
for (const theme of themes.slice(0, 25)) {
  const tally = new Map<string, number>();
  for (const i of theme.members) tally.set(labels[i]!, (tally.get(labels[i]!) ?? 0) + 1);
  const [top = '', n = 0] = [...tally].sort((a, b) => b[1] - a[1])[0] ?? [];
  const share = `${top} (${Math.round((n / theme.members.length) * 100)}%)`;
  console.log(`${String(theme.members.length).padStart(4)}  ${share.padEnd(30)} ${theme.label}`);
}
if (themes.length > 25) console.log(`… and ${themes.length - 25} smaller themes`);

const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    items: texts.length,
    clusters: new Set(assignment).size,
    ari: round(adjustedRandIndex(assignment, labels)),
    nmi: round(normalizedMutualInformation(assignment, labels)),
    seconds: Math.round(seconds * 10) / 10,
  }),
);
