// Whether a name that is also an everyday word (Will, Mark, Grace, June) is used as a name here.
// Lowercase it is the word. Capitalised inside a sentence it is the name, unless a month follows a
// time preposition. At the start of a sentence the capital says nothing, so what follows decides:
// a name is a subject, followed by a verb ("Grace said", "Mark reviews every"), a comma, "'s" or
// "and I"; the word is followed by its object or noun ("Will the company", "Mark the date",
// "Grace days", "Summer interns get").
import type { Tagging } from './tagging.ts';
import {
  ADVERBS_BEFORE_A_VERB,
  AUXILIARIES,
  COPULAS,
  DATE_WORDS,
  MODAL_NAMES,
  NOT_AFTER_A_NAME,
  PERSON_VERBS,
  SUBJECT_PRONOUNS,
  TIME_PREPOSITIONS,
} from './vocabulary.ts';
import { following, gapAfter, preceding, type Word } from './words.ts';

export interface Context {
  text: string;
  words: readonly Word[];
  tagging: Tagging;
  /** Indexes of the words inside a place or holiday of several words: "São Paulo", "Lunar New Year". */
  inPlaceName: ReadonlySet<number>;
}

const hasTag = (tags: readonly string[], tag: string) => tags.includes(tag);

/** A verb that agrees with a singular subject: past tense, or present with an -s. */
function isFiniteVerb(word: Word, tags: readonly string[]): boolean {
  if (!hasTag(tags, 'Verb') || hasTag(tags, 'Gerund')) return false;
  return hasTag(tags, 'PastTense') || (hasTag(tags, 'PresentTense') && /s$/.test(word.key));
}

/**
 * "Summer interns get…", "Frank talk helps…": when the verb-like word after the capitalised word
 * is followed by a verb that agrees with it as a noun, it was a noun and the capitalised word only
 * described it. Agreement tells "Mark reviews every…" (a verb) from "Mark reviews are…" (a noun).
 */
function isNounBeforeVerb(ctx: Context, index: number): boolean {
  const noun = ctx.words[index];
  const verb = following(ctx.words, index);
  if (!noun || !verb || verb.capitalised) return false;
  const tags = ctx.tagging.tagsOf(verb);
  if (!hasTag(tags, 'Verb') || hasTag(tags, 'Gerund') || hasTag(tags, 'PastTense')) return false;
  const plural = /s$/.test(noun.key);
  const agreesWithPlural = /^(?:are|were|have|do|don't|aren't|weren't)$/.test(verb.key);
  const agreesWithSingular = /^(?:is|was|has|does|doesn't|isn't|wasn't)$/.test(verb.key);
  if (plural) return agreesWithPlural || (!agreesWithSingular && !/s$/.test(verb.key));
  return agreesWithSingular || (!agreesWithPlural && /s$/.test(verb.key));
}

// Words that end a clause: a second verb after them belongs to a clause of its own.
const CLAUSE_BREAKS = new Set(
  'and but or because if when whenever that which who whom whose while although though since unless so'.split(
    ' ',
  ),
);
const IRREGULAR_PAST = new Set(
  'went came rose fell grew took got made ran gave kept felt began became stood'.split(' '),
);

/**
 * "Bill rates for contractors went up": a second main verb in the same clause shows that the
 * first verb-like word was a noun ("rates"). A verb of saying or thinking takes a clause of its
 * own without a "that" ("Mark thinks the plan is late"), so it is never read as a noun.
 */
function anotherVerbInClause(ctx: Context, verbIndex: number): boolean {
  const verb = ctx.words[verbIndex]!;
  if (PERSON_VERBS.has(verb.key)) return false;
  for (let i = verbIndex + 1; i < verbIndex + 9; i++) {
    const word = following(ctx.words, i - 1);
    if (!word || /[,;:()]/.test(gapAfter(ctx.text, ctx.words[i - 1]!, word))) return false;
    if (CLAUSE_BREAKS.has(word.key)) return false;
    if (AUXILIARIES.has(word.key) || /^(?:are|were|have|do)$/.test(word.key)) return true;
    if (IRREGULAR_PAST.has(word.key)) return true;
    const tags = ctx.tagging.tagsOf(word);
    if (hasTag(tags, 'PastTense') && !hasTag(tags, 'Participle')) return true;
  }
  return false;
}

// Names that are also abstract nouns: "Hope is not a strategy", "Joy is a rare thing here".
const ABSTRACT_NAMES = new Set(
  'hope faith grace joy love trust patience charity mercy justice harmony destiny chance'.split(
    ' ',
  ),
);
// Nouns a sentence uses to say what a person is: "Hope is a great manager".
const PERSON_NOUNS = new Set(
  (
    'person people manager lead leader boss colleague coworker friend mentor engineer designer ' +
    'director founder woman man mother father parent member hire expert owner'
  ).split(' '),
);

/**
 * "Hope is not a strategy": an abstract noun said to be a kind of thing. Said to be a kind of
 * person ("Hope is a great manager"), or anything else ("Hope is on leave"), it stays a name.
 */
function isSaidToBeAThing(ctx: Context, word: Word, copula: number): boolean {
  if (!ABSTRACT_NAMES.has(word.key)) return false;
  let at = copula + 1;
  if (ctx.words[at]?.key === 'not') at += 1;
  if (!/^(?:a|an|the|no)$/.test(ctx.words[at]?.key ?? '')) return false;
  const predicate = ctx.words.slice(at + 1, at + 4).filter((w) => w.sentence === word.sentence);
  return predicate.length > 0 && !predicate.some((w) => PERSON_NOUNS.has(w.key));
}

/** After a capitalised everyday word at the start of a sentence, does a verb follow as it would a subject? */
function verbFollows(ctx: Context, word: Word, index: number): boolean {
  const next = following(ctx.words, index);
  if (!next) return false;
  const modal = MODAL_NAMES.has(word.key);
  if (AUXILIARIES.has(next.key)) {
    if (COPULAS.has(next.key))
      return !DATE_WORDS.has(word.key) && !isSaidToBeAThing(ctx, word, index + 1);
    return true;
  }
  if (ADVERBS_BEFORE_A_VERB.has(next.key)) {
    // "Grace always replies", but "Will ever…" reads as the modal: look past the adverb.
    if (!modal) return true;
    const verb = following(ctx.words, index + 1);
    return !!verb && isFiniteVerb(verb, ctx.tagging.tagsOf(verb));
  }
  const tags = ctx.tagging.tagsOf(next);
  if (!hasTag(tags, 'Verb') || hasTag(tags, 'Gerund')) return false;
  if (hasTag(tags, 'PastTense')) return true;
  if (hasTag(tags, 'PresentTense') && /s$/.test(next.key))
    return !isNounBeforeVerb(ctx, index + 1) && !anotherVerbInClause(ctx, index + 1);
  // A bare verb follows a modal ("Will quit?") or is an irregular past ("Grace quit last week").
  if (modal || hasTag(tags, 'Modal') || hasTag(tags, 'Auxiliary')) return false;
  return !isNounBeforeVerb(ctx, index + 1);
}

function usedAsNameAtSentenceStart(ctx: Context, word: Word, index: number): boolean {
  const dateWord = DATE_WORDS.has(word.key);
  if (word.possessive) return !dateWord;
  const next = following(ctx.words, index);
  if (!next) return !dateWord;
  const gap = gapAfter(ctx.text, word, next);
  // "Mark, can you…", "Grace (from legal) said…": someone addressed or described.
  if (/[,(]/.test(gap)) return !dateWord;
  if (/[^\s]/.test(gap)) return false;
  if (next.key === 'and' || next.key === 'or') {
    const other = following(ctx.words, index, 2);
    return !!other && (SUBJECT_PRONOUNS.has(other.key) || (other.capitalised && other.key !== 'i'));
  }
  if (NOT_AFTER_A_NAME.has(next.key)) return false;
  // "Will Ingrid approve it?" asks a question; "Grace Hopper" is a name.
  if (next.capitalised) return !MODAL_NAMES.has(word.key) && !dateWord;
  return verbFollows(ctx, word, index);
}

/**
 * "met Summer interns", "the June offsite": the word after is a noun the capitalised word
 * describes. A word in -s there is a plural noun too ("interns"), unless only people do it.
 */
export function describesANoun(ctx: Context, index: number): boolean {
  const next = following(ctx.words, index);
  if (!next || next.capitalised || ctx.words[index]!.possessive) return false;
  if (PERSON_VERBS.has(next.key)) return false;
  const tags = ctx.tagging.tagsOf(next);
  if (hasTag(tags, 'Pronoun') || hasTag(tags, 'Date')) return false;
  return (
    hasTag(tags, 'Plural') ||
    hasTag(tags, 'Singular') ||
    (hasTag(tags, 'PresentTense') && /s$/.test(next.key))
  );
}

/** "in June", "May 12", "Summer Fridays", "the May offsite". */
function usedAsDateInSentence(ctx: Context, word: Word, index: number): boolean {
  const previous = preceding(ctx.words, index);
  if (previous && TIME_PREPOSITIONS.has(previous.key)) return true;
  const next = following(ctx.words, index);
  if (!next) return false;
  return (
    /^\d/.test(next.key) || DATE_WORDS.has(next.key.replace(/s$/, '')) || describesANoun(ctx, index)
  );
}

export function usedAsName(ctx: Context, index: number): boolean {
  const word = ctx.words[index];
  if (!word || !word.capitalised) return false;
  if (DATE_WORDS.has(word.key) && usedAsDateInSentence(ctx, word, index)) return false;
  return word.sentenceStart ? usedAsNameAtSentenceStart(ctx, word, index) : true;
}
