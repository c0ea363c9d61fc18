// The text as redaction reads it: invisible characters dropped, compatibility forms (fullwidth,
// ligatures, mathematical letters) made plain by NFKC, and look-alike letters of other scripts
// folded to Latin inside Latin-looking words. "Ing\u200Brid" and "Іngrid" (a Cyrillic І) both read
// "Ingrid". Every character keeps where it came from, so what is found replaces exactly what the
// person typed.
import { lookAlikeOf } from './confusables.ts';

/**
 * Characters that show nothing: soft hyphens, zero-width spaces and joiners, bidi controls,
 * variation selectors, fillers and tags. Ranges of code points, as a regex would have to hold
 * combining characters in a class.
 */
const INVISIBLE: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
];

const isInvisible = (char: string) => {
  const code = char.codePointAt(0)!;
  return INVISIBLE.some(([from, to]) => code >= from && code <= to);
};

// Printable ASCII and line breaks; anything else takes the long way.
const PLAIN = /^[\t\n\r\x20-\x7e]*$/;
const MARK = /^\p{M}$/u;
const LETTERS = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;

export interface MatchingText {
  /** The text that names and patterns are matched in. */
  readonly text: string;
  /**
   * The run of the original text that `text.slice(start, end)` came from, widened over invisible
   * characters on either side: a placeholder must not leave a bidi control dangling.
   */
  original(start: number, end: number): { start: number; end: number };
}

function identity(text: string): MatchingText {
  return { text, original: (start, end) => ({ start, end }) };
}

/**
 * Folds look-alike letters in words that are Latin already ("Hоpe" with a Cyrillic о) or could
 * be read as Latin throughout ("Тоmаs"). A word of another script keeps its letters: "Москва" is
 * not respelled. Every look-alike is one UTF-16 unit and so is its Latin letter: offsets hold.
 */
function foldLookAlikes(text: string): string {
  return text.replace(LETTERS, (word) => {
    let lookAlikes = 0;
    for (const char of word) {
      if (lookAlikeOf(char) !== undefined) lookAlikes++;
      else if (!LATIN.test(char) && !MARK.test(char)) return word;
    }
    if (lookAlikes === 0) return word;
    let folded = '';
    for (const char of word) folded += lookAlikeOf(char) ?? char;
    return folded;
  });
}

export function matchingText(original: string): MatchingText {
  // Most questions are plain ASCII: nothing can hide in them.
  if (PLAIN.test(original)) return identity(original);

  let text = '';
  // For each UTF-16 unit of `text`, the original run it came from.
  const starts: number[] = [];
  const ends: number[] = [];
  const invisible: boolean[] = [];
  const emit = (piece: string, from: number, to: number) => {
    text += piece;
    for (let k = 0; k < piece.length; k++) {
      starts.push(from);
      ends.push(to);
    }
  };

  // A base character with its combining marks is normalised as one, so "e" + U+0301 composes.
  let cluster = '';
  let clusterStart = 0;
  let at = 0;
  for (const char of original) {
    const from = at;
    at += char.length;
    if (isInvisible(char)) {
      invisible[from] = invisible[at - 1] = true;
      continue;
    }
    if (MARK.test(char) && cluster) {
      cluster += char;
      continue;
    }
    if (cluster) emit(cluster.normalize('NFKC'), clusterStart, from);
    cluster = char;
    clusterStart = from;
  }
  if (cluster) emit(cluster.normalize('NFKC'), clusterStart, at);

  text = foldLookAlikes(text);
  if (text === original) return identity(original);

  return {
    text,
    original(start, end) {
      let from = start < starts.length ? starts[start]! : original.length;
      let to = end > start ? ends[end - 1]! : from;
      while (from > 0 && invisible[from - 1]) from--;
      while (to < original.length && invisible[to]) to++;
      return { start: from, end: to };
    },
  };
}
