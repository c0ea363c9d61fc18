// The question as a list of words with their offsets and where each sentence starts: the unit that
// roster and name detection reason about.

import { allMatches } from './regex.ts';

export interface Word {
  /** As written, without a possessive "'s". */
  text: string;
  start: number;
  /** End of the name part: a possessive "'s" stays outside, so "Noah's" becomes "[name]'s". */
  end: number;
  /** End of the word as written, possessive included. */
  writtenEnd: number;
  /** Folded for comparison: lowercase, accents and typographic apostrophes removed. */
  key: string;
  possessive: boolean;
  /** Starts with a capital and is not an all-caps acronym: "Grace", "O'Connor", not "VP" or "grace". */
  capitalised: boolean;
  sentence: number;
  sentenceStart: boolean;
  /** Part of an email, link, handle or number found by its shape; names leave it alone. */
  masked: boolean;
}

export interface Sentence {
  start: number;
  end: number;
}

export interface Reading {
  words: Word[];
  sentences: Sentence[];
}

// Letters, digits and combining marks, with inner apostrophes ("O'Connor", "don't"); hyphens split
// words so "Ingrid-approved" still shows the name.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;
const POSSESSIVE = /['’]s$/u;
const NON_ASCII = /[\u0080-\uffff]/;

// A full stop after these does not end the sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'st',
  'sr',
  'jr',
  'vs',
  'e',
  'g',
  'i',
]);

/** Lowercase, without accents, so "Chloe" finds "Chloé" and "O’Neill" finds "O'Neill". */
export function fold(word: string): string {
  // Most words are plain ASCII: nothing to take apart.
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'").toLocaleLowerCase('en');
}

const UPPERCASE_START = /^\p{Lu}/u;
const SENTENCE_MARK = /[.!?…:;]/;
const FULL_STOP_GAP = /^\.\s+$/;

function isCapitalised(word: string): boolean {
  // Most words start with a plain ASCII letter: no Unicode property lookup is needed for those.
  const first = word.charCodeAt(0);
  const capital = first < 0x80 ? first >= 0x41 && first <= 0x5a : UPPERCASE_START.test(word);
  // English has no casing rules of its own, so the plain uppercase is the locale's.
  return capital && !(word.length > 1 && word === word.toUpperCase());
}

function endsSentence(gap: string, previous: Word | undefined): boolean {
  if (!previous) return true;
  // Between most words there is one space.
  if (gap === ' ') return false;
  if (gap.includes('\n')) return true;
  if (FULL_STOP_GAP.test(gap) && ABBREVIATIONS.has(previous.key)) return false;
  // A colon or semicolon before a capital reads as a fresh start: "Question: Will the…".
  return SENTENCE_MARK.test(gap);
}

export function readWords(text: string): Reading {
  const words: Word[] = [];
  const sentences: Sentence[] = [];
  for (const m of allMatches(WORD, text)) {
    const written = m[0];
    const possessive = POSSESSIVE.test(written) && written.length > 2;
    const name = possessive ? written.slice(0, -2) : written;
    const previous = words[words.length - 1];
    const gap = previous ? text.slice(previous.writtenEnd, m.index) : '';
    const sentenceStart = endsSentence(gap, previous);
    if (sentenceStart) {
      const last = sentences[sentences.length - 1];
      if (last) last.end = m.index;
      sentences.push({ start: m.index, end: text.length });
    }
    words.push({
      text: name,
      start: m.index,
      end: m.index + name.length,
      writtenEnd: m.index + written.length,
      key: fold(name),
      possessive,
      capitalised: isCapitalised(name),
      sentence: sentences.length - 1,
      sentenceStart,
      masked: false,
    });
  }
  return { words, sentences };
}

/** The characters between two neighbouring words, e.g. ", " or " (". */
export function gapAfter(text: string, word: Word, next: Word | undefined): string {
  return next ? text.slice(word.writtenEnd, next.start) : text.slice(word.writtenEnd);
}

/** The next word in the same sentence, skipping nothing: grammar cues only look one step ahead. */
export function following(words: readonly Word[], index: number, steps = 1): Word | undefined {
  const word = words[index];
  const next = words[index + steps];
  return word && next && next.sentence === word.sentence ? next : undefined;
}

export function preceding(words: readonly Word[], index: number): Word | undefined {
  const word = words[index];
  const previous = words[index - 1];
  return word && previous && previous.sentence === word.sentence ? previous : undefined;
}
