// From question text to terms: lowercase tokens, a short stop-word list, light stemming, word pairs.

/**
 * Only words that carry no topic. Deliberately short: "work", "help", "team" or "manager" are what
 * questions are about and must stay.
 */
export const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as into about over than then so ' +
    'is are was were be been being am do does did doing have has had having will would can could ' +
    'should shall may might must i me my mine we us our you your he him his she her it its they them ' +
    'their this that these those there here what which who whom whose when where why how ' +
    'not no nor just also very too any some all each both more most other such only own same ' +
    's t d ll m re ve y get got'
  ).split(' '),
);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}+#]*(?:[.'’-][\p{L}\p{N}+#]+)*/gu;

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []).map((t) => t.replace(/['’]s$/u, ''));
}

const VOWEL = /[aeiouy]/;

/** A light suffix stripper in the spirit of Porter's first steps: enough to join word forms. */
export function stem(word: string): string {
  if (word.length <= 3 || /[^a-z]/.test(word)) return word;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
    w = w.slice(0, -1);
  for (const suffix of ['ingly', 'edly', 'ing', 'ed']) {
    if (
      w.endsWith(suffix) &&
      VOWEL.test(w.slice(0, -suffix.length)) &&
      w.length - suffix.length >= 3
    ) {
      w = w.slice(0, -suffix.length);
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  for (const [suffix, replacement] of [
    ['ational', 'ate'],
    ['ization', 'ize'],
    ['fulness', 'ful'],
    ['iveness', 'ive'],
    ['ousness', 'ous'],
    ['ation', 'ate'],
    ['ement', ''],
    ['ment', ''],
    ['ness', ''],
    ['ally', 'al'],
    ['ly', ''],
  ] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3 && !VOWEL.test(w.at(-2)!)) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Stemmed content terms and the pairs of content words that stand side by side ("career path"). */
export function terms(text: string, options: { pairs?: boolean } = {}): string[] {
  // A removed stop word leaves a gap, so "company in five years" yields no "company five".
  const slots = tokenize(text).map((t) => (STOP_WORDS.has(t) || /^\d+$/.test(t) ? null : stem(t)));
  const words = slots.filter((w): w is string => w !== null);
  if (options.pairs === false) return words;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < slots.length; i++) {
    if (slots[i] && slots[i + 1]) pairs.push(`${slots[i]} ${slots[i + 1]}`);
  }
  return [...words, ...pairs];
}
