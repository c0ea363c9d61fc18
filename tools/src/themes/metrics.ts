// Agreement between a clustering and reference labels: adjusted Rand index and normalised mutual
// information (arithmetic mean normalisation, as scikit-learn reports it).

function contingency(predicted: readonly number[], truth: readonly (string | number)[]) {
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<string | number, number>();
  predicted.forEach((p, i) => {
    const t = truth[i]!;
    const key = `${p}\u0000${t}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(p, (rows.get(p) ?? 0) + 1);
    cols.set(t, (cols.get(t) ?? 0) + 1);
  });
  return { table, rows, cols, n: predicted.length };
}

const pairs = (x: number) => (x * (x - 1)) / 2;

export function adjustedRandIndex(
  predicted: readonly number[],
  truth: readonly (string | number)[],
): number {
  const { table, rows, cols, n } = contingency(predicted, truth);
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let a = 0;
  for (const v of rows.values()) a += pairs(v);
  let b = 0;
  for (const v of cols.values()) b += pairs(v);
  const expected = (a * b) / pairs(n);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

export function normalizedMutualInformation(
  predicted: readonly number[],
  truth: readonly (string | number)[],
): number {
  const { table, rows, cols, n } = contingency(predicted, truth);
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
    return h;
  };
  let mutual = 0;
  for (const [key, v] of table) {
    const [p, t] = key.split('\u0000') as [string, string];
    const rowCount = rows.get(Number(p))!;
    const colCount = [...cols.entries()].find(([k]) => String(k) === t)![1];
    mutual += (v / n) * Math.log((n * v) / (rowCount * colCount));
  }
  const hp = entropy(rows.values());
  const ht = entropy(cols.values());
  const mean = (hp + ht) / 2;
  return mean === 0 ? 1 : mutual / mean;
}
