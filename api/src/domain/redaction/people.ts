// People who are not on the roster: a title before a surname ("Ms Okafor"), names of many cultures
// where the sentence talks about a person ("Ngozi said no", "Why did Kwame leave?"), the NLP
// library's person detection, and a cautious reading of capitalised words in a place where a person
// is named ("I heard Kwame Mensah from sales"). Places, holidays and everyday words stay, unless the
// sentence leaves no doubt that they are someone ("I asked Faith from legal").
import { isListedName } from './lexicon/names.ts';
import { isPlaceWord } from './lexicon/places.ts';
import type { Found } from './types.ts';
import { describesANoun, usedAsName, type Context } from './usage.ts';
import {
  ADVERBS_AFTER_A_SUBJECT,
  AUXILIARIES,
  DEPARTMENTS,
  TEAM_WORDS,
  DATE_WORDS,
  HONORIFICS,
  isEverydayWord,
  isKnownPersonName,
  isKnownWord,
  mayBeAName,
  NAME_PARTICLES,
  OFFICES,
  PERSON_CUES_AFTER,
  PERSON_CUES_BEFORE,
  PERSON_CUES_BEFORE_A_LISTED_NAME,
  PERSON_CUES_BEFORE_ONE_WORD,
  PERSON_VERBS,
  SPEAKING_VERBS,
} from './vocabulary.ts';
import { following, gapAfter, preceding, type Word } from './words.ts';

// "Kwame", "O'Connor", "McDonald", "DeShawn", but not "LinkedIn", "GitHub" or "iPhone".
const NAME_SHAPE =
  /^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|Du|La|Le|Van|Von)?\p{Lu}[\p{Ll}\p{M}]+(?:['’]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;

// One space, or a hyphen inside a double name: "Jean-Luc", "Al-Amin".
const adjacent = (ctx: Context, a: Word, b: Word) =>
  a.sentence === b.sentence && /^[ -]$/.test(gapAfter(ctx.text, a, b));

/** A word that is something other than a name first: an English word, a date, a place. */
function isOrdinary(ctx: Context, index: number): boolean {
  const key = ctx.words[index]!.key;
  return DATE_WORDS.has(key) || isKnownWord(key) || isPlaceWord(key) || ctx.inPlaceName.has(index);
}

function cueBefore(ctx: Context, first: number, cues: ReadonlySet<string>): boolean {
  const before = preceding(ctx.words, first);
  // A cue opening the sentence counts too: "Ask Björn about it".
  return !!before && (!before.capitalised || before.sentenceStart) && cues.has(before.key);
}

/** The word after a run, past adverbs that may stand between a subject and its verb. */
function verbAfter(ctx: Context, last: number): Word | undefined {
  let at = last;
  let next = following(ctx.words, at);
  while (next && ADVERBS_AFTER_A_SUBJECT.has(next.key) && at < last + 3) {
    at += 1;
    next = following(ctx.words, at);
  }
  return next;
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

/** "Kwame and I", "Ngozi and me". */
function andI(ctx: Context, last: number): boolean {
  const and = following(ctx.words, last);
  const pronoun = following(ctx.words, last + 1);
  return and?.key === 'and' && (pronoun?.key === 'i' || pronoun?.key === 'me');
}

const FROM = new Set(['from']);

/**
 * Context that leaves no doubt a person is meant, strong enough for a word that is usually
 * something else: "I asked Faith", "Hope told me", "Grace from legal", "Will and I".
 */
function strongCue(ctx: Context, first: number, last: number): boolean {
  const verb = verbAfter(ctx, last);
  return (
    cueBefore(ctx, first, PERSON_CUES_BEFORE_ONE_WORD) ||
    (!!verb && !verb.capitalised && SPEAKING_VERBS.has(verb.key)) ||
    cueAfter(ctx, last, FROM) ||
    andI(ctx, last)
  );
}

// Verbs an office does as well as a person: "Why did Sydney get more headcount?"
const ALSO_DONE_BY_PLACES = new Set(
  'get got gets move moved moves lead leads led report reports reported'.split(' '),
);

/** A verb only people do follows: "Why did Kwame leave?", "Haruto and Yui both left". */
function personVerbAfter(ctx: Context, last: number, placesDoItToo = false): boolean {
  const verb = verbAfter(ctx, last);
  if (!verb || verb.capitalised || !PERSON_VERBS.has(verb.key)) return false;
  return !placesDoItToo || !ALSO_DONE_BY_PLACES.has(verb.key);
}

/** "Eun-ji", "Seo-yeon": a given name written with a hyphen and a lowercase second syllable. */
function hyphenatedGivenName(ctx: Context, index: number): boolean {
  const word = ctx.words[index]!;
  const next = ctx.words[index + 1];
  return (
    !!next &&
    word.capitalised &&
    !next.capitalised &&
    next.sentence === word.sentence &&
    gapAfter(ctx.text, word, next) === '-' &&
    isListedName(word.key + next.key)
  );
}

/**
 * Context enough for a name of the compiled list, which is rarely anything else: a preposition or
 * verb before it ("with Wanjiru", "for Emeka"), a possessive ("Chidinma's manager"), or a verb
 * after it ("Folasade is leaving", "Why did Kwame leave?").
 */
function weakCue(ctx: Context, first: number, last: number): boolean {
  const after = following(ctx.words, last);
  return (
    strongCue(ctx, first, last) ||
    cueBefore(ctx, first, PERSON_CUES_BEFORE_A_LISTED_NAME) ||
    ctx.words[last]!.possessive ||
    personVerbAfter(ctx, last) ||
    (!!after && AUXILIARIES.has(after.key))
  );
}

/**
 * A word that could be part of an unrostered person's name. Inside a sentence: any capitalised word
 * the lexicon does not know as something else. At the start of a sentence every word is
 * capitalised, so only words the lexicon knows as names. An everyday word, a date or a place only
 * where the context leaves no doubt; then it must not be describing a noun ("met Summer interns").
 */
function isCandidate(ctx: Context, covered: ReadonlySet<number>, index: number): boolean {
  const word = ctx.words[index]!;
  if (word.masked || covered.has(index) || !word.capitalised || !NAME_SHAPE.test(word.text))
    return false;
  if (hyphenatedGivenName(ctx, index)) return true;
  if (isOrdinary(ctx, index)) {
    if (ctx.inPlaceName.has(index) || !mayBeAName(word.key)) return false;
    // "Why did Victoria leave?": a place does not leave, quit or say things.
    const placeActsAsAPerson =
      isPlaceWord(word.key) && isKnownPersonName(word.key) && personVerbAfter(ctx, index, true);
    return (placeActsAsAPerson || strongCue(ctx, index, index)) && !describesANoun(ctx, index);
  }
  return !word.sentenceStart || isKnownPersonName(word.key);
}

/** An unknown capitalised word opening a sentence, which may be a first name: "Kwame Mensah quit". */
function mayOpenName(word: Word | undefined): boolean {
  return (
    !!word &&
    word.sentenceStart &&
    !word.masked &&
    NAME_SHAPE.test(word.text) &&
    // "Migrating Wordpress…", "Recently Ingrid…": verb and adverb forms open sentences, not names.
    !/(?:ing|ed|ly)$/.test(word.key) &&
    !isEverydayWord(word.key) &&
    !isPlaceWord(word.key) &&
    !DATE_WORDS.has(word.key)
  );
}

/**
 * The index of a word that continues a name after `last` ("Nguyen Van Hung", "Mohammed Al-Amin",
 * "Ana de la Cruz"), or -1: up to two particles, then a candidate or a listed name.
 */
function continuation(ctx: Context, covered: ReadonlySet<number>, last: number): number {
  let at = last;
  for (let particles = 0; particles <= 2; particles++) {
    const next = ctx.words[at + 1];
    const word = ctx.words[at]!;
    if (!next || covered.has(at + 1) || !adjacent(ctx, word, next) || word.possessive) return -1;
    if (
      next.capitalised &&
      !next.sentenceStart &&
      !NAME_PARTICLES.has(next.key) &&
      (isCandidate(ctx, covered, at + 1) || (isKnownPersonName(next.key) && !isPlaceWord(next.key)))
    )
      return at + 1;
    if (!NAME_PARTICLES.has(next.key)) return -1;
    at += 1;
  }
  return -1;
}

/** Runs of neighbouring candidate words: "Ingrid Solberg", "Kwame", "Ana Lucia Ferreira". */
function candidateRuns(ctx: Context, covered: ReadonlySet<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < ctx.words.length; i++) {
    if (!isCandidate(ctx, covered, i)) continue;
    const previous = ctx.words[i - 1];
    let first = i;
    if (
      previous &&
      mayOpenName(previous) &&
      !covered.has(i - 1) &&
      adjacent(ctx, previous, ctx.words[i]!)
    )
      first = i - 1;
    let last = hyphenatedGivenName(ctx, i) ? i + 1 : i;
    for (
      let next = continuation(ctx, covered, last);
      next >= 0;
      next = continuation(ctx, covered, last)
    )
      last = next;
    runs.push([first, last]);
    i = last;
  }
  return runs;
}

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
 * known first or last name ("Tariq Haddad") or the sentence talks about a person around them ("I
 * heard Kwame Mensah from sales"). A single word needs such a cue; a name the lexicon knows needs
 * less of one, or the NLP library reading it as a person in this sentence ("Ask Siobhan about it").
 */
function runNamesAPerson(ctx: Context, run: [number, number]): boolean {
  const [first, last] = run;
  const words = ctx.words.slice(first, last + 1);
  // Only context lets an everyday word, a date or a place in: it names a person.
  if (words.length === 1 && isOrdinary(ctx, first)) return true;
  if (words.length >= 2) {
    return (
      words.some((w) => isKnownPersonName(w.key)) ||
      hyphenatedGivenName(ctx, first) ||
      cueBefore(ctx, first, PERSON_CUES_BEFORE) ||
      cueAfter(ctx, last, PERSON_CUES_AFTER)
    );
  }
  if (strongCue(ctx, first, last)) return true;
  if (isListedName(words[0]!.key) && weakCue(ctx, first, last)) return true;
  // The NLP library's names include English surnames that are also tools: "from Jenkins to…".
  return isKnownPersonName(words[0]!.key) && nlpFindsPerson(ctx, run);
}

/** The NLP library finds a person in this run, and the words are plausibly a name here. */
function nlpFindsPerson(ctx: Context, [first, last]: [number, number]): boolean {
  const from = ctx.words[first]!;
  const to = ctx.words[last]!;
  const mentions = ctx.tagging.peopleIn(from.sentence);
  if (!mentions.some((m) => m.start < to.end && from.start < m.end)) return false;
  // The library reads any capitalised sentence opener as a possible name; "Grace days" is not one.
  return !from.sentenceStart || !isEverydayWord(from.key) || usedAsName(ctx, first);
}

/**
 * "Mr. Okonkwo", "Ms Okafor", "Dr Ana de la Cruz": after a title every capitalised word is a
 * name, even an everyday one ("Mr Brown"). The title stays; it is not the person.
 */
function findTitledNames(ctx: Context, covered: Set<number>): [number, number][] {
  const runs: [number, number][] = [];
  ctx.words.forEach((title, i) => {
    const surname = following(ctx.words, i);
    if (!surname || !HONORIFICS.has(title.key) || !title.capitalised || title.possessive) return;
    if (!/^\.? +$/.test(gapAfter(ctx.text, title, surname))) return;
    if (!surname.capitalised || surname.masked || covered.has(i + 1) || OFFICES.has(surname.key))
      return;
    let last = i + 1;
    for (
      let next = continuation(ctx, covered, last);
      next >= 0;
      next = continuation(ctx, covered, last)
    )
      last = next;
    runs.push([i + 1, last]);
  });
  return runs;
}

/**
 * "Haruto and Yui", "Kwame, Ngozi and Chidi": a name beside one already found, joined by "and",
 * "or" or a comma, when the lexicon knows it as a name.
 */
function coordinatedNames(ctx: Context, covered: Set<number>): [number, number][] {
  const runs: [number, number][] = [];
  const joins = (a: number, b: number) => {
    const gap = gapAfter(ctx.text, ctx.words[a]!, ctx.words[b]);
    return /^, $/.test(gap) || (b === a + 2 && /^(?:and|or)$/.test(ctx.words[a + 1]!.key));
  };
  for (let changed = true; changed;) {
    changed = false;
    ctx.words.forEach((word, i) => {
      if (covered.has(i) || word.masked || !word.capitalised || !NAME_SHAPE.test(word.text)) return;
      if (!isKnownPersonName(word.key) || isOrdinary(ctx, i)) return;
      const besideAName = [i - 2, i - 1, i + 1, i + 2].some(
        (j) =>
          covered.has(j) &&
          ctx.words[j]!.sentence === word.sentence &&
          (j < i ? joins(j, i) : joins(i, j)),
      );
      if (!besideAName) return;
      covered.add(i);
      runs.push([i, i]);
      changed = true;
    });
  }
  return runs;
}

export function findUnrosteredNames(ctx: Context, covered: Set<number>): Found[] {
  const runs: [number, number][] = [];
  const take = (run: [number, number]) => {
    for (let k = run[0]; k <= run[1]; k++) covered.add(k);
    runs.push(run);
  };
  findTitledNames(ctx, covered).forEach(take);
  for (const run of candidateRuns(ctx, covered)) {
    if (partOfLongerTitle(ctx, run)) continue;
    if (!runNamesAPerson(ctx, run)) continue;
    take(run);
  }
  runs.push(...coordinatedNames(ctx, covered));
  return runs.map(([first, last]) => ({
    start: ctx.words[first]!.start,
    end: ctx.words[last]!.end,
    kind: 'name',
  }));
}
