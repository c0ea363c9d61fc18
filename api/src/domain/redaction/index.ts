// Redaction: what must never be stored is replaced by a typed placeholder before anything is
// written. Pure functions, no I/O and no logging: the input is the one thing that must not leak.
import { findNames } from './names.ts';
import { findPatterns } from './patterns.ts';
import { compileRoster, type Roster } from './roster.ts';
import { placeholder, type Found, type RedactionResult, type RedactionSpan } from './types.ts';
import { findWarnings } from './warnings.ts';
import { readWords, type Reading } from './words.ts';

export { compileRoster, type Roster };
export type {
  RedactionKind,
  RedactionResult,
  RedactionSpan,
  RedactionWarning,
  WarningKind,
} from './types.ts';

// On a tie in length, a contact detail's kind is the more telling placeholder than a name.
const PRIORITY: Record<Found['kind'], number> = {
  email: 0,
  url: 1,
  handle: 2,
  phone: 3,
  id: 4,
  name: 5,
};

/** Where matches overlap, the longest wins: a link that contains a name is one [url]. */
function withoutOverlaps(found: readonly Found[]): Found[] {
  const byStrength = [...found].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.kind] - PRIORITY[b.kind],
  );
  const kept: Found[] = [];
  for (const candidate of byStrength) {
    if (kept.some((k) => candidate.start < k.end && k.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Words inside a contact detail are not names: "elena" in "elena.petrova@acme.io" is the email. */
function maskContacts(reading: Reading, contacts: readonly Found[]): void {
  for (const word of reading.words) {
    word.masked = contacts.some((c) => word.start < c.end && c.start < word.writtenEnd);
  }
}

function rebuild(text: string, spans: readonly RedactionSpan[]): string {
  let redacted = '';
  let at = 0;
  for (const span of spans) {
    redacted += text.slice(at, span.start) + span.placeholder;
    at = span.end;
  }
  return redacted + text.slice(at);
}

export function redact(text: string, roster: Roster): RedactionResult {
  const contacts = findPatterns(text);
  const reading = readWords(text);
  maskContacts(reading, contacts);
  const spans: RedactionSpan[] = withoutOverlaps([
    ...contacts,
    ...findNames(text, reading, roster),
  ]).map((found) => ({ ...found, placeholder: placeholder(found.kind) }));
  const warnings = findWarnings(text).filter(
    (w) => !spans.some((s) => s.start <= w.start && w.end <= s.end),
  );
  return { text: rebuild(text, spans), spans, warnings };
}
