// Contact details and identifiers, found by their shape: emails, links and profile links, @handles,
// phone numbers and employee-style ids.
import { allMatches } from './regex.ts';
import type { Found, RedactionKind } from './types.ts';

interface Pattern {
  kind: RedactionKind;
  regex: RegExp;
  /** Second look at a match the regex cannot judge alone; false drops it. */
  accept?: (value: string) => boolean;
  /** Trims what the regex swallowed but does not belong to the match, like a closing bracket. */
  trim?: (value: string) => string;
}

// Top-level domains common enough to catch "linkedin.com/in/x" or "acme.io" without a scheme,
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

const digitsIn = (value: string) => value.replace(/\D/g, '').length;

/** A number that has the shape of a phone number but reads as a date, a year range or an amount. */
function isPhoneNumber(value: string): boolean {
  const digits = digitsIn(value);
  if (digits < 7 || digits > 15) return false;
  if (/^\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}$/.test(value)) return false;
  if (/^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}$/.test(value)) return false;
  if (/^(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}$/.test(value)) return false;
  // An amount with cents: "14795.00".
  if (/^\d+\.\d{2}$/.test(value)) return false;
  // Thousands grouped with spaces or dots: "10 000 000", "1.250.000".
  if (/^\d{1,3}(?:([ .])\d{3})(?:\1\d{3})*$/.test(value)) return false;
  return true;
}

const patterns: Pattern[] = [
  {
    kind: 'email',
    // Letters of any script on both sides of the @: "hr-chloé@acme.io".
    regex:
      /(?<![\p{L}\p{M}\p{N}._%+-])[\p{L}\p{M}\p{N}._%+-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*\.\p{L}{2,}/gu,
  },
  {
    kind: 'email',
    // Spelt out against scrapers: "priya [at] acme [dot] io".
    regex:
      /[\p{L}\p{M}\p{N}._%+-]+\s*[[({]at[\])}]\s*[\p{L}\p{M}\p{N}-]+(?:\s*(?:[[({]dot[\])}]|\.)\s*[\p{L}\p{N}-]+)+/giu,
  },
  {
    kind: 'url',
    regex: /\b(?:https?:\/\/|ftp:\/\/|www\.(?=[\p{L}\p{N}]))[^\s<>"]+/giu,
    trim: trimLink,
  },
  {
    kind: 'url',
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
    regex:
      /(?<![\p{L}\p{M}\p{N}._%+\-@/])@[\p{L}\p{N}_](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_])?/gu,
    accept: (value) => !BROADCAST_HANDLES.has(value.toLowerCase()),
  },
  {
    kind: 'phone',
    // +1 (646) 555-0142, 212-555-0199, 1-800-555-0199, 020 7946 0958, 555.123.4567, with "ext. 12".
    regex:
      /(?<![\p{L}\p{N}/+\-.,])(?:\+\d{1,3}[\s.-]?|\b1[\s.-])?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?:\s*(?:ext\.?|x)\s*\d{1,5})?(?![\p{L}\p{N}/%]|[.,-]\d)/gu,
    accept: (value) => isPhoneNumber(value.replace(/\s*(?:ext\.?|x)\s*\d{1,5}$/, '')),
  },
  {
    kind: 'phone',
    // Digits run together: +442079460958, 6465550142.
    regex: /(?<![\p{L}\p{N}.,\-/])(?:\+\d{8,15}|\d{10,15})(?![\p{L}\p{N}%]|[.,-]\d)/gu,
  },
  {
    kind: 'id',
    // Employee-style ids: letters, a dash and 4+ digits (E-48213, EMP-0042), letters glued to 5+
    // digits (EMP12345). A year after the dash ("FY-2026") is a date, not an id.
    regex: /\b[A-Z]{1,5}-(?!(?:19|20)\d{2}\b)\d{4,}\b|\b[A-Z]{1,5}\d{5,}\b/gu,
  },
  {
    kind: 'id',
    // "#4821"; shorter numbers are rankings ("#1 priority"), a year is a hashtag.
    regex: /(?<![\p{L}\p{N}&])#(?!(?:19|20)\d{2}\b)\d{4,}\b/gu,
  },
  {
    kind: 'id',
    // A number introduced as a person's id: "my employee id is 48213", "badge number: 5521", "ID 004512".
    regex:
      /(?<=\b(?:(?:employee|staff|badge|personnel|payroll|worker|emp)\s*(?:id|number|no\.?|num|#)|id)\s*(?:is\s+|:\s*|#\s*)?)[a-z]{0,3}-?\d{4,}\b/giu,
  },
];

export function findPatterns(text: string): Found[] {
  const found: Found[] = [];
  for (const { kind, regex, accept, trim } of patterns) {
    for (const m of allMatches(regex, text)) {
      const value = trim ? trim(m[0]) : m[0];
      if (!value || (accept && !accept(value))) continue;
      found.push({ start: m.index, end: m.index + value.length, kind });
    }
  }
  return found;
}
