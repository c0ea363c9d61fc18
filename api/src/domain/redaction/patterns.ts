// Contact details and identifiers found by their shape: URLs and profile links, emails, @handles,
// phone numbers and employee-style ids.
import type { RedactionKind } from './types.ts';

export interface Match {
  start: number;
  end: number;
  kind: RedactionKind;
}

const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"’”]+$/u;

// Common top-level domains, so "linkedin.com/in/x" and "acme.io" are caught without a scheme but
// "Node.js" or "e.g." are not.
const TLDS =
  'com|org|net|io|co|dev|app|ai|me|ly|gg|so|xyz|info|biz|edu|gov|uk|de|fr|es|it|nl|ca|au|in|us|eu|ch|se|no|dk|fi|pl|br|jp';

const patterns: { kind: RedactionKind; regex: RegExp; accept?: (text: string) => boolean }[] = [
  {
    kind: 'email',
    regex: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
  },
  {
    kind: 'url',
    regex: new RegExp(
      String.raw`(?:\bhttps?:\/\/|\bwww\.)[^\s<>"]+|(?<![\p{L}\p{N}@.-])(?:[a-z0-9-]+\.)+(?:${TLDS})\b(?:\/[^\s<>"]*)?`,
      'giu',
    ),
  },
  {
    kind: 'handle',
    regex: /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?/gu,
  },
  {
    kind: 'phone',
    regex:
      /(?<![\p{L}\p{N}/-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?![\p{L}\p{N}/]|[.-]\d)/gu,
    accept: (text) => {
      const digits = text.replace(/\D/g, '').length;
      // A calendar date or a year range has the shape of a short phone number.
      if (
        /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(text) ||
        /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(text)
      )
        return false;
      if (/^(19|20)\d{2}\s*[-–]\s*(19|20)?\d{2}$/.test(text)) return false;
      return digits >= 7 && digits <= 15;
    },
  },
  {
    kind: 'id',
    // E-48213, EMP-1234, EMP12345, #48213: letters with a dash and 4+ digits, or 5+ digits.
    regex: /\b[A-Z]{1,4}-\d{4,}\b|\b[A-Z]{1,4}\d{5,}\b|(?<![\p{L}\p{N}])#\d{4,}\b/gu,
  },
  {
    kind: 'id',
    // A number introduced as an id: "my employee id is 48213", "badge no. 5521".
    regex: /(?<=\b(?:id|ID|Id|number|no\.?|badge|#)\s*(?:is\s+)?[:#]?\s*)\d{4,}\b/gu,
  },
];

export function findPatterns(text: string): Match[] {
  const matches: Match[] = [];
  for (const { kind, regex, accept } of patterns) {
    for (const m of text.matchAll(regex)) {
      let value = m[0];
      if (kind === 'url') value = value.replace(TRAILING_PUNCTUATION, '');
      if (!value || (accept && !accept(value))) continue;
      matches.push({ start: m.index, end: m.index + value.length, kind });
    }
  }
  return matches;
}
