// People's names: everyone on the roster (full, first and last names), and names the NLP library
// recognises. A roster name that is also an ordinary word (Will, Mark, Grace) counts only where it
// is used as a name.
import nlp from 'compromise';
import type { Match } from './patterns.ts';

export interface Roster {
  /** Multi-word names as lowercase token lists, longest first. */
  readonly fullNames: readonly (readonly string[])[];
  /** Every single name token, lowercase, with whether it is also an ordinary word. */
  readonly tokens: ReadonlyMap<string, { ordinary: boolean }>;
}

/** First and last names that are everyday English words; extended by what the NLP lexicon knows. */
const ORDINARY_NAMES = new Set(
  (
    'will mark grace rose hope bill pat frank june may april august summer sky joy amber dawn faith chase ' +
    'hunter drew max ray sue don rich art bob jack penny ruby iris lily violet holly crystal sterling ' +
    'ash brown white black green young king long little page park gay hill wood stone bell rob sandy ' +
    'carol guy dean miles norman lance cliff glen heath grant gene earl bishop rusty victor major'
  ).split(' '),
);

const NON_NAME_TAGS = [
  'Verb',
  'Adjective',
  'Adverb',
  'Determiner',
  'Preposition',
  'Conjunction',
  'Pronoun',
  'Plural',
  'Value',
  'Date',
];

// Typographic apostrophes count as plain ones: O’Neill is O'Neill.
const normal = (word: string) => word.normalize('NFC').replace(/’/g, "'").toLocaleLowerCase('en');

function isOrdinaryWord(word: string): boolean {
  const lower = normal(word);
  if (ORDINARY_NAMES.has(lower)) return true;
  const tags = nlp(lower).terms().json()[0]?.terms?.[0]?.tags ?? [];
  return NON_NAME_TAGS.some((tag) => tags.includes(tag));
}

export function compileRoster(names: readonly string[]): Roster {
  const fullNames: string[][] = [];
  const tokens = new Map<string, { ordinary: boolean }>();
  for (const name of names) {
    const parts = name.trim().split(/\s+/).filter(Boolean).map(normal);
    if (parts.length === 0) continue;
    if (parts.length > 1) fullNames.push(parts);
    for (const part of parts) {
      if (part.length < 2 || tokens.has(part)) continue;
      tokens.set(part, { ordinary: isOrdinaryWord(part) });
    }
  }
  fullNames.sort((a, b) => b.length - a.length);
  return { fullNames, tokens };
}

interface Word {
  text: string;
  start: number;
  /** End of the name part: a possessive "'s" is left outside. */
  end: number;
  key: string;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*/gu;

function words(text: string): Word[] {
  const found: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    let value = m[0].replace(/['’-]+$/u, '');
    value = value.replace(/['’]s$/u, '');
    found.push({ text: value, start: m.index, end: m.index + value.length, key: normal(value) });
  }
  return found;
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

/** True when nothing but whitespace, quotes or a bullet stands between the word and a sentence start. */
function startsSentence(text: string, start: number): boolean {
  const before = text.slice(0, start);
  return /(?:^|[.!?…]['"’”)\]]*\s+|\n)[\s"'“‘(*•-]*$/u.test(before);
}

/** Part-of-speech tags of each word, by start offset, from one pass of the NLP library. */
type Tagging = {
  tagsAt: Map<number, string[]>;
  people: { start: number; end: number; text: string }[];
};

function tag(text: string): Tagging {
  const doc = nlp(text);
  const tagsAt = new Map<number, string[]>();
  for (const sentence of doc.json({ offset: true }) as {
    terms: { offset: { start: number }; tags: string[] }[];
  }[]) {
    for (const term of sentence.terms) tagsAt.set(term.offset.start, term.tags);
  }
  const people = (
    doc.people().json({ offset: true }) as {
      text: string;
      offset: { start: number; length: number };
    }[]
  ).map((p) => ({
    start: p.offset.start,
    end: p.offset.start + p.offset.length,
    text: text.slice(p.offset.start, p.offset.start + p.offset.length),
  }));
  return { tagsAt, people };
}

/**
 * Whether a capitalised everyday word is used as a name. Mid-sentence, a capital says so. At the
 * start of a sentence it is a name when a verb follows ("Grace told me", "Mark reviews") or a comma
 * (addressing someone), not when a noun or determiner does ("Grace periods", "Will the company",
 * "Mark my words").
 */
function usedAsName(text: string, word: Word, next: Word | undefined, tagging: Tagging): boolean {
  if (!isCapitalised(word.text)) return false;
  if (!startsSentence(text, word.start)) return true;
  const after = text.slice(word.end).trimStart();
  if (after.startsWith(',') || after.startsWith("'s") || after.startsWith('’s')) return true;
  if (!next) return false;
  const ownTags = tagging.tagsAt.get(word.start) ?? [];
  if (ownTags.includes('Modal')) return false;
  const nextTags = tagging.tagsAt.get(next.start) ?? [];
  return nextTags.includes('Verb') && !nextTags.includes('Gerund');
}

export function findNames(text: string, roster: Roster): Match[] {
  const found = words(text);
  const matches: Match[] = [];
  const covered = new Set<number>();
  let tagging: Tagging | undefined;
  const tags = () => (tagging ??= tag(text));

  // Full roster names first, so "Marcus Chen" is one span rather than two.
  for (let i = 0; i < found.length; i++) {
    for (const full of roster.fullNames) {
      if (i + full.length > found.length) continue;
      if (!full.every((part, k) => found[i + k]!.key === part)) continue;
      const last = found[i + full.length - 1]!;
      matches.push({ start: found[i]!.start, end: last.end, kind: 'name' });
      for (let k = 0; k < full.length; k++) covered.add(i + k);
      break;
    }
  }

  found.forEach((word, i) => {
    if (covered.has(i)) return;
    const entry = roster.tokens.get(word.key);
    if (!entry) return;
    if (entry.ordinary && !usedAsName(text, word, found[i + 1], tags())) return;
    matches.push({ start: word.start, end: word.end, kind: 'name' });
    covered.add(i);
  });

  // Names that are not on the roster, as the NLP library sees them.
  if (/\p{Lu}/u.test(text)) {
    for (const person of tags().people) {
      const parts = found.filter((w) => w.start >= person.start && w.end <= person.end);
      if (parts.length === 0 || !parts.every((w) => isCapitalised(w.text))) continue;
      if (parts.every((w) => isOrdinaryWord(w.text))) {
        const first = parts[0]!;
        const index = found.indexOf(first);
        if (parts.length > 1 || !usedAsName(text, first, found[index + 1], tags())) continue;
      }
      matches.push({ start: parts[0]!.start, end: parts[parts.length - 1]!.end, kind: 'name' });
    }
  }
  return matches;
}
