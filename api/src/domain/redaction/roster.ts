// The roster: names of the people at the company, compiled once and matched against every question
// as full names, first names and last names, nicknames, and full names run together.
import { isPlaceWord } from './lexicon/places.ts';
import { matchingText } from './normalise.ts';
import type { Found } from './types.ts';
import { usedAsName, type Context } from './usage.ts';
import {
  DATE_WORDS,
  isEverydayWord,
  isKnownWord,
  mayBeAName,
  NAME_PARTICLES,
} from './vocabulary.ts';
import { fold, following, gapAfter, preceding, type Word } from './words.ts';

export interface Roster {
  /** Names of two or more parts, as folded parts, longest first. */
  readonly fullNames: readonly (readonly string[])[];
  /** Every part that is redacted on its own, and whether it is also an everyday word. */
  readonly parts: ReadonlyMap<string, { everyday: boolean }>;
  /** Two or more neighbouring parts of a name written as one word: "linhtran", "meilin". */
  readonly runTogether: ReadonlySet<string>;
}

const partsOf = (name: string) =>
  name
    .split(/[\s\-‐–]+/u)
    .map((part) => fold(part.replace(/\.$/, '')))
    .filter(Boolean);

// "Robert (Bob) Smith", 'Robert "Bob" Smith': the nickname goes by in place of the given name.
const NICKNAME = /\s*(?:\(([^()]+)\)|["“”]([^"“”]+)["“”]|(?<=^|\s)[‘']([^‘’']+)[’'](?=\s|$))\s*/u;

/** The ways a roster entry is written out in a question: its full name and each nickname's. */
function namesOf(entry: string): string[][] {
  // Read like the questions are read, so an entry pasted with a soft hyphen still matches.
  let name = matchingText(entry.normalize('NFC')).text;
  const nicknames: string[] = [];
  for (let m = NICKNAME.exec(name); m; m = NICKNAME.exec(name)) {
    nicknames.push((m[1] ?? m[2] ?? m[3] ?? '').trim());
    name = `${name.slice(0, m.index)} ${name.slice(m.index + m[0].length)}`.trim();
  }
  const formal = partsOf(name);
  const names = [formal];
  for (const nickname of nicknames) {
    const parts = partsOf(nickname);
    if (parts.length > 0) names.push([...parts, ...formal.slice(1)]);
  }
  return names.filter((parts) => parts.length > 0);
}

export function compileRoster(entries: readonly string[]): Roster {
  const fullNames = new Map<string, string[]>();
  const parts = new Map<string, { everyday: boolean }>();
  const runTogether = new Set<string>();
  for (const entry of entries) {
    for (const nameParts of namesOf(entry)) {
      if (nameParts.length > 1) fullNames.set(nameParts.join(' '), nameParts);
      for (const part of nameParts) {
        // Initials and particles ("J.", "de", "van") name nobody on their own.
        if (part.length < 2 || NAME_PARTICLES.has(part) || parts.has(part)) continue;
        parts.set(part, { everyday: isEverydayWord(part) });
      }
      for (let from = 0; from < nameParts.length; from++) {
        for (let to = from + 2; to <= nameParts.length; to++) {
          const joined = nameParts.slice(from, to).join('');
          if (!isKnownWord(joined)) runTogether.add(joined);
        }
      }
    }
  }
  return {
    fullNames: [...fullNames.values()].sort((a, b) => b.length - a.length),
    parts,
    runTogether,
  };
}

const sameName = (gap: string) => /^[\s\-‐–]+$/u.test(gap) && !gap.includes('\n');

/** The full name starting at `index`, as the number of words it spans, or 0. */
function fullNameAt(ctx: Context, roster: Roster, index: number): number {
  for (const full of roster.fullNames) {
    const words = ctx.words.slice(index, index + full.length);
    if (words.length < full.length) continue;
    if (!words.every((w, k) => w.key === full[k] && !w.masked)) continue;
    if (!words.every((w, k) => k === 0 || sameName(ctx.text.slice(words[k - 1]!.end, w.start))))
      continue;
    // "rose hill" in lowercase is a garden; "Rose Hill" or "rose okafor" is a person.
    const distinctive = words.some((w) => w.capitalised || !roster.parts.get(w.key)?.everyday);
    if (distinctive) return full.length;
  }
  return 0;
}

/** A capitalised word that is no known everyday word: "Sharma" beside a rostered "Ingrid". */
function looksLikeMoreOfTheName(word: Word | undefined): word is Word {
  return (
    !!word &&
    word.capitalised &&
    !word.masked &&
    !isKnownWord(word.key) &&
    !DATE_WORDS.has(word.key) &&
    word.key !== 'i'
  );
}

/**
 * Widens a matched roster part over a neighbouring unknown capitalised word, so "Ingrid Sharma"
 * becomes one name even when only "Ingrid Solberg" is on the roster.
 */
function widen(ctx: Context, first: number, last: number, covered: Set<number>): [number, number] {
  let from = first;
  let to = last;
  const before = preceding(ctx.words, from);
  if (
    looksLikeMoreOfTheName(before) &&
    !covered.has(from - 1) &&
    sameName(gapAfter(ctx.text, before, ctx.words[from]))
  )
    from -= 1;
  const after = following(ctx.words, to);
  const end = ctx.words[to];
  if (
    end &&
    looksLikeMoreOfTheName(after) &&
    !after.sentenceStart &&
    !covered.has(to + 1) &&
    !end.possessive &&
    sameName(gapAfter(ctx.text, end, after))
  )
    to += 1;
  return [from, to];
}

// Nouns after a place name that make it the place: "the Sydney team", "our Austin office".
const PLACE_NOUNS = new Set(
  'office offices team teams site hub campus branch region market headquarters hq studio store plant warehouse timezone time'.split(
    ' ',
  ),
);
const LOCATIVES = new Set('in near across around outside throughout within'.split(' '));

/** A part that is also a place ("Sydney", "Austin"), used here as the place. */
function usedAsPlace(ctx: Context, index: number): boolean {
  const word = ctx.words[index]!;
  if (ctx.inPlaceName.has(index)) return true;
  if (!isPlaceWord(word.key) || word.possessive) return false;
  const next = following(ctx.words, index);
  const previous = preceding(ctx.words, index);
  return (
    (!!next && !next.capitalised && PLACE_NOUNS.has(next.key)) ||
    (!!previous && LOCATIVES.has(previous.key))
  );
}

/**
 * An everyday-word part inside a capitalised title: "Figma Dev Mode", "Hope Street". A word the
 * lexicon knows only as something else stands right beside it.
 */
function inTitle(ctx: Context, index: number): boolean {
  const word = ctx.words[index]!;
  const titled = (other: Word | undefined, a: Word, b: Word) =>
    !!other &&
    other.capitalised &&
    !other.sentenceStart &&
    isKnownWord(other.key) &&
    !mayBeAName(other.key) &&
    /^ $/.test(gapAfter(ctx.text, a, b));
  const before = preceding(ctx.words, index);
  const after = following(ctx.words, index);
  return (
    (!!before && titled(before, before, word)) ||
    (!!after && !word.possessive && titled(after, word, after))
  );
}

/** Roster names in the question; the indexes of the words they cover are added to `covered`. */
export function findRosterNames(ctx: Context, roster: Roster, covered: Set<number>): Found[] {
  const found: Found[] = [];
  const add = (first: number, last: number) => {
    const [from, to] = widen(ctx, first, last, covered);
    for (let k = from; k <= to; k++) covered.add(k);
    found.push({ start: ctx.words[from]!.start, end: ctx.words[to]!.end, kind: 'name' });
  };

  // Full names first, so "Tariq Haddad" is one span rather than two.
  for (let i = 0; i < ctx.words.length; i++) {
    const length = fullNameAt(ctx, roster, i);
    if (length === 0) continue;
    add(i, i + length - 1);
    i += length - 1;
  }

  ctx.words.forEach((word, i) => {
    if (word.masked || covered.has(i)) return;
    // "KwabenaAsante", "siddharthrao": a full name typed as one word.
    if (roster.runTogether.has(word.key)) return add(i, i);
    const part = roster.parts.get(word.key);
    if (!part) return;
    if (part.everyday && (!usedAsName(ctx, i) || inTitle(ctx, i))) return;
    if (usedAsPlace(ctx, i)) return;
    add(i, i);
  });
  return found;
}
