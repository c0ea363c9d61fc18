// Grouping rows into a given number of groups (spherical k-means), and how clear a grouping is
// (silhouette).
import { dot, type SparseVector } from '@kb/search';
import type { DenseRows } from './latent.ts';
import { seededRandom } from './random.ts';

export interface KMeansResult {
  /** The group of each row. */
  assignment: Int32Array;
  /** Unit-length group centres, k × width. */
  centres: Float32Array;
  /** Sum of each row's weighted cosine to its centre: higher is tighter. */
  cohesion: number;
}

export interface KMeansOptions {
  seed: number;
  /** Row weights (how many questions a row stands for); 1 each by default. */
  weights?: Float32Array;
  /** Only these rows take part; the result's assignment follows their order. */
  subset?: Int32Array;
  /** Centres to start from (k × width) instead of k-means++ seeding. */
  start?: Float32Array;
  iterations?: number;
  /** Settled once at most this share of the rows moves in a pass; 0.001 by default. */
  tolerance?: number;
}

function dotRows(a: Float32Array, ao: number, b: Float32Array, bo: number, width: number): number {
  let s = 0;
  for (let j = 0; j < width; j++) s += a[ao + j]! * b[bo + j]!;
  return s;
}

/**
 * k-means on the unit sphere (cosine similarity), seeded by k-means++: the centres are spread
 * over the data, each further one chosen in proportion to how far it is from those already chosen.
 */
export function sphericalKMeans(rows: DenseRows, k: number, options: KMeansOptions): KMeansResult {
  const { values, width } = rows;
  const members = options.subset ?? Int32Array.from({ length: rows.count }, (_, i) => i);
  const n = members.length;
  const weight = (a: number) => options.weights?.[members[a]!] ?? 1;
  const random = seededRandom(options.seed);
  const centres = options.start ? Float32Array.from(options.start) : new Float32Array(k * width);
  const distance = new Float64Array(n).fill(Infinity);

  let pick = members[Math.floor(random() * n)]!;
  if (!options.start) centres.set(values.subarray(pick * width, (pick + 1) * width), 0);
  for (let c = 1; c < k && !options.start; c++) {
    let total = 0;
    for (let a = 0; a < n; a++) {
      const d = 1 - dotRows(values, members[a]! * width, centres, (c - 1) * width, width);
      if (d < distance[a]!) distance[a] = Math.max(d, 0);
      total += distance[a]! * weight(a);
    }
    let target = random() * total;
    let a = 0;
    for (; a < n - 1; a++) {
      target -= distance[a]! * weight(a);
      if (target <= 0) break;
    }
    pick = members[a]!;
    centres.set(values.subarray(pick * width, (pick + 1) * width), c * width);
  }

  const assignment = new Int32Array(n).fill(-1);
  let cohesion = 0;
  for (let iteration = 0; iteration < (options.iterations ?? 30); iteration++) {
    let moved = 0;
    cohesion = 0;
    for (let a = 0; a < n; a++) {
      const offset = members[a]! * width;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dotRows(values, offset, centres, c * width, width);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      if (assignment[a] !== best) moved++;
      assignment[a] = best;
      cohesion += bestScore * weight(a);
    }
    // A few stragglers moving does not change what the groups are.
    if (moved <= n * (options.tolerance ?? 0.001)) break;
    centres.fill(0);
    for (let a = 0; a < n; a++) {
      const offset = members[a]! * width;
      const o = assignment[a]! * width;
      const w = weight(a);
      for (let j = 0; j < width; j++) centres[o + j]! += w * values[offset + j]!;
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < width; j++) norm += centres[c * width + j]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < width; j++) centres[c * width + j]! /= norm;
    }
  }
  return { assignment, centres, cohesion };
}

/**
 * Every pair's dissimilarity (1 − cosine) among some of the vectors, m × m: silhouettes of many
 * groupings of the same rows are then only additions.
 */
export function dissimilarities(
  vectors: readonly SparseVector[],
  rows: ArrayLike<number>,
): Float32Array {
  const m = rows.length;
  const out = new Float32Array(m * m);
  for (let a = 0; a < m; a++) {
    const va = vectors[rows[a]!]!;
    for (let b = a + 1; b < m; b++) {
      const d = 1 - dot(va, vectors[rows[b]!]!);
      out[a * m + b] = d;
      out[b * m + a] = d;
    }
  }
  return out;
}

/**
 * The mean silhouette (Rousseeuw) of a grouping: each item's average dissimilarity to the nearest
 * other group against that to its own, from −1 to 1. An item in no group (negative) or alone in its
 * group counts 0, so leaving items out cannot raise the score. `counts` says how many identical
 * items each one stands for (1 each by default): its copies are in its group at dissimilarity 0.
 */
export function meanSilhouette(
  dissimilarity: Float32Array,
  assignment: ArrayLike<number>,
  counts?: ArrayLike<number>,
): number {
  const m = assignment.length;
  const times = (a: number) => counts?.[a] ?? 1;
  const groups = compact(assignment);
  const k = groups.reduce((max, g) => Math.max(max, g), -1) + 1;
  const sizes = new Float64Array(k);
  let items = 0;
  for (let a = 0; a < m; a++) {
    items += times(a);
    if (groups[a]! >= 0) sizes[groups[a]!]! += times(a);
  }
  const toGroup = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < m; a++) {
    const own = groups[a]!;
    if (own < 0 || sizes[own]! <= 1) continue;
    toGroup.fill(0);
    for (let b = 0; b < m; b++) {
      const g = groups[b]!;
      if (g >= 0) toGroup[g]! += times(b) * dissimilarity[a * m + b]!;
    }
    const within = toGroup[own]! / (sizes[own]! - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c]! > 0) nearest = Math.min(nearest, toGroup[c]! / sizes[c]!);
    }
    if (nearest === Infinity) continue;
    total += (times(a) * (nearest - within)) / Math.max(nearest, within, 1e-12);
  }
  return total / (items || 1);
}

/**
 * A sample of `size` rows drawn by their keys (the rows with the smallest keys, in key order), so
 * that rows added later change it only where they are drawn themselves.
 */
export function sampleByKey(
  rows: ArrayLike<number>,
  keys: ArrayLike<number>,
  size: number,
): Int32Array {
  return Int32Array.from(rows)
    .sort((a, b) => keys[a]! - keys[b]! || a - b)
    .subarray(0, size);
}

/** Renumbers groups 0..g-1 in order of first appearance; negative (no group) stays as it is. */
export function compact(assignment: ArrayLike<number>): number[] {
  const ids = new Map<number, number>();
  return Array.from(assignment, (g) => {
    if (g < 0) return g;
    if (!ids.has(g)) ids.set(g, ids.size);
    return ids.get(g)!;
  });
}
