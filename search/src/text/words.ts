// From a question's text to the terms every comparison uses: tokens, stop words, Porter stems and
// the word pairs that stand side by side. Themes, similar questions and all-hands matching all read
// text through here, so two questions are alike for one reason everywhere.
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * Words Meilisearch ignores in the questions index. Deliberately only articles, pronouns and
 * auxiliaries: a query's "how" or "why" still ranks, and "work", "help" or "team" stay searchable.
 */
export const INDEX_STOP_WORDS: readonly string[] = [
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'and',
  'or',
  'is',
  'are',
  'was',
  'be',
  'do',
  'does',
  'did',
  'i',
  'me',
  'my',
  'we',
  'our',
  'you',
  'your',
  'it',
  'its',
  'that',
  'this',
];

/**
 * Words that say nothing about what a question is about, on top of the stopword package's English
 * list: the ways people open a question ("why", "when", "anyone", "think", "know"), contractions'
 * leftovers and auxiliaries the list lacks. Measured with `eval:themes`: themes come out closer
 * to people's own grouping without them than with "why" and "how" kept as words.
 */
const QUESTION_STOP_WORDS = [
  'why',
  'when',
  'whom',
  'whose',
  'does',
  'doing',
  'done',
  'having',
  'was',
  'will',
  'shall',
  'may',
  'mine',
  'us',
  'she',
  'its',
  'it’s',
  'not',
  'no',
  'nor',
  'just',
  'own',
  'so',
  'anyone',
  'someone',
  'something',
  'anything',
  'think',
  'know',
  'please',
  'possible',
  's',
  't',
  'd',
  'll',
  'm',
  're',
  've',
  'y',
];

/**
 * The setting of every question to an executive: "the company" tells which questions belong
 * together no more than "you" does ("How did you come to the company?", "the most interesting
 * project in the company", "Where do you see the company in five years?").
 */
const SETTING_WORDS = ['company', 'companies'];

/**
 * Words of the package's list that name what a question is about in a 1:1 ("What did you do
 * before?", "Why are you still here?", "How did you come to the company?").
 */
const TOPIC_WORDS = new Set(['before', 'after', 'come', 'came', 'never', 'still', 'way']);

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...eng, ...INDEX_STOP_WORDS, ...QUESTION_STOP_WORDS, ...SETTING_WORDS].filter(
    (w) => !TOPIC_WORDS.has(w),
  ),
);

/**
 * A redaction placeholder ("[name]", "[email]"): it stands for something removed, so it is never a
 * word of the question, nor part of a title.
 */
const PLACEHOLDER = /\[[a-z]+\]/;

export function hasPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

/** The text with each placeholder replaced by a space. */
export function withoutPlaceholders(text: string): string {
  return text.replace(new RegExp(PLACEHOLDER.source, 'g'), ' ');
}

// A word, with the inner marks of "c++", "c#", "node.js", "don't" or "e-mail" kept inside it.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}+#]*(?:[.'’-][\p{L}\p{N}+#]+)*/gu;

/** Lowercased words in order, without placeholders and without a possessive "'s". */
export function tokenize(text: string): string[] {
  return (withoutPlaceholders(text).toLowerCase().match(TOKEN) ?? []).map((t) =>
    t.replace(/['’]s$/u, ''),
  );
}

/** Porter's stem, so "priorities" meets "priority" and "decided" meets "decides". */
export function stem(word: string): string {
  // Porter's rules are for plain English words; "c#", "node.js" or "2fa" stay as written.
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/** Whether a token carries meaning: not a stop word, not a bare number. */
export function isContentWord(token: string): boolean {
  return !STOP_WORDS.has(token) && !/^\d+$/.test(token);
}

/** The content words of a text as written (lowercased), in order. */
export function contentWords(text: string): string[] {
  return tokenize(text).filter(isContentWord);
}

export interface TermOptions {
  /** Also the pairs of content words that stand side by side ("career path"); default true. */
  pairs?: boolean;
}

/** Stemmed content terms, then the stemmed pairs of neighbouring content words. */
export function terms(text: string, options: TermOptions = {}): string[] {
  // A removed stop word leaves a gap, so "company in five years" yields no "company five".
  const slots = tokenize(text).map((t) => (isContentWord(t) ? stem(t) : null));
  const words = slots.filter((w): w is string => w !== null);
  if (options.pairs === false) return words;
  return [...words, ...pairsOf(slots)];
}

/** Neighbouring pairs of a sequence with gaps ("a b _ c" gives "a b" only). */
export function pairsOf(slots: readonly (string | null)[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < slots.length; i++) {
    if (slots[i] && slots[i + 1]) pairs.push(`${slots[i]} ${slots[i + 1]}`);
  }
  return pairs;
}
