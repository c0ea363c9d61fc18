// The product's theme finding, in one place: what the recompute runs, what `eval:themes` measures,
// and the rule capture-time placement follows. Questions are read as TF-IDF vectors; latent
// directions show which questions belong together; the number of themes is the one whose grouping
// is clearest in the questions' own words; then each question joins the theme it is most alike,
// or none ("other questions") when it is alike to no theme.
import type { SparseVector } from '@kb/search';
import {
  compact,
  dissimilarities,
  meanSilhouette,
  sampleByKey,
  sphericalKMeans,
} from './cluster.ts';
import { describeThemes, type ThemeDescription } from './describe.ts';
import { latentEmbeddings, row, type DenseRows } from './latent.ts';
import { TfidfRepresentation } from './vectors.ts';

/**
 * A question belongs to the theme whose centre (the normalised sum of its questions' vectors) it is
 * most alike, when that cosine is at least this; otherwise it is one of the other questions. Low on
 * purpose: a short question shares one or two words with a theme of many questions.
 */
export const THEME_SIMILARITY_THRESHOLD = 0.1;

/** A theme is something that came up more than once; a question alone is one of the others. */
export const MIN_THEME_QUESTIONS = 2;

/** The most themes a recompute makes: past a hundred, a list of themes is no overview. */
export const MAX_THEMES = 100;

/** Latent directions kept: enough for a hundred themes to lie apart. */
const LATENT_DIMENSIONS = 100;

/** Questions the number of themes is chosen on, at most: a sample shows the shape as well. */
const CHOICE_SAMPLE = 2_000;

/** How far below the clearest grouping (as a share of its silhouette) fewer themes may stay. */
const SILHOUETTE_TOLERANCE = 0.05;

/**
 * The representation themes are judged in, here and at capture: TF-IDF over stems, every word
 * kept so that a question captured later can be described by its own words (`learn`).
 */
export function themeRepresentation(corpus: readonly string[]): TfidfRepresentation {
  const representation = new TfidfRepresentation({ pairs: false, minDocumentFrequency: 1 });
  representation.fit(corpus);
  return representation;
}

/**
 * Groups `texts` into themes and describes each; `members` are indexes into `texts`, and a text in
 * no theme's members is one of the other questions. The vocabulary is learnt from `corpus` (every
 * question), so a word's weight does not depend on which questions happen to be regrouped.
 * Deterministic: the same questions give the same themes.
 */
export function groupQuestions(
  corpus: readonly string[],
  texts: readonly string[],
): ThemeDescription[] {
  const representation = themeRepresentation(corpus);
  // A question asked word for word in many 1:1s is grouped once, counted as often as it was asked.
  const distinct = new Map<string, number>();
  const of = texts.map((text) => {
    let index = distinct.get(text);
    if (index === undefined) distinct.set(text, (index = distinct.size));
    return index;
  });
  const counts = new Float32Array(distinct.size);
  for (const index of of) counts[index]!++;
  const vectors = [...distinct.keys()].map((text) => representation.embed(text));
  const themes = findThemes(vectors, representation.size, {
    counts,
    keys: Uint32Array.from(distinct.keys(), textHash),
  });
  return describeThemes(
    texts,
    of.map((index) => themes[index]!),
  );
}

export interface FindOptions {
  /** How many questions each vector stands for; 1 each by default. */
  counts?: Float32Array;
  /**
   * A number per vector that draws the sample the number of themes is chosen on (a hash of the
   * question's text); the vector's place by default.
   */
  keys?: ArrayLike<number>;
}

/** The theme of each vector (0..k-1), or -1 for the other questions. */
export function findThemes(
  vectors: readonly SparseVector[],
  terms: number,
  options: FindOptions = {},
): number[] {
  const counts = options.counts ?? new Float32Array(vectors.length).fill(1);
  const keys = options.keys ?? Int32Array.from(vectors, (_, i) => i);
  const rows = latentEmbeddings(vectors, terms, {
    dimensions: Math.min(LATENT_DIMENSIONS, vectors.length),
    counts,
  });
  // A question sharing no word with any other has no place in the latent space: it starts as one
  // of the others (and joins a theme only if the membership rule finds it alike to one).
  const groupable: number[] = [];
  for (let i = 0; i < rows.count; i++) {
    if (row(rows, i).some((x) => x !== 0)) groupable.push(i);
  }
  const groups = vectors.map(() => -1);
  if (groupable.length > 0) {
    const choice = chooseThemeCount(rows, vectors, terms, { counts, keys, groupable });
    if (choice.sample.length === groupable.length) {
      choice.sample.forEach((i, a) => (groups[i] = choice.grouping[a]!));
    } else {
      // The sample's grouping, carried to every question and refined there.
      const { assignment } = sphericalKMeans(rows, choice.k, {
        seed: 1,
        start: choice.centres,
        subset: Int32Array.from(groupable),
        weights: counts,
      });
      groupable.forEach((i, a) => (groups[i] = assignment[a]!));
    }
  }
  // The same question asked again and again is a theme even when it shares no word with another.
  let next = groups.reduce((max, g) => Math.max(max, g), -1) + 1;
  groups.forEach((g, i) => {
    if (g < 0 && counts[i]! >= MIN_THEME_QUESTIONS && vectors[i]!.ids.length > 0)
      groups[i] = next++;
  });
  return settleMembership(vectors, terms, groups, counts);
}

interface ThemeCount {
  k: number;
  /** The questions the choice was made on. */
  sample: Int32Array;
  /** The chosen grouping of the sample, and its centres. */
  grouping: Int32Array;
  centres: Float32Array;
  /** The mean silhouette of the themes made with each k considered. */
  silhouettes: { k: number; silhouette: number }[];
}

/**
 * How many themes the questions hold: for each candidate k, the groups k-means finds in the latent
 * rows are settled into themes by the membership rule, and the k whose themes have the highest
 * mean silhouette in the questions' own words wins (Rousseeuw: each question's average
 * dissimilarity to the nearest other theme against that to its own; an other question counts 0).
 * Too few themes join unlike questions, too many split alike ones, and themes that hold only by a
 * word or two lose their questions to "other": all three lower it. Judged on the words rather than
 * in the latent space, whose extra directions make each finer cut look as clean as the last.
 * Candidates are every k up to 10, then grow geometrically (×1.25), and the choice is made on a
 * sample of the `groupable` rows, so the search costs the same at any scale.
 */
function chooseThemeCount(
  rows: DenseRows,
  vectors: readonly SparseVector[],
  terms: number,
  options: Required<FindOptions> & { groupable: readonly number[] },
): ThemeCount {
  const { counts, keys, groupable } = options;
  const sample = sampleByKey(groupable, keys, CHOICE_SAMPLE);
  const sampled = Array.from(sample, (i) => vectors[i]!);
  const sampledCounts = Float32Array.from(sample, (i) => counts[i]!);
  const questions = sampledCounts.reduce((s, c) => s + c, 0);
  const maxGroups = Math.min(
    MAX_THEMES,
    sample.length,
    Math.floor(questions / MIN_THEME_QUESTIONS),
  );
  const dissimilarity = dissimilarities(vectors, sample);
  // k-means finds a poor grouping now and then: the clearest of a few seeded runs stands for each
  // k, more of them where runs are cheap, so every size of sample costs about the same.
  const runs = Math.max(2, Math.min(8, Math.round((2 * CHOICE_SAMPLE) / sample.length)));
  const candidates: (Omit<ThemeCount, 'sample' | 'silhouettes'> & { silhouette: number })[] = [];
  let best = -1;
  for (let k = 2; k <= maxGroups; k = k < 10 ? k + 1 : Math.round(k * 1.25)) {
    let clearest: (typeof candidates)[number] | undefined;
    for (let seed = 1; seed <= runs; seed++) {
      // Settling to 1% is enough to compare candidates; the chosen grouping is refined on all rows.
      const grouping = sphericalKMeans(rows, k, {
        seed,
        subset: sample,
        weights: counts,
        tolerance: 0.01,
      });
      const themes = settleMembership(
        sampled,
        terms,
        Array.from(grouping.assignment),
        sampledCounts,
      );
      const silhouette = meanSilhouette(dissimilarity, themes, sampledCounts);
      if (!clearest || silhouette > clearest.silhouette) {
        clearest = { k, silhouette, grouping: grouping.assignment, centres: grouping.centres };
      }
    }
    candidates.push(clearest!);
    if (best < 0 || clearest!.silhouette > candidates[best]!.silhouette) {
      best = candidates.length - 1;
    }
    // At twice the best number of themes and three candidates past it, finer cuts only split more.
    if (k >= 2 * candidates[best]!.k && candidates.length - 1 - best >= 3) break;
  }
  const silhouettes = candidates.map((c) => ({ k: c.k, silhouette: c.silhouette }));
  if (best < 0) {
    const none = { k: 1, grouping: new Int32Array(sample.length), centres: new Float32Array(0) };
    return { ...none, sample, silhouettes };
  }
  // Past the steep rise, finer cuts form a plateau whose silhouettes differ about as much as runs
  // from different seeds do: the fewest themes within SILHOUETTE_TOLERANCE of the best read best.
  const floor = candidates[best]!.silhouette * (1 - SILHOUETTE_TOLERANCE);
  const chosen = candidates.find((c) => c.silhouette >= floor)!;
  return { k: chosen.k, sample, grouping: chosen.grouping, centres: chosen.centres, silhouettes };
}

/**
 * From groups found in the latent space to themes by the placement rule: each question joins the
 * theme whose centre it is most alike (at least THEME_SIMILARITY_THRESHOLD), themes left with fewer
 * than MIN_THEME_QUESTIONS dissolve, and centres follow their members until nothing moves. A
 * question is compared with its own theme's centre without itself, as placement compares a new
 * question with the themes' members: so every question of a theme is where placement would put it,
 * and two unlike questions cannot hold each other in a theme of two.
 */
function settleMembership(
  vectors: readonly SparseVector[],
  terms: number,
  groups: readonly number[],
  counts?: ArrayLike<number>,
): number[] {
  const times = (i: number) => counts?.[i] ?? 1;
  let assignment = compact(groups);
  for (let round = 0; round < 10; round++) {
    const sums = themeSums(vectors, terms, assignment, times);
    const next = vectors.map((v, i) => nearestTheme(v, sums, assignment[i]!));
    const sizes = new Map<number, number>();
    next.forEach((g, i) => {
      if (g >= 0) sizes.set(g, (sizes.get(g) ?? 0) + times(i));
    });
    for (let i = 0; i < next.length; i++) {
      if (next[i]! >= 0 && sizes.get(next[i]!)! < MIN_THEME_QUESTIONS) next[i] = -1;
    }
    const moved = next.some((g, i) => g !== assignment[i]);
    assignment = next;
    if (!moved) break;
  }
  return compact(assignment);
}

interface ThemeSum {
  /** The sum of the members' vectors, dense over the terms. */
  sum: Float32Array;
  squaredNorm: number;
}

/** Each theme's summed vector, by theme number; ascending, so ties break the same way each time. */
function themeSums(
  vectors: readonly SparseVector[],
  terms: number,
  assignment: readonly number[],
  times: (i: number) => number,
): (readonly [number, ThemeSum])[] {
  const sums = new Map<number, ThemeSum>();
  vectors.forEach((v, i) => {
    const g = assignment[i]!;
    if (g < 0) return;
    let theme = sums.get(g);
    if (!theme) sums.set(g, (theme = { sum: new Float32Array(terms), squaredNorm: 0 }));
    const c = times(i);
    for (let k = 0; k < v.ids.length; k++) theme.sum[v.ids[k]!]! += c * v.weights[k]!;
  });
  for (const theme of sums.values()) {
    let norm = 0;
    for (const w of theme.sum) norm += w * w;
    theme.squaredNorm = norm;
  }
  return [...sums].sort((a, b) => a[0] - b[0]);
}

/** The theme a vector is most alike, leaving it out of `own`'s sum; -1 when none is alike enough. */
function nearestTheme(
  v: SparseVector,
  sums: readonly (readonly [number, ThemeSum])[],
  own: number,
): number {
  let best = -1;
  let bestScore = THEME_SIMILARITY_THRESHOLD;
  let selfSquared = 0;
  for (const w of v.weights) selfSquared += w * w;
  for (const [g, theme] of sums) {
    let product = 0;
    for (let k = 0; k < v.ids.length; k++) product += v.weights[k]! * theme.sum[v.ids[k]!]!;
    let squaredNorm = theme.squaredNorm;
    if (g === own) {
      // |s − v|² = |s|² − 2 s·v + |v|², and (s − v)·v = s·v − |v|².
      squaredNorm = squaredNorm - 2 * product + selfSquared;
      product -= selfSquared;
    }
    const score = squaredNorm > 1e-12 ? product / Math.sqrt(squaredNorm) : 0;
    if (score >= bestScore) {
      bestScore = score;
      best = g;
    }
  }
  return best;
}

/** FNV-1a over the text's UTF-16 code units: a stable, well-spread key per question. */
function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
