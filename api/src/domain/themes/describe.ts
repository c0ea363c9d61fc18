// What a theme is called: its most central question, shortened to a phrase that reads as one
// (the title), and key phrases by class-based TF-IDF (what is frequent in this theme and rare in
// the others) as secondary chips. The title depends only on the theme's own questions, so the same
// questions give the same title on every visit and after every recompute.
import {
  hasPlaceholder,
  isContentWord,
  stem,
  STOP_WORDS,
  terms,
  tokenize,
  withoutPlaceholders,
} from '@kb/search';

export interface ThemeDescription {
  /** Indexes of the member texts. */
  members: number[];
  /** Key phrases, most characteristic first. */
  keywords: string[];
  /** The title: the central question, shortened. */
  label: string;
  /** Index of the most central member. */
  central: number;
}

/** Titles longer than this are cut at a clause or word boundary. */
export const TITLE_LENGTH = 60;

/** The most common spelling of each stem, so key phrases read as words ("priorities", not "prioriti"). */
function surfaceForms(texts: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (!isContentWord(token)) continue;
      const forms = counts.get(stem(token)) ?? new Map<string, number>();
      forms.set(token, (forms.get(token) ?? 0) + 1);
      counts.set(stem(token), forms);
    }
  }
  const best = new Map<string, string>();
  for (const [s, forms] of counts) {
    best.set(s, [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  }
  return best;
}

/**
 * Describes each group of `assignment` (a negative group is no theme and is not described), in
 * order of first appearance.
 */
export function describeThemes(
  texts: readonly string[],
  assignment: readonly number[],
  maxKeywords = 3,
): ThemeDescription[] {
  const groups = new Map<number, number[]>();
  assignment.forEach((g, i) => {
    if (g < 0) return;
    const members = groups.get(g);
    if (members) members.push(i);
    else groups.set(g, [i]);
  });
  const read = reader();
  const keywords = keyPhrases(texts, groups, maxKeywords, read);
  return [...groups].map(([g, members]) => {
    const share = shares(texts, members, read);
    const central = centralMember(texts, members, share, read);
    return { members, keywords: keywords.get(g)!, label: titleOf(texts[central]!, share), central };
  });
}

interface Reading {
  /** Stems and neighbouring pairs, as key phrases count them. */
  terms: string[];
  /** The distinct stems. */
  words: Set<string>;
}

/** Reads each distinct text once per description: the same question is often asked many times. */
function reader(): (text: string) => Reading {
  const readings = new Map<string, Reading>();
  return (text) => {
    let reading = readings.get(text);
    if (!reading) {
      reading = { terms: terms(text), words: new Set(terms(text, { pairs: false })) };
      readings.set(text, reading);
    }
    return reading;
  };
}

function keyPhrases(
  texts: readonly string[],
  groups: ReadonlyMap<number, readonly number[]>,
  maxKeywords: number,
  read: (text: string) => Reading,
): Map<number, string[]> {
  const surface = surfaceForms(texts);
  const perTheme = new Map<number, Map<string, number>>();
  const overall = new Map<string, number>();
  let totalTerms = 0;
  for (const [g, members] of groups) {
    const tf = new Map<string, number>();
    for (const i of members) {
      for (const term of read(texts[i]!).terms) {
        tf.set(term, (tf.get(term) ?? 0) + 1);
        overall.set(term, (overall.get(term) ?? 0) + 1);
        totalTerms++;
      }
    }
    perTheme.set(g, tf);
  }
  const averagePerTheme = totalTerms / Math.max(groups.size, 1);
  const result = new Map<number, string[]>();
  for (const [g, members] of groups) {
    const tf = perTheme.get(g)!;
    const scored = [...tf]
      .map(([term, n]) => ({ term, score: n * Math.log(1 + averagePerTheme / overall.get(term)!) }))
      // Pairs only count when they recur; otherwise every question would label itself.
      .filter(({ term }) => !term.includes(' ') || tf.get(term)! > 1 || members.length === 1)
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
    const chosen: string[] = [];
    for (const { term } of scored) {
      const words = term.split(' ').map((w) => surface.get(w) ?? w);
      // A word already inside a chosen phrase adds nothing.
      if (chosen.some((k) => k.split(' ').some((w) => words.includes(w)))) continue;
      chosen.push(words.join(' '));
      if (chosen.length === maxKeywords) break;
    }
    result.set(g, chosen);
  }
  return result;
}

/** How much of the theme a member's words cover: each word counts the share of members using it. */
function coverage(words: ReadonlySet<string>, share: ReadonlyMap<string, number>): number {
  if (words.size === 0) return 0;
  let sum = 0;
  for (const w of words) sum += share.get(w) ?? 0;
  return sum / Math.sqrt(words.size);
}

/** The share of the members that use each word. */
function shares(
  texts: readonly string[],
  members: readonly number[],
  read: (text: string) => Reading,
): Map<string, number> {
  const share = new Map<string, number>();
  for (const i of members) {
    for (const w of read(texts[i]!).words) share.set(w, (share.get(w) ?? 0) + 1 / members.length);
  }
  return share;
}

/**
 * The member that says best what the theme is about: the one whose words the other members use
 * most (the cosine of its words with the theme's word shares). A question holding a redaction
 * placeholder stands for the theme only when all do. Ties go to the shorter, then the first in
 * alphabetical order, so the choice depends on the members alone, not on their order.
 */
function centralMember(
  texts: readonly string[],
  members: readonly number[],
  share: ReadonlyMap<string, number>,
  read: (text: string) => Reading,
): number {
  const candidates = members.some((i) => !hasPlaceholder(texts[i]!))
    ? members.filter((i) => !hasPlaceholder(texts[i]!))
    : members;
  const scored = candidates.map((i) => {
    const text = texts[i]!;
    // Of two questions about as central, a whole question reads better as a title than a fragment.
    const reads = (text.includes('?') ? 1 : 0.8) * (text.split(/\s+/).length >= 4 ? 1 : 0.8);
    return { i, score: reads * coverage(read(text).words, share) };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      texts[a.i]!.length - texts[b.i]!.length ||
      texts[a.i]!.localeCompare(texts[b.i]!),
  );
  return scored[0]!.i;
}

/** A title for one question on its own, as a theme of it alone would have. */
export function title(question: string): string {
  return titleOf(
    question,
    new Map([...new Set(terms(question, { pairs: false }))].map((w) => [w, 1])),
  );
}

/**
 * A theme's title from its central question: placeholders taken out, the sentence that carries the
 * theme's words (not "Honest question." or "Asking since the all hands."), and, when still long,
 * cut at a clause or word boundary with an ellipsis.
 */
function titleOf(question: string, share: ReadonlyMap<string, number>): string {
  const cleaned = withoutPlaceholders(question)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:?!])/g, '$1')
    .replace(/^[\s,.;:–-]+/, '')
    .trim();
  // Sentences end at a mark followed by a space, so "node.js" or "Mac OS X." stay whole.
  const sentences = cleaned.split(/(?<=[.?!])\s+/).filter((s) => s.length > 0);
  let best = sentences[0] ?? cleaned;
  let bestScore = -Infinity;
  for (const sentence of sentences) {
    // A question mark is worth a little: the question, not its preamble, names the theme.
    const score =
      coverage(new Set(terms(sentence, { pairs: false })), share) +
      (sentence.endsWith('?') ? 1e-6 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = sentence;
    }
  }
  return capitalise(shorten(best, TITLE_LENGTH));
}

function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit + 1);
  // A clause boundary reads best, when it leaves enough to say something.
  const clause = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(' – '));
  let cut = clause >= limit / 2 ? head.slice(0, clause) : head.slice(0, head.lastIndexOf(' '));
  if (cut.length === 0) cut = head.slice(0, limit);
  // "How are priorities set for the…" reads worse than "How are priorities set…".
  const words = cut.split(' ');
  while (words.length > 1 && STOP_WORDS.has(words.at(-1)!.toLowerCase().replace(/\W+$/u, ''))) {
    words.pop();
  }
  return `${words.join(' ').replace(/[\s,;:–-]+$/u, '')}…`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
