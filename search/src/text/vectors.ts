// How alike two texts are: sparse term vectors and their cosine.

export interface SparseVector {
  /** Ascending term ids. */
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float32Array(0) };

/** The dot product; for unit vectors, their cosine. */
export function dot(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** A unit-length vector from weights by term id; all zero stays empty of weight. */
export function normalise(entries: ReadonlyMap<number, number>): SparseVector {
  const ids = Int32Array.from([...entries.keys()].sort((a, b) => a - b));
  const weights = new Float32Array(ids.length);
  let norm = 0;
  ids.forEach((id, k) => {
    const w = entries.get(id)!;
    weights[k] = w;
    norm += w * w;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k] = weights[k]! / norm;
  return { ids, weights };
}

/** The cosine of two bags of terms counted as they occur, for texts compared without a corpus. */
export function termCosine(a: readonly string[], b: readonly string[]): number {
  const count = (terms: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  };
  const ca = count(a);
  const cb = count(b);
  let product = 0;
  for (const [t, n] of ca) product += n * (cb.get(t) ?? 0);
  const norm = (c: Map<string, number>) =>
    Math.sqrt([...c.values()].reduce((s, n) => s + n * n, 0));
  const denominator = norm(ca) * norm(cb);
  return denominator === 0 ? 0 : product / denominator;
}
