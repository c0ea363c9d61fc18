// A fixed number of groups, for `eval:themes --k` only: LSA, k-means, then a multinomial
// refinement on the words. A labelled comparison beside the product's own clustering, which never
// runs this.
import { compact, seededRandom, TfidfRepresentation, type SparseVector } from '@kb/api';
import { lsaEmbeddings } from './lsa.ts';

/** Euclidean k-means on unit rows with k-means++ seeding; the best of several restarts. */
export function kMeans(rows: readonly Float64Array[], k: number, restarts = 10): number[] {
  let best = { assignment: [] as number[], cost: Infinity };
  for (let seed = 1; seed <= restarts; seed++) {
    const run = kMeansOnce(rows, k, seed);
    if (run.cost < best.cost) best = run;
  }
  return best.assignment;
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return s;
}

function kMeansOnce(rows: readonly Float64Array[], k: number, seed: number) {
  const random = seededRandom(seed);
  const n = rows.length;
  const dims = rows[0]?.length ?? 0;
  const centres = [Float64Array.from(rows[Math.floor(random() * n)]!)];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    let total = 0;
    const latest = centres[centres.length - 1]!;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, squaredDistance(rows[i]!, latest));
      total += nearest[i]!;
    }
    let pick = random() * total;
    let i = 0;
    for (; i < n - 1; i++) {
      pick -= nearest[i]!;
      if (pick <= 0) break;
    }
    centres.push(Float64Array.from(rows[i]!));
  }
  const assignment = new Array<number>(n).fill(-1);
  let cost = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let changed = 0;
    cost = 0;
    for (let i = 0; i < n; i++) {
      let bestK = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = squaredDistance(rows[i]!, centres[c]!);
        if (d < bestD) {
          bestD = d;
          bestK = c;
        }
      }
      if (assignment[i] !== bestK) changed++;
      assignment[i] = bestK;
      cost += bestD;
    }
    if (changed === 0) break;
    const sizes = new Float64Array(k);
    for (const centre of centres) centre.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      sizes[c]!++;
      const centre = centres[c]!;
      const row = rows[i]!;
      for (let j = 0; j < dims; j++) centre[j]! += row[j]!;
    }
    for (let c = 0; c < k; c++)
      if (sizes[c]) for (let j = 0; j < dims; j++) centres[c]![j]! /= sizes[c]!;
  }
  return { assignment, cost };
}

/**
 * Reassigns each question to the group whose word distribution explains it best (a multinomial
 * model over TF-IDF weights), until nothing moves: LSA finds the shape, the words sharpen the edges.
 */
export function refineByWords(
  docs: readonly SparseVector[],
  terms: number,
  assignment: readonly number[],
  k: number,
  smoothing = 0.01,
): number[] {
  let current = [...assignment];
  for (let iteration = 0; iteration < 20; iteration++) {
    const weight = Array.from({ length: k }, () => new Float64Array(terms));
    const totals = new Float64Array(k);
    const sizes = new Float64Array(k);
    docs.forEach((v, i) => {
      const c = current[i]!;
      sizes[c]!++;
      for (let j = 0; j < v.ids.length; j++) {
        weight[c]![v.ids[j]!]! += v.weights[j]!;
        totals[c]! += v.weights[j]!;
      }
    });
    const logP = weight.map((w, c) => {
      const out = new Float64Array(terms);
      const denominator = Math.log(totals[c]! + terms * smoothing);
      for (let t = 0; t < terms; t++) out[t] = Math.log(w[t]! + smoothing) - denominator;
      return out;
    });
    let changed = 0;
    current = docs.map((v, i) => {
      if (v.ids.length === 0) return current[i]!;
      let bestC = current[i]!;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        if (sizes[c] === 0) continue;
        let score = Math.log(sizes[c]! + 1);
        for (let j = 0; j < v.ids.length; j++) score += v.weights[j]! * logP[c]![v.ids[j]!]!;
        if (score > bestScore) {
          bestScore = score;
          bestC = c;
        }
      }
      if (bestC !== current[i]) changed++;
      return bestC;
    });
    if (changed === 0) break;
  }
  return current;
}

/** Exactly k groups (fewer only when there are fewer texts). */
export function clusterIntoK(texts: readonly string[], k: number): number[] {
  const groups = Math.min(k, texts.length);
  if (groups <= 1) return texts.map(() => 0);
  const representation = new TfidfRepresentation({ pairs: false });
  representation.fit(texts);
  const docs = texts.map((t) => representation.embed(t));
  const dimensions = Math.max(2, Math.min(60, Math.floor(texts.length / 3)));
  const rows = lsaEmbeddings(docs, Math.max(representation.size, 1), dimensions);
  const coarse = kMeans(rows, groups);
  return compact(refineByWords(docs, Math.max(representation.size, 1), coarse, groups));
}
