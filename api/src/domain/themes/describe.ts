// What a theme is called and which question stands for it: key phrases by class-based TF-IDF
// (what is frequent in this theme and rare in the others), and the question closest to its centre.
import { STOP_WORDS, stem, terms, tokenize } from './text.ts';
import { dot, normalise, type SparseVector } from './vectors.ts';

export interface ThemeDescription {
  /** Indexes of the member texts. */
  members: number[];
  /** Key phrases, most characteristic first. */
  keywords: string[];
  label: string;
  /** Index of the most central member. */
  central: number;
}

/** The most common spelling of each stem, so labels read as words ("priorities", not "prioriti"). */
function surfaceForms(texts: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (STOP_WORDS.has(token)) continue;
      const forms = counts.get(stem(token)) ?? new Map<string, number>();
      forms.set(token, (forms.get(token) ?? 0) + 1);
      counts.set(stem(token), forms);
    }
  }
  const best = new Map<string, string>();
  for (const [s, forms] of counts) best.set(s, [...forms].sort((a, b) => b[1] - a[1])[0]![0]);
  return best;
}

export function describeThemes(
  texts: readonly string[],
  vectors: readonly SparseVector[],
  assignment: readonly number[],
  maxKeywords = 3,
): ThemeDescription[] {
  const groups = new Map<number, number[]>();
  assignment.forEach((g, i) => {
    const members = groups.get(g);
    if (members) members.push(i);
    else groups.set(g, [i]);
  });
  const surface = surfaceForms(texts);

  // Term frequencies per theme and across all themes.
  const perTheme = new Map<number, Map<string, number>>();
  const overall = new Map<string, number>();
  let totalTerms = 0;
  for (const [g, members] of groups) {
    const tf = new Map<string, number>();
    for (const i of members) {
      for (const term of terms(texts[i]!)) {
        tf.set(term, (tf.get(term) ?? 0) + 1);
        overall.set(term, (overall.get(term) ?? 0) + 1);
        totalTerms++;
      }
    }
    perTheme.set(g, tf);
  }
  const averagePerTheme = totalTerms / Math.max(groups.size, 1);

  return [...groups].map(([g, members]) => {
    const tf = perTheme.get(g)!;
    const scored = [...tf]
      .map(([term, n]) => ({ term, score: n * Math.log(1 + averagePerTheme / overall.get(term)!) }))
      // Pairs only count when they recur; otherwise every question would label itself.
      .filter(({ term }) => !term.includes(' ') || tf.get(term)! > 1 || members.length === 1)
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
    const keywords: string[] = [];
    for (const { term } of scored) {
      const words = term.split(' ').map((w) => surface.get(w) ?? w);
      const phrase = words.join(' ');
      // A word already inside a chosen phrase adds nothing.
      if (keywords.some((k) => k.split(' ').some((w) => words.includes(w)))) continue;
      keywords.push(phrase);
      if (keywords.length === maxKeywords) break;
    }

    const centroid = new Map<number, number>();
    for (const i of members) {
      const v = vectors[i]!;
      v.ids.forEach((id, k) => centroid.set(id, (centroid.get(id) ?? 0) + v.weights[k]!));
    }
    const centre = normalise(centroid);
    let central = members[0]!;
    let best = -Infinity;
    for (const i of members) {
      const s = dot(vectors[i]!, centre);
      if (s > best) {
        best = s;
        central = i;
      }
    }
    return { members, keywords, label: keywords.join(' · ') || 'miscellaneous', central };
  });
}
