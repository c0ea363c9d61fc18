// Whether a name that is also an everyday word (Will, Mark, Grace, June) is used as a name here.
// Lowercase it is the word. Capitalised inside a sentence it is the name, unless a month follows a
// time preposition. At the start of a sentence the capital says nothing, so what follows decides:
// a name is a subject, followed by a verb ("Grace told", "Mark reviews every"), a comma, "'s" or
// "and I"; the word is followed by its object or noun ("Will the company", "Mark my words",
// "Grace periods", "Summer interns get").
import type { Tagging } from './tagging.ts';
import {
  ADVERBS_BEFORE_A_VERB,
  AUXILIARIES,
  COPULAS,
  DATE_WORDS,
  MODAL_NAMES,
  NOT_AFTER_A_NAME,
  SUBJECT_PRONOUNS,
  TIME_PREPOSITIONS,
} from './vocabulary.ts';
import { following, gapAfter, preceding, type Word } from './words.ts';

export interface Context {
  text: string;
  words: readonly Word[];
  tagging: Tagging;
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

/** After a capitalised everyday word at the start of a sentence, does a verb follow as it would a subject? */
function verbFollows(ctx: Context, word: Word, index: number): boolean {
  const next = following(ctx.words, index);
  if (!next) return false;
  const modal = MODAL_NAMES.has(word.key);
  if (AUXILIARIES.has(next.key)) return !(COPULAS.has(next.key) && DATE_WORDS.has(word.key));
  if (ADVERBS_BEFORE_A_VERB.has(next.key)) {
    // "Grace always replies", but "Will ever…" reads as the modal: look past the adverb.
    if (!modal) return true;
    const verb = following(ctx.words, index + 1);
    return !!verb && isFiniteVerb(verb, ctx.tagging.tagsOf(verb));
  }
  const tags = ctx.tagging.tagsOf(next);
  if (!hasTag(tags, 'Verb') || hasTag(tags, 'Gerund')) return false;
  if (hasTag(tags, 'PastTense')) return true;
  if (hasTag(tags, 'PresentTense') && /s$/.test(next.key)) return !isNounBeforeVerb(ctx, index + 1);
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
  // "Will Priya approve it?" asks a question; "Grace Hopper" is a name.
  if (next.capitalised) return !MODAL_NAMES.has(word.key) && !dateWord;
  return verbFollows(ctx, word, index);
}

function usedAsDateInSentence(ctx: Context, word: Word, index: number): boolean {
  const previous = preceding(ctx.words, index);
  if (previous && TIME_PREPOSITIONS.has(previous.key)) return true;
  const next = following(ctx.words, index);
  return !!next && /^\d/.test(next.key);
}

export function usedAsName(ctx: Context, index: number): boolean {
  const word = ctx.words[index];
  if (!word || !word.capitalised) return false;
  if (DATE_WORDS.has(word.key) && usedAsDateInSentence(ctx, word, index)) return false;
  return word.sentenceStart ? usedAsNameAtSentenceStart(ctx, word, index) : true;
}
