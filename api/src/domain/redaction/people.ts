// People who are not on the roster: the NLP library's person detection, and a cautious reading of
// capitalised words in a place where a person is named ("I heard Kwame Mensah from sales").
import type { Found } from './types.ts';
import { usedAsName, type Context } from './usage.ts';
import {
  DEPARTMENTS,
  TEAM_WORDS,
  DATE_WORDS,
  isEverydayWord,
  isKnownPersonName,
  isKnownWord,
  PERSON_CUES_AFTER,
  PERSON_CUES_BEFORE,
  PERSON_CUES_BEFORE_ONE_WORD,
  SPEAKING_VERBS,
} from './vocabulary.ts';
import { following, gapAfter, preceding, type Word } from './words.ts';

// "Kwame", "O'Connor", "McDonald", "DeShawn", but not "LinkedIn", "GitHub" or "iPhone".
const NAME_SHAPE =
  /^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|Du|La|Le|Van|Von)?\p{Lu}[\p{Ll}\p{M}]+(?:['’]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;

/**
 * A word that could be part of an unrostered person's name. Inside a sentence: any capitalised word
 * the lexicon does not know as something else. At the start of a sentence every word is
 * capitalised, so only words the lexicon knows as names.
 */
function isCandidate(word: Word, covered: ReadonlySet<number>, index: number): boolean {
  if (word.masked || covered.has(index) || !word.capitalised) return false;
  if (!NAME_SHAPE.test(word.text) || DATE_WORDS.has(word.key) || isKnownWord(word.key))
    return false;
  return !word.sentenceStart || isKnownPersonName(word.key);
}

/** An unknown capitalised word opening a sentence, which may be a first name: "Kwame Mensah quit". */
function mayOpenName(word: Word | undefined): boolean {
  return (
    !!word &&
    word.sentenceStart &&
    !word.masked &&
    NAME_SHAPE.test(word.text) &&
    // "Migrating Wordpress…", "Recently Priya…": verb and adverb forms open sentences, not names.
    !/(?:ing|ed|ly)$/.test(word.key) &&
    !isEverydayWord(word.key) &&
    !DATE_WORDS.has(word.key)
  );
}

// One space, or a hyphen inside a double name: "Jean-Luc".
const adjacent = (ctx: Context, a: Word, b: Word) =>
  a.sentence === b.sentence && /^[ -]$/.test(gapAfter(ctx.text, a, b));

/** Runs of neighbouring candidate words: "Jennifer Walsh", "Kwame", "Ana Lucia Ferreira". */
function candidateRuns(ctx: Context, covered: ReadonlySet<number>): [number, number][] {
  const runs: [number, number][] = [];
  ctx.words.forEach((word, i) => {
    if (!isCandidate(word, covered, i)) return;
    const last = runs[runs.length - 1];
    const previous = ctx.words[i - 1];
    if (
      last &&
      last[1] === i - 1 &&
      previous &&
      !previous.possessive &&
      adjacent(ctx, previous, word)
    )
      last[1] = i;
    else if (
      previous &&
      mayOpenName(previous) &&
      !covered.has(i - 1) &&
      adjacent(ctx, previous, word)
    )
      runs.push([i - 1, i]);
    else runs.push([i, i]);
  });
  return runs;
}

function cueBefore(ctx: Context, first: number, cues: ReadonlySet<string>): boolean {
  const before = preceding(ctx.words, first);
  return !!before && !before.capitalised && cues.has(before.key);
}

function cueAfter(ctx: Context, last: number, cues: ReadonlySet<string>): boolean {
  const word = ctx.words[last];
  const after = following(ctx.words, last);
  if (!word || !after || after.capitalised) return false;
  if (!/^\s+$/.test(gapAfter(ctx.text, word, after)) || !cues.has(after.key)) return false;
  return after.key !== 'from' || fromAPartOfTheCompany(ctx, last + 1);
}

/** "from sales", "from the data team"; not "from Microsoft" or "from building the project". */
function fromAPartOfTheCompany(ctx: Context, from: number): boolean {
  const next = following(ctx.words, from);
  if (!next || next.capitalised) return false;
  if (DEPARTMENTS.has(next.key)) return true;
  if (!/^(?:the|our|my|another|that|his|her|their)$/.test(next.key)) return false;
  return ctx.words
    .slice(from + 2, from + 5)
    .some((w) => w.sentence === next.sentence && TEAM_WORDS.has(w.key));
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof']);

/**
 * Capitalised words right before or after the run make it part of a longer title: "Visual Studio
 * Code", "Head of People". A person's name stands alone or after an honorific.
 */
function partOfLongerTitle(ctx: Context, [first, last]: [number, number]): boolean {
  const before = preceding(ctx.words, first);
  const after = following(ctx.words, last);
  const joined = (a: Word, b: Word) => /^ $/.test(gapAfter(ctx.text, a, b));
  if (before && before.capitalised && !HONORIFICS.has(before.key) && !before.sentenceStart) {
    if (joined(before, ctx.words[first]!)) return true;
  }
  return !!after && after.capitalised && after.key !== 'i' && joined(ctx.words[last]!, after);
}

/**
 * Whether a run of capitalised words names a person. Two or more words do when one of them is a
 * known first or last name ("Rahul Gupta") or the sentence talks about a person around them ("I
 * heard Kwame Mensah from sales"). A single word needs such a cue, or the NLP library reading a
 * known name as a person in this sentence ("Ask Siobhan about it").
 */
function runNamesAPerson(ctx: Context, run: [number, number]): boolean {
  const [first, last] = run;
  const words = ctx.words.slice(first, last + 1);
  if (words.length >= 2) {
    return (
      words.some((w) => isKnownPersonName(w.key)) ||
      cueBefore(ctx, first, PERSON_CUES_BEFORE) ||
      cueAfter(ctx, last, PERSON_CUES_AFTER)
    );
  }
  if (cueBefore(ctx, first, PERSON_CUES_BEFORE_ONE_WORD) || cueAfter(ctx, last, SPEAKING_VERBS))
    return true;
  return isKnownPersonName(words[0]!.key) && nlpFindsPerson(ctx, run);
}

/** The NLP library finds a person in this run, and the words are plausibly a name here. */
function nlpFindsPerson(ctx: Context, [first, last]: [number, number]): boolean {
  const from = ctx.words[first]!;
  const to = ctx.words[last]!;
  const mentions = ctx.tagging.peopleIn(from.sentence);
  if (!mentions.some((m) => m.start < to.end && from.start < m.end)) return false;
  // The library reads any capitalised sentence opener as a possible name; "Grace periods" is not one.
  return !from.sentenceStart || !isEverydayWord(from.key) || usedAsName(ctx, first);
}

export function findUnrosteredNames(ctx: Context, covered: Set<number>): Found[] {
  const found: Found[] = [];
  for (const run of candidateRuns(ctx, covered)) {
    if (partOfLongerTitle(ctx, run)) continue;
    if (!runNamesAPerson(ctx, run)) continue;
    for (let k = run[0]; k <= run[1]; k++) covered.add(k);
    found.push({ start: ctx.words[run[0]]!.start, end: ctx.words[run[1]]!.end, kind: 'name' });
  }
  return found;
}
