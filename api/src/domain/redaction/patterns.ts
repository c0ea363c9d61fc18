// Contact details and identifiers, found by their shape: emails (also spelt out), links and profile
// links, @handles, phone numbers and employee-style ids.
import { findPhoneNumbers } from './phones.ts';
import { allMatches } from './regex.ts';
import type { Found, RedactionKind } from './types.ts';
import { isKnownWord, NOT_AFTER_A_NAME } from './vocabulary.ts';

interface Pattern {
  kind: RedactionKind;
  regex: RegExp;
  /**
   * What every match contains, with the same flags: texts without it skip the regex. Most
   * questions hold no @, no # and no long number, and the large regexes cost most on them.
   */
  guard: RegExp;
  /** Second look at a match the regex cannot judge alone; false drops it. */
  accept?: (value: string) => boolean;
  /** Trims what the regex swallowed but does not belong to the match, like a closing bracket. */
  trim?: (value: string) => string;
}

// Top-level domains common enough to catch "linkedin.com/in/x" or "fabrikam.dev" without a scheme,
// while "Node.js", "e.g." or "v2.5" stay as they are.
const TLDS =
  'com|org|net|io|co|dev|app|ai|me|ly|gg|so|xyz|info|biz|edu|gov|uk|de|fr|es|it|nl|ca|au|in|us|eu|' +
  'ch|se|no|dk|fi|pl|br|jp|tv|fm|sh|to|page|site|online|tech|cloud|link|blog|team|work|jobs';

const BROADCAST_HANDLES = new Set(['@here', '@channel', '@everyone']);

/** Sentence punctuation after a link belongs to the sentence, and so does an unopened bracket. */
function trimLink(value: string): string {
  let link = value.replace(/[.,;:!?'"’”]+$/u, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (link.endsWith(close) && link.split(open).length < link.split(close).length) {
      link = link.slice(0, -1).replace(/[.,;:!?'"’”]+$/u, '');
    }
  }
  return link;
}

export const patterns: Pattern[] = [
  {
    kind: 'email',
    guard: /@/,
    // Letters of any script on both sides of the @: "hr-zoë@northwind.io".
    regex:
      /(?<![\p{L}\p{M}\p{N}._%+-])[\p{L}\p{M}\p{N}._%+-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*\.\p{L}{2,}/gu,
  },
  {
    kind: 'url',
    guard: /\/\/|www\./iu,
    regex: /\b(?:https?:\/\/|ftp:\/\/|www\.(?=[\p{L}\p{N}]))[^\s<>"]+/giu,
    trim: trimLink,
  },
  {
    kind: 'url',
    guard: /\./,
    regex: new RegExp(
      String.raw`(?<![\p{L}\p{N}@.\-/])(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+(?:${TLDS})(?![\p{L}\p{N}-])(?:\/[^\s<>"]*)?`,
      'gu',
    ),
    trim: trimLink,
    // People type hosts in lowercase; "ASP.net" or "VB.net" is a product name unless a path follows.
    accept: (value) => value.includes('/') || value === value.toLowerCase(),
  },
  {
    kind: 'handle',
    guard: /@/,
    regex:
      /(?<![\p{L}\p{M}\p{N}._%+\-@/])@[\p{L}\p{N}_](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_])?/gu,
    accept: (value) => !BROADCAST_HANDLES.has(value.toLowerCase()),
  },
  {
    kind: 'id',
    guard: /#/,
    // "#4821"; shorter numbers are rankings ("#1 priority"), a year is a hashtag.
    regex: /(?<![\p{L}\p{N}&])#(?!(?:19|20)\d{2}\b)\d{4,}\b/gu,
  },
  {
    kind: 'id',
    guard: /\d{3}/,
    // Letters and digits, with or without a dash: E-73561, emp-00977, PEOPLE-812, emp73561.
    regex: /(?<![\p{L}\p{N}_.\-/@#])(\p{L}{1,10})([-_]?)(\d{3,})(?![\p{L}\p{N}]|[-.,/]\d)/gu,
    accept: isIdShaped,
  },
  {
    kind: 'id',
    guard: /\d{4}/,
    // A number introduced as a person's id: "my employee id is 30917", "badge number: 5521",
    // "badge 5521", "staff no. 7781", "ID 004512". Shorter numbers ("employee number 12") are
    // warned about, not removed: an early hire's number says something, it is no login.
    regex:
      /(?<=\b(?:(?:employee|staff|badge|personnel|payroll|worker|emp|member|login|user)\s*(?:id|number|no\.?|num|#)?|id)\s*(?:is\s+|:\s*|#\s*)?)[a-z]{0,3}-?\d{4,}\b/giu,
    // A bare year after a bare label is a year: "the staff 2025 survey".
    accept: (value) => !/^(?:19|20)\d{2}$/.test(value),
  },
];

// What letters and digits name when they are no person's id: standards (ISO-9001, RFC-2119,
// SHA-256), versions and releases (v2, Python3, Office-365), protocol codes (HTTP-404), periods
// (Q3, FY2026, H1), health terms (covid-19) and product lines (GPT-4).
const NOT_ID_PREFIXES = new Set(
  (
    'iso iec ieee rfc ecma en din bs ansi astm nist fips pci soc sha aes rsa md crc utf ucs cve cwe ' +
    'sp sae jis pep jsr http https tcp udp port error err win windows ios macos android office ' +
    'python java node es ecmascript gpt llama vue angular react php net sql db ipv ip ddr pcie usb ' +
    'hdmi wifi lte model type class level grade tier band room floor suite gate page line chapter ' +
    'section part step phase sprint release version ver rev build v covid sars mers q fy cy h ' +
    'top under over no nr number form'
  ).split(' '),
);

/** Letters and digits that name a person's record, not a standard, a version or a period. */
function isIdShaped(value: string): boolean {
  const [, letters = '', separator = '', digits = ''] = /^(\p{L}+)([-_]?)(\d+)$/u.exec(value) ?? [];
  if (NOT_ID_PREFIXES.has(letters.toLowerCase())) return false;
  // A year is a date: "FY-2026", "ES2022".
  if (/^(?:19|20)\d{2}$/.test(digits)) return false;
  if (separator) {
    // "PEOPLE-812" is a ticket, "Office-365" a product: three digits need a code in capitals.
    if (digits.length >= 4) return true;
    return letters.length >= 2 && letters === letters.toUpperCase();
  }
  // Glued on: "emp60428", "EMP3917"; one letter needs five digits ("E30917", not "A1234").
  return digits.length >= 5 || (digits.length === 4 && letters.length >= 2 && letters.length <= 5);
}

// Spelt out against scrapers: "kwame dot mensah at corp dot com", "tariq [at] northwind [dot] io".
const SPELT_LOCAL_JOIN = String.raw`(?:\s+(?:dot|underscore|dash|hyphen)\s+|[._-])`;
const SPELT_AT = String.raw`(?:\s+at\s+|\s*[[({<]\s*at\s*[\])}>]\s*|\s+@\s+)`;
const SPELT_DOT = String.raw`(?:\s+dot\s+|\s*[[({<]\s*dot\s*[\])}>]\s*|\.)`;
const LABEL = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}'-]*`;
const SPELT_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{M}\p{N}._%+-])(${LABEL}(?:${SPELT_LOCAL_JOIN}${LABEL}){0,3})${SPELT_AT}(${LABEL}(?:${SPELT_DOT}${LABEL}){0,3})${SPELT_DOT}(?:${TLDS})(?![\p{L}\p{N}])`,
  'giu',
);
const SPELT_CUE = /\b(?:dot|underscore)\b|[[({<]\s*(?:at|dot)\s*[\])}>]|\s@\s/i;

const isFunctionWord = (word: string) => NOT_AFTER_A_NAME.has(word.toLowerCase());

/**
 * An address spelt out, not a sentence with "at" and "dot" in it: "we were at the dot com peak".
 * A name before "at" is a person's address; a single everyday word ("worked at google dot com")
 * is a sentence.
 */
function findSpeltEmails(text: string): Found[] {
  if (!SPELT_CUE.test(text)) return [];
  const found: Found[] = [];
  for (const m of allMatches(SPELT_EMAIL, text)) {
    const [whole, local = '', domain = ''] = m;
    const localWords = local.split(/\s+(?:dot|underscore|dash|hyphen)\s+|[._-]/i);
    const domainWords = domain.split(/\s+dot\s+|\s*[[({<]\s*dot\s*[\])}>]\s*|\./i);
    if ([...localWords, ...domainWords].some(isFunctionWord)) continue;
    if (localWords.length === 1 && !/[[({<@]/.test(whole) && isKnownWord(local.toLowerCase()))
      continue;
    found.push({ start: m.index, end: m.index + whole.length, kind: 'email' });
  }
  return found;
}

export function findPatterns(text: string): Found[] {
  const found: Found[] = [...findSpeltEmails(text), ...findPhoneNumbers(text)];
  for (const { kind, regex, guard, accept, trim } of patterns) {
    if (!guard.test(text)) continue;
    for (const m of allMatches(regex, text)) {
      const value = trim ? trim(m[0]) : m[0];
      if (!value || (accept && !accept(value))) continue;
      found.push({ start: m.index, end: m.index + value.length, kind });
    }
  }
  return found;
}
