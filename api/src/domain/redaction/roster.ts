// The roster: names of the people at the company, compiled once and matched against every question
// as full names, first names and last names.
import type { Found } from './types.ts';
import { usedAsName, type Context } from './usage.ts';
import { DATE_WORDS, isEverydayWord, isKnownWord, NAME_PARTICLES } from './vocabulary.ts';
import { fold, following, gapAfter, preceding, type Word } from './words.ts';

export interface Roster {
  /** Names of two or more parts, as folded parts, longest first. */
  readonly fullNames: readonly (readonly string[])[];
  /** Every part that is redacted on its own, and whether it is also an everyday word. */
  readonly parts: ReadonlyMap<string, { everyday: boolean }>;
}

function partsOf(name: string): string[] {
  return name
    .normalize('NFC')
    .split(/[\s\-‐–]+/u)
    .map((part) => fold(part.replace(/\.$/, '')))
    .filter(Boolean);
}

export function compileRoster(names: readonly string[]): Roster {
  const fullNames = new Map<string, string[]>();
  const parts = new Map<string, { everyday: boolean }>();
  for (const name of names) {
    const nameParts = partsOf(name);
    if (nameParts.length > 1) fullNames.set(nameParts.join(' '), nameParts);
    for (const part of nameParts) {
      // Initials and particles ("J.", "de", "van") name nobody on their own.
      if (part.length < 2 || NAME_PARTICLES.has(part) || parts.has(part)) continue;
      parts.set(part, { everyday: isEverydayWord(part) });
    }
  }
  return {
    fullNames: [...fullNames.values()].sort((a, b) => b.length - a.length),
    parts,
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

/** A capitalised word that is no known everyday word: "Sharma" beside a rostered "Priya". */
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
 * Widens a matched roster part over a neighbouring unknown capitalised word, so "Priya Sharma"
 * becomes one name even when only "Priya Raman" is on the roster.
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

/** Roster names in the question; the indexes of the words they cover are added to `covered`. */
export function findRosterNames(ctx: Context, roster: Roster, covered: Set<number>): Found[] {
  const found: Found[] = [];
  const add = (first: number, last: number) => {
    const [from, to] = widen(ctx, first, last, covered);
    for (let k = from; k <= to; k++) covered.add(k);
    found.push({ start: ctx.words[from]!.start, end: ctx.words[to]!.end, kind: 'name' });
  };

  // Full names first, so "Marcus Chen" is one span rather than two.
  for (let i = 0; i < ctx.words.length; i++) {
    const length = fullNameAt(ctx, roster, i);
    if (length === 0) continue;
    add(i, i + length - 1);
    i += length - 1;
  }

  ctx.words.forEach((word, i) => {
    if (word.masked || covered.has(i)) return;
    const part = roster.parts.get(word.key);
    if (!part) return;
    if (part.everyday && !usedAsName(ctx, i)) return;
    add(i, i);
  });
  return found;
}
