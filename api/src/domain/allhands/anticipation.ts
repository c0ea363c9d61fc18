// Which 1:1 theme anticipated an all-hands question: the question's nearest theme in the themes'
// own representation (TF-IDF over the 1:1s, theme centres as placement keeps them), and whether it
// is alike enough to count. How alike is enough is read from the 1:1 questions themselves: how
// alike each is to its own theme (left out of it, as a new question would be) against how alike it
// is to the nearest other theme. The threshold is where those two distributions part best.
import type { SparseVector } from '@kb/search';
import { themeRepresentation } from '../themes/grouping.ts';
import type { TfidfRepresentation } from '../themes/vectors.ts';

/** A 1:1 question as matching reads it: its (redacted) text and its live theme, if any. */
export interface OneOnOneQuestion {
  text: string;
  themeId: string | null;
}

export interface ThemeMatch {
  /** The nearest theme, or null when the question shares no word with any. */
  themeId: string | null;
  /** Cosine with that theme's centre, 0..1. */
  similarity: number;
  /** At least the threshold: a 1:1 theme anticipated the question. */
  anticipated: boolean;
}

/** How the threshold was chosen: the two distributions it separates, summarised. */
export interface Calibration {
  threshold: number;
  /** 1:1 questions compared (a sample of at most CALIBRATION_SAMPLE). */
  questions: number;
  themes: number;
  /** Median similarity of a 1:1 question to its own theme, and to the nearest other one. */
  ownMedian: number;
  otherMedian: number;
  /** Share of own-theme similarities at or above the threshold, and of other-theme ones. */
  ownAbove: number;
  otherAbove: number;
}

/** 1:1 questions the threshold is chosen on, at most: a sample reads the distributions as well. */
const CALIBRATION_SAMPLE = 5_000;

/**
 * Without two themes to compare there is no distribution to read: a question then counts as
 * anticipated when it is as alike to a theme as placement asks of a new question.
 */
const FALLBACK_THRESHOLD = 0.1;

interface ThemeCentre {
  id: string;
  /** The sum of the members' vectors, dense over the terms. */
  sum: Float32Array;
  squaredNorm: number;
}

export class AnticipationModel {
  private constructor(
    private readonly representation: TfidfRepresentation,
    private readonly centres: readonly ThemeCentre[],
    readonly calibration: Calibration,
  ) {}

  /**
   * Learns the 1:1s' vocabulary and theme centres, and chooses the threshold on them. Deterministic:
   * the same 1:1 questions give the same model, in any order.
   */
  static build(history: readonly OneOnOneQuestion[]): AnticipationModel {
    const ordered = [...history].sort(
      (a, b) =>
        (a.themeId ?? '').localeCompare(b.themeId ?? '') ||
        (a.text < b.text ? -1 : +(a.text > b.text)),
    );
    const representation = themeRepresentation(ordered.map((q) => q.text));
    const vectors = ordered.map((q) => representation.embed(q.text));
    const byTheme = new Map<string, number>();
    const centres: ThemeCentre[] = [];
    const themeOf = ordered.map((q) => {
      if (q.themeId === null) return -1;
      let index = byTheme.get(q.themeId);
      if (index === undefined) {
        index = centres.length;
        byTheme.set(q.themeId, index);
        centres.push({
          id: q.themeId,
          sum: new Float32Array(representation.size),
          squaredNorm: 0,
        });
      }
      return index;
    });
    vectors.forEach((v, i) => {
      const g = themeOf[i]!;
      if (g < 0) return;
      const sum = centres[g]!.sum;
      for (let k = 0; k < v.ids.length; k++) sum[v.ids[k]!]! += v.weights[k]!;
    });
    for (const centre of centres) {
      let norm = 0;
      for (const w of centre.sum) norm += w * w;
      centre.squaredNorm = norm;
    }
    const calibration = calibrate(vectors, themeOf, centres);
    return new AnticipationModel(representation, centres, calibration);
  }

  get threshold(): number {
    return this.calibration.threshold;
  }

  /**
   * The nearest theme of each all-hands question and how alike it is. Each is judged alone against
   * the 1:1s, as a new 1:1 question would be: its words the 1:1s never used make it less alike to
   * every theme, and no other all-hands question changes its answer.
   */
  match(texts: readonly string[]): ThemeMatch[] {
    return texts.map((text) => {
      const { index, similarity } = nearest(this.representation.embedAsNew(text), this.centres);
      return {
        themeId: index < 0 ? null : this.centres[index]!.id,
        similarity,
        anticipated: index >= 0 && similarity >= this.threshold,
      };
    });
  }
}

/** Similarity of a vector to each centre; to `own` with the vector itself taken out of it. */
function similarities(v: SparseVector, centres: readonly ThemeCentre[], own = -1): Float64Array {
  let selfSquared = 0;
  for (const w of v.weights) selfSquared += w * w;
  const out = new Float64Array(centres.length);
  centres.forEach((centre, g) => {
    let product = 0;
    for (let k = 0; k < v.ids.length; k++) product += v.weights[k]! * centre.sum[v.ids[k]!]!;
    let squaredNorm = centre.squaredNorm;
    if (g === own) {
      // |s − v|² = |s|² − 2 s·v + |v|², and (s − v)·v = s·v − |v|².
      squaredNorm = squaredNorm - 2 * product + selfSquared;
      product -= selfSquared;
    }
    out[g] = squaredNorm > 1e-12 ? Math.max(0, product / Math.sqrt(squaredNorm)) : 0;
  });
  return out;
}

function nearest(v: SparseVector, centres: readonly ThemeCentre[]) {
  const scores = similarities(v, centres);
  let index = -1;
  let similarity = 0;
  scores.forEach((s, g) => {
    if (s > similarity) {
      similarity = s;
      index = g;
    }
  });
  return { index, similarity };
}

/**
 * The threshold that best tells a 1:1 question's own theme from the nearest other one: each themed
 * question (a sample drawn evenly through them) gives one similarity of each kind, and the
 * threshold maximises the share of own-theme similarities at or above it minus the share of
 * other-theme ones (Youden's J). Ties go to the lower threshold.
 */
function calibrate(
  vectors: readonly SparseVector[],
  themeOf: readonly number[],
  centres: readonly ThemeCentre[],
): Calibration {
  const themed = themeOf.flatMap((g, i) => (g >= 0 ? [i] : []));
  const none = {
    threshold: FALLBACK_THRESHOLD,
    questions: themed.length,
    themes: centres.length,
    ownMedian: 0,
    otherMedian: 0,
    ownAbove: 0,
    otherAbove: 0,
  };
  if (centres.length < 2 || themed.length === 0) return none;
  const step = Math.max(1, themed.length / CALIBRATION_SAMPLE);
  const own: number[] = [];
  const other: number[] = [];
  for (let s = 0; s < themed.length; s += step) {
    const i = themed[Math.floor(s)]!;
    const g = themeOf[i]!;
    const scores = similarities(vectors[i]!, centres, g);
    own.push(scores[g]!);
    let best = 0;
    scores.forEach((x, h) => {
      if (h !== g && x > best) best = x;
    });
    other.push(best);
  }
  own.sort((a, b) => a - b);
  other.sort((a, b) => a - b);
  // Walk every candidate once, both lists ascending: J(t) = P(own ≥ t) − P(other ≥ t).
  const candidates = [...new Set([...own, ...other])].sort((a, b) => a - b);
  let best = { threshold: FALLBACK_THRESHOLD, j: -Infinity };
  let o = 0;
  let x = 0;
  for (const t of candidates) {
    while (o < own.length && own[o]! < t) o++;
    while (x < other.length && other[x]! < t) x++;
    const j = (own.length - o) / own.length - (other.length - x) / other.length;
    if (j > best.j) best = { threshold: t, j };
  }
  const above = (list: readonly number[], t: number) =>
    list.filter((v) => v >= t).length / list.length;
  return {
    threshold: best.threshold,
    questions: own.length,
    themes: centres.length,
    ownMedian: median(own),
    otherMedian: median(other),
    ownAbove: above(own, best.threshold),
    otherAbove: above(other, best.threshold),
  };
}

const median = (sorted: readonly number[]) => sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
