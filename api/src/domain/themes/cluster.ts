// Grouping questions into themes: with a fixed number of groups (LSA, k-means, then a multinomial
// refinement on the words), or by a similarity threshold (average-linkage agglomerative clustering).
import { lsaEmbeddings } from './lsa.ts';
import { seededRandom } from './random.ts';
import { TfidfRepresentation, type SparseVector } from './vectors.ts';

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

export interface ThresholdOptions {
  /** Up to this many questions are clustered one by one, exactly. */
  exactLimit?: number;
  /** Above it, alike questions are first gathered into at most about this many groups. */
  maxGroups?: number;
}

/**
 * Average-linkage agglomerative clustering on cosine similarity, cut where groups are less than
 * `threshold` alike. Up to `exactLimit` questions it is exact, with a similarity matrix of every
 * pair (10,000 questions: 400 MB). Beyond, questions that are very alike are first gathered into
 * groups (see gatherAlike), and the groups are clustered by the same rule: the average similarity
 * of two groups is exact from their summed vectors, so the only approximation is that a gathered
 * group stays together.
 */
export function clusterByThreshold(
  vectors: readonly SparseVector[],
  threshold: number,
  options: ThresholdOptions = {},
): number[] {
  const exactLimit = options.exactLimit ?? 10_000;
  if (vectors.length <= exactLimit) {
    return averageLinkage(
      vectors.map((v) => ({ sum: v, size: 1 })),
      threshold,
    );
  }
  const gathered = gatherAlike(vectors, threshold, options.maxGroups ?? 6_000);
  // So diverse that even gathering at the threshold leaves too many groups for the exact rule:
  // the gathered groups, formed at the threshold, are the themes.
  if (gathered.groups.length > exactLimit) return compact(gathered.groupOf);
  const ofGroup = averageLinkage(gathered.groups, threshold);
  return compact(gathered.groupOf.map((g) => ofGroup[g]!));
}

interface WeightedGroup {
  /** The sum of the members' unit vectors. */
  sum: SparseVector;
  size: number;
}

/**
 * The exact rule on groups: the average similarity of every pair across two groups is the dot
 * product of their summed vectors over the product of their sizes. The nearest-neighbour chain
 * builds the whole dendrogram in O(n²) time (average linkage is reducible, so merge heights only
 * fall); the cut then keeps the merges above the threshold.
 */
function averageLinkage(groups: readonly WeightedGroup[], threshold: number): number[] {
  const n = groups.length;
  if (n === 0) return [];
  const sim = similarities(groups);
  const size = Float64Array.from(groups, (g) => g.size);
  const active = new Uint8Array(n).fill(1);
  const merges: { a: number; b: number; height: number }[] = [];
  const chain: number[] = [];
  let remaining = n;
  let next = 0;

  while (remaining > 1) {
    if (chain.length === 0) {
      while (!active[next]) next++;
      chain.push(next);
    }
    const top = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    // Ties go to the previous link, which guarantees the chain ends in a reciprocal pair.
    let best = previous;
    let bestScore = previous >= 0 ? sim[top]![previous]! : -Infinity;
    const row = sim[top]!;
    for (let j = 0; j < n; j++) {
      if (active[j] && j !== top && row[j]! > bestScore) {
        bestScore = row[j]!;
        best = j;
      }
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    // Merge `previous` into `top`, updating similarities by the average-linkage rule.
    const a = top;
    const b = previous;
    const rowA = sim[a]!;
    const rowB = sim[b]!;
    const total = size[a]! + size[b]!;
    for (let j = 0; j < n; j++) {
      if (!active[j] || j === a || j === b) continue;
      const merged = (rowA[j]! * size[a]! + rowB[j]! * size[b]!) / total;
      rowA[j] = merged;
      sim[j]![a] = merged;
    }
    size[a] = total;
    active[b] = 0;
    remaining--;
    merges.push({ a, b, height: bestScore });
  }

  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const { a, b, height } of merges) {
    if (height >= threshold) parent[root(b)] = root(a);
  }
  return compact(groups.map((_, i) => root(i)));
}

/**
 * Every pair's average similarity, summed term by term from an inverted index: the work is the
 * sum over terms of (groups holding it)², far less than a dot product for each of the n² pairs.
 */
function similarities(groups: readonly WeightedGroup[]): Float32Array[] {
  const n = groups.length;
  const postings = new Map<number, { group: number[]; weight: number[] }>();
  groups.forEach((g, i) => {
    for (let k = 0; k < g.sum.ids.length; k++) {
      const id = g.sum.ids[k]!;
      let list = postings.get(id);
      if (!list) postings.set(id, (list = { group: [], weight: [] }));
      list.group.push(i);
      list.weight.push(g.sum.weights[k]!);
    }
  });
  const sim = Array.from({ length: n }, () => new Float32Array(n));
  for (const { group, weight } of postings.values()) {
    for (let a = 0; a < group.length; a++) {
      const row = sim[group[a]!]!;
      const w = weight[a]!;
      // Groups are listed in ascending order: fill the upper triangle only.
      for (let b = a + 1; b < group.length; b++) row[group[b]!]! += w * weight[b]!;
    }
  }
  for (let i = 0; i < n; i++) {
    const row = sim[i]!;
    for (let j = i + 1; j < n; j++) {
      const s = row[j]! / (groups[i]!.size * groups[j]!.size);
      row[j] = s;
      sim[j]![i] = s;
    }
  }
  return sim;
}

/** Groups compared with each new question, at most, per shared strong term: the latest ones. */
const CANDIDATES_PER_TERM = 200;

/**
 * One pass that puts each question in the first group whose centre is at least `similarity` alike,
 * or opens a group. Candidates are the groups whose first question shares one of the question's
 * two strongest terms (the rarest words, which say what it is about). The pass starts strict and is
 * repeated less strictly, down to `threshold`, until there are at most `maxGroups` groups.
 */
export function gatherAlike(
  vectors: readonly SparseVector[],
  threshold: number,
  maxGroups: number,
): { groups: WeightedGroup[]; groupOf: number[] } {
  let result = gatherAt(vectors, Math.max(0.6, threshold));
  for (let similarity = 0.5; result.groups.length > maxGroups && similarity > threshold;) {
    result = gatherAt(vectors, Math.max(similarity, threshold));
    similarity -= 0.1;
  }
  return result;
}

function strongest(v: SparseVector, count: number): number[] {
  return [...v.ids.keys()]
    .sort((a, b) => v.weights[b]! - v.weights[a]!)
    .slice(0, count)
    .map((k) => v.ids[k]!);
}

function gatherAt(vectors: readonly SparseVector[], similarity: number) {
  const sums: Map<number, number>[] = [];
  const squaredNorms: number[] = [];
  const sizes: number[] = [];
  const byTerm = new Map<number, number[]>();
  const groupOf = new Array<number>(vectors.length);
  const seen = new Int32Array(vectors.length).fill(-1);

  vectors.forEach((v, i) => {
    const terms = strongest(v, 2);
    let best = -1;
    let bestScore = similarity;
    for (const term of terms) {
      const list = byTerm.get(term) ?? [];
      for (let k = Math.max(0, list.length - CANDIDATES_PER_TERM); k < list.length; k++) {
        const g = list[k]!;
        if (seen[g] === i) continue;
        seen[g] = i;
        const sum = sums[g]!;
        let d = 0;
        for (let t = 0; t < v.ids.length; t++) d += v.weights[t]! * (sum.get(v.ids[t]!) ?? 0);
        const score = d / Math.sqrt(squaredNorms[g]!);
        if (score >= bestScore) {
          bestScore = score;
          best = g;
        }
      }
    }
    if (best < 0) {
      best = sums.length;
      sums.push(new Map());
      squaredNorms.push(0);
      sizes.push(0);
      for (const term of terms) {
        const list = byTerm.get(term) ?? [];
        list.push(best);
        byTerm.set(term, list);
      }
    }
    const sum = sums[best]!;
    let d = 0;
    for (let t = 0; t < v.ids.length; t++) {
      const id = v.ids[t]!;
      const w = v.weights[t]!;
      d += w * (sum.get(id) ?? 0);
      sum.set(id, (sum.get(id) ?? 0) + w);
    }
    // |s + v|² = |s|² + 2 s·v + |v|², with |v| = 1 (or 0 for a question with no known word).
    squaredNorms[best] = squaredNorms[best]! + 2 * d + (v.ids.length > 0 ? 1 : 0);
    sizes[best]!++;
    groupOf[i] = best;
  });

  const groups = sums.map((sum, g) => {
    const ids = Int32Array.from([...sum.keys()].sort((a, b) => a - b));
    return { sum: { ids, weights: Float32Array.from(ids, (id) => sum.get(id)!) }, size: sizes[g]! };
  });
  return { groups, groupOf };
}

/** Renumbers groups 0..g-1 in order of first appearance. */
export function compact(assignment: readonly number[]): number[] {
  const ids = new Map<number, number>();
  return assignment.map((g) => {
    if (!ids.has(g)) ids.set(g, ids.size);
    return ids.get(g)!;
  });
}
