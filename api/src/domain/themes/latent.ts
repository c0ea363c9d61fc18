// Latent semantic analysis: the leading singular directions of the question × term matrix, so
// questions that use related words (not only the same words) end up close. Short questions share
// few words; across many questions, words that keep company ("rebase", "merge", "branch") fall on
// one direction.
import type { SparseVector } from '@kb/search';
import { seededRandom } from './random.ts';

/** Dense rows of one width, stored end to end. */
export interface DenseRows {
  readonly values: Float32Array;
  readonly count: number;
  readonly width: number;
}

export function row(rows: DenseRows, i: number): Float32Array {
  return rows.values.subarray(i * rows.width, (i + 1) * rows.width);
}

/**
 * The term × term matrix AᵀA of the questions' vectors over the shared terms (`index` maps a term
 * id to its place, or -1), sparse and symmetric, as each term's neighbours. Short texts make it
 * small: each question adds (its terms)² entries.
 */
function termGram(
  docs: readonly SparseVector[],
  counts: Float32Array | undefined,
  index: Int32Array,
  terms: number,
) {
  const gram = Array.from({ length: terms }, () => new Map<number, number>());
  docs.forEach((v, i) => {
    const times = counts?.[i] ?? 1;
    for (let a = 0; a < v.ids.length; a++) {
      const ta = index[v.ids[a]!]!;
      if (ta < 0) continue;
      const row = gram[ta]!;
      const wa = v.weights[a]! * times;
      for (let b = 0; b < v.ids.length; b++) {
        const tb = index[v.ids[b]!]!;
        if (tb >= 0) row.set(tb, (row.get(tb) ?? 0) + wa * v.weights[b]!);
      }
    }
  });
  return gram.map((neighbours) => ({
    ids: Int32Array.from(neighbours.keys()),
    weights: Float64Array.from(neighbours.values()),
  }));
}

/**
 * Orthonormal columns spanning those of a row-major terms × width matrix, in place (modified
 * Gram-Schmidt, on a column-major copy so each pass reads memory in order).
 */
function orthonormalise(m: Float64Array, terms: number, width: number): void {
  const columns = new Float64Array(m.length);
  for (let t = 0; t < terms; t++) {
    for (let a = 0; a < width; a++) columns[a * terms + t] = m[t * width + a]!;
  }
  for (let a = 0; a < width; a++) {
    const ca = a * terms;
    for (let b = 0; b < a; b++) {
      const cb = b * terms;
      let d = 0;
      for (let t = 0; t < terms; t++) d += columns[ca + t]! * columns[cb + t]!;
      for (let t = 0; t < terms; t++) columns[ca + t]! -= d * columns[cb + t]!;
    }
    let norm = 0;
    for (let t = 0; t < terms; t++) norm += columns[ca + t]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let t = 0; t < terms; t++) columns[ca + t]! /= norm;
  }
  for (let t = 0; t < terms; t++) {
    for (let a = 0; a < width; a++) m[t * width + a] = columns[a * terms + t]!;
  }
}

function gramTimes(
  gram: ReturnType<typeof termGram>,
  m: Float64Array,
  width: number,
): Float64Array {
  const out = new Float64Array(gram.length * width);
  gram.forEach(({ ids, weights }, t) => {
    const o = t * width;
    for (let k = 0; k < ids.length; k++) {
      const w = weights[k]!;
      const src = ids[k]! * width;
      for (let l = 0; l < width; l++) out[o + l]! += w * m[src + l]!;
    }
  });
  return out;
}

/** Eigenvalues and eigenvectors (as columns) of a small symmetric matrix, by Jacobi rotations. */
function symmetricEigen(s: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += a[p * n + p]! ** 2;
      for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    }
    if (off <= 1e-22 * diagonal) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors: v };
}

export interface LatentOptions {
  /** Latent directions kept. */
  dimensions: number;
  /** How many questions each vector stands for; 1 each by default. */
  counts?: Float32Array;
  seed?: number;
}

/**
 * Unit-length question embeddings in the leading latent directions. The directions are the top
 * eigenvectors of AᵀA, found by subspace iteration on the term side (Halko, Martinsson and Tropp's
 * randomized range finder with power iterations): with short questions AᵀA is sparse and has as
 * many rows as there are terms, so the cost grows with the vocabulary, not with the questions. A
 * question's embedding is its vector projected on them (A·V = U·Σ). Only terms that two or more
 * different questions share take part: a word of one question relates it to nothing.
 */
export function latentEmbeddings(
  docs: readonly SparseVector[],
  vocabulary: number,
  options: LatentOptions,
): DenseRows {
  // Distinct questions: a word relates questions only when two different ones use it.
  const frequency = new Int32Array(vocabulary);
  for (const v of docs) for (const id of v.ids) frequency[id]!++;
  const index = new Int32Array(vocabulary).fill(-1);
  let terms = 0;
  frequency.forEach((f, id) => {
    if (f >= 2) index[id] = terms++;
  });
  const width = Math.min(options.dimensions + 20, terms, docs.length);
  const kept = Math.min(options.dimensions, width);
  if (kept === 0) return { values: new Float32Array(docs.length), count: docs.length, width: 1 };
  const gram = termGram(docs, options.counts, index, terms);
  const random = seededRandom(options.seed ?? 3);
  let basis: Float64Array = Float64Array.from({ length: terms * width }, () => random() - 0.5);
  orthonormalise(basis, terms, width);
  // Each pass sharpens the gap between kept and dropped directions by their eigenvalues' ratio.
  for (let pass = 0; pass < 4; pass++) {
    basis = gramTimes(gram, basis, width);
    orthonormalise(basis, terms, width);
  }
  // Rayleigh-Ritz: the eigenvectors of AᵀA within the basis come from a width × width problem.
  const projected = gramTimes(gram, basis, width);
  const small = new Float64Array(width * width);
  for (let t = 0; t < terms; t++) {
    for (let a = 0; a < width; a++) {
      const x = basis[t * width + a]!;
      if (x === 0) continue;
      for (let b = 0; b < width; b++) small[a * width + b]! += x * projected[t * width + b]!;
    }
  }
  const { values, vectors } = symmetricEigen(small, width);
  const order = values
    .map((value, index) => ({ value, index }))
    .sort((x, y) => y.value - x.value || x.index - y.index)
    .slice(0, kept)
    .map(({ index }) => index);
  // The kept directions in term space: basis · eigenvectors.
  const directions = new Float64Array(terms * kept);
  for (let t = 0; t < terms; t++) {
    for (let j = 0; j < kept; j++) {
      let sum = 0;
      for (let l = 0; l < width; l++)
        sum += basis[t * width + l]! * vectors[l * width + order[j]!]!;
      directions[t * kept + j] = sum;
    }
  }
  const values32 = new Float32Array(docs.length * kept);
  docs.forEach((v, i) => {
    const o = i * kept;
    for (let k = 0; k < v.ids.length; k++) {
      const t = index[v.ids[k]!]!;
      if (t < 0) continue;
      const w = v.weights[k]!;
      for (let j = 0; j < kept; j++) values32[o + j]! += w * directions[t * kept + j]!;
    }
    let norm = 0;
    for (let j = 0; j < kept; j++) norm += values32[o + j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < kept; j++) values32[o + j]! /= norm;
  });
  return { values: values32, count: docs.length, width: kept };
}
