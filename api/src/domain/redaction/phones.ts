// Phone numbers and extensions. The shapes people type anywhere (+1 (415) 555-0187, 020 7946 0958)
// are found by a pattern; national formats a pattern cannot judge (0151 23456789, 030/2345-6789,
// 06 12345678) by libphonenumber-js, asked for each region the company may have people in. Nearly
// any long digit run is a valid number somewhere, so every candidate then passes one guard that
// knows dates, years, amounts, versions and addresses, and asks for a word like "call" or "mobile"
// before the shapes an amount shares with a phone number.
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import { allMatches } from './regex.ts';
import type { Found } from './types.ts';

// Where a number written without its country code is most likely from: the regions with the most
// people in offices and remote teams of companies like this one, each with its own numbering plan.
const REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'NL',
  'FR',
  'ES',
  'IT',
  'IE',
  'PL',
  'SE',
  'IN',
  'NG',
  'KE',
  'ZA',
  'BR',
  'MX',
  'AU',
  'JP',
  'CN',
  'SG',
  'PH',
];

// Where a phone number may be: seven digits or more among the separators people type, with a
// leading "+" or bracket and a trailing extension. Only these runs are shown to the library, which
// is slow on a whole question and asked once per region.
const DIGIT_RUN = /[+(]?\d(?:[\s./()-]{0,3}\d){6,}(?:\s*(?:ext\.?|extension|x)\s*\d{1,6})?\)?/giu;

const SHAPES = [
  // +1 (415) 555-0187, 312-555-0163, 1-800-555-0176, 020 7946 0958, 555.123.4567, with "ext. 12".
  /(?<![\p{L}\p{N}/+\-.,])(?:\+\d{1,3}[\s.-]?|\b1[\s.-])?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?:\s*(?:ext\.?|x)\s*\d{1,5})?(?![\p{L}\p{N}/%]|[.,-]\d)/gu,
  // Digits run together: +442079460958, 7185550134.
  /(?<![\p{L}\p{N}.,\-/])(?:\+\d{8,15}|\d{10,15})(?![\p{L}\p{N}%]|[.,-]\d)/gu,
];

// An extension on its own: "extension 4417", "ext. 12", "x4417", "Durchwahl 17", "poste 4417".
const EXTENSION =
  /(?<![\p{L}\p{N}])(?:(?:extension|ext\.?|durchwahl|toestel|poste)\s*(?:no\.?|number|#|:)?\s*\d{2,6}|x\d{3,6})(?![\p{L}\p{N}]|[.,]\d)/giu;
const TRAILING_EXTENSION = /\s*(?:ext\.?|extension|x)\s*\d{1,6}$/i;

// Words that say the digits after them are a phone number, a few words before them: "call me on",
// "my mobile is", "direct line". Not "reach" or "number" alone: "sales will reach 1 250 000".
const PHONE_CUE =
  /\b(?:call|called|calling|phone|mobile|cell|cellphone|tel|telephone|whatsapp|signal|text|sms|ring|landline|hotline|helpline|direct\s+line|my\s+line|dial|fax|reach\s+me|contact\s+me|my\s+number)\b[^.!?\n]{0,30}$/i;

const digitsIn = (value: string) => value.replace(/\D/g, '').length;

/** What a number's digits and separators say when nothing around it does. */
function shapeSays(value: string): 'phone' | 'not a phone' | 'ambiguous' {
  const digits = digitsIn(value);
  if (digits < 7 || digits > 15) return 'not a phone';
  // Dates and year ranges: 2026-03-12, 12/03/2026, 12.03.2026, 2019-2023, 2019 2023.
  if (/^\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}$/.test(value)) return 'not a phone';
  if (/^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}$/.test(value)) return 'not a phone';
  if (/^(?:19|20)\d{2}\s*[-–/ ]\s*(?:19|20)?\d{2}$/.test(value)) return 'not a phone';
  // An address or a version: 192.168.10.12, 10.4.12.1009.
  if (/^\d{1,3}(?:\.\d{1,4}){3,}$/.test(value)) return 'not a phone';
  if (value.startsWith('+')) return 'phone';
  // A decimal or an amount: 14795.00, 3.14159265, 10 000 000, 1.250.000, 1,250,000.
  if (/^\d+[.,]\d+$/.test(value)) return 'ambiguous';
  if (/^\d{1,3}(?:([ .,])\d{3})(?:\1\d{3})*$/.test(value)) return 'ambiguous';
  // Digits alone, fewer than a full national number with its area code.
  if (/^\d+$/.test(value) && digits < 10) return 'ambiguous';
  return 'phone';
}

function readsAsPhoneNumber(text: string, start: number, value: string): boolean {
  const verdict = shapeSays(value.replace(TRAILING_EXTENSION, ''));
  if (verdict !== 'ambiguous') return verdict === 'phone';
  const before = text.slice(Math.max(0, start - 40), start);
  return PHONE_CUE.test(before);
}

export function findPhoneNumbers(text: string): Found[] {
  const found: Found[] = [];
  const add = (start: number, end: number) => {
    if (!found.some((f) => f.start === start && f.end === end))
      found.push({ start, end, kind: 'phone' });
  };
  for (const m of allMatches(EXTENSION, text)) add(m.index, m.index + m[0].length);
  const runs = allMatches(DIGIT_RUN, text);
  if (runs.length === 0) return found;

  for (const shape of SHAPES) {
    for (const m of allMatches(shape, text)) {
      if (readsAsPhoneNumber(text, m.index, m[0])) add(m.index, m.index + m[0].length);
    }
  }
  for (const run of runs) {
    for (const region of REGIONS) {
      const numbers = findPhoneNumbersInText(run[0], region);
      for (const number of numbers) {
        const start = run.index + number.startsAt;
        const end = run.index + number.endsAt;
        if (readsAsPhoneNumber(text, start, text.slice(start, end))) add(start, end);
      }
      // Once one region reads the whole run as a number, the others cannot add to it.
      if (numbers.some((n) => n.startsAt === 0 && n.endsAt === run[0].length)) break;
    }
  }
  return found;
}
