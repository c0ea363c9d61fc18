// Latent semantic analysis: a randomized truncated SVD of the TF-IDF matrix, so questions that use
// related words (not only the same words) end up close.
import { seededRandom, type SparseVector } from '@kb/api';

type Dense = Float64Array[];

/** Orthonormalises the columns of a row-major matrix in place (modified Gram-Schmidt). */
function orthonormaliseColumns(m: Dense, width: number): Dense {
  for (let a = 0; a < width; a++) {
    for (let b = 0; b < a; b++) {
      let d = 0;
      for (const row of m) d += row[a]! * row[b]!;
      for (const row of m) row[a]! -= d * row[b]!;
    }
    let norm = 0;
    for (const row of m) norm += row[a]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const row of m) row[a]! /= norm;
  }
  return m;
}

/** A·M for the sparse document-term matrix A (documents × terms) and a dense terms × width M. */
function timesDense(docs: readonly SparseVector[], m: Dense, width: number): Dense {
  return docs.map((v) => {
    const row = new Float64Array(width);
    for (let k = 0; k < v.ids.length; k++) {
      const w = v.weights[k]!;
      const src = m[v.ids[k]!]!;
      for (let l = 0; l < width; l++) row[l]! += w * src[l]!;
    }
    return row;
  });
}

/** Aᵀ·Y for a dense documents × width Y. */
function transposeTimesDense(
  docs: readonly SparseVector[],
  y: Dense,
  terms: number,
  width: number,
): Dense {
  const out = Array.from({ length: terms }, () => new Float64Array(width));
  docs.forEach((v, i) => {
    const src = y[i]!;
    for (let k = 0; k < v.ids.length; k++) {
      const w = v.weights[k]!;
      const dst = out[v.ids[k]!]!;
      for (let l = 0; l < width; l++) dst[l]! += w * src[l]!;
    }
  });
  return out;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. */
function symmetricEigen(s: Dense): { values: number[]; vectors: Dense } {
  const n = s.length;
  const a = s.map((r) => Float64Array.from(r));
  const v = Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - sn * akq;
          a[k]![q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - sn * aqk;
          a[q]![k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - sn * vkq;
          v[k]![q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((r, i) => r[i]!), vectors: v };
}

/**
 * Unit-length document embeddings in `dimensions` latent dimensions (Halko et al.'s randomized
 * range finder with two power iterations, then an exact SVD of the small projected matrix).
 */
export function lsaEmbeddings(
  docs: readonly SparseVector[],
  terms: number,
  dimensions: number,
  seed = 3,
): Float64Array[] {
  // Generous oversampling: the small SVD is cheap and the leading directions come out sharper.
  const width = Math.min(dimensions + 100, docs.length, terms);
  const random = seededRandom(seed);
  const omega = Array.from({ length: terms }, () =>
    Float64Array.from({ length: width }, () => random() - 0.5),
  );
  let q = orthonormaliseColumns(timesDense(docs, omega, width), width);
  for (let power = 0; power < 2; power++) {
    const back = orthonormaliseColumns(transposeTimesDense(docs, q, terms, width), width);
    q = orthonormaliseColumns(timesDense(docs, back, width), width);
  }
  // B = Qᵀ·A; its left singular vectors come from B·Bᵀ, which is only width × width.
  const bt = transposeTimesDense(docs, q, terms, width);
  const bbt = Array.from({ length: width }, () => new Float64Array(width));
  for (const row of bt) {
    for (let a = 0; a < width; a++) {
      const ra = row[a]!;
      if (ra === 0) continue;
      const out = bbt[a]!;
      for (let b = 0; b < width; b++) out[b]! += ra * row[b]!;
    }
  }
  const { values, vectors } = symmetricEigen(bbt);
  const order = values
    .map((value, index) => ({ value, index }))
    .sort((x, y) => y.value - x.value)
    .slice(0, Math.min(dimensions, width))
    .map(({ index }) => index);
  return q.map((qRow) => {
    const embedding = Float64Array.from(order, (index) => {
      let sum = 0;
      for (let l = 0; l < width; l++) sum += qRow[l]! * vectors[l]![index]!;
      return sum * Math.sqrt(Math.max(values[index]!, 0));
    });
    let norm = 0;
    for (const x of embedding) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < embedding.length; j++) embedding[j]! /= norm;
    return embedding;
  });
}
