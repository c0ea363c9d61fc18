// Letters of other scripts that look like Latin ones, after the skeleton of Unicode TR39
// ("confusables"): enough of Cyrillic, Greek and a few others to spell a Latin name with them. Case
// is kept, since name detection reads capitals. Fullwidth and mathematical letters need no entry:
// NFKC turns them into plain Latin first.

const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic capitals
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Ѕ: 'S',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ү: 'Y',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ӏ: 'l',
  // Cyrillic small letters
  а: 'a',
  ь: 'b',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  у: 'y',
  ү: 'y',
  х: 'x',
  ԝ: 'w',
  // Greek capitals
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Greek small letters
  α: 'a',
  ϲ: 'c',
  ι: 'i',
  ϳ: 'j',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  // Armenian
  օ: 'o',
  ս: 'u',
  ց: 'g',
  // Latin letters that pass for plain ones
  ı: 'i',
  ɑ: 'a',
  ɡ: 'g',
  ʏ: 'y',
};

/** The Latin letter a character passes for, or undefined when it passes for none. */
export function lookAlikeOf(char: string): string | undefined {
  return Object.hasOwn(LOOK_ALIKES, char) ? LOOK_ALIKES[char] : undefined;
}
