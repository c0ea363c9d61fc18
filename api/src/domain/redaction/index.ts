// Redaction: what must never be stored is replaced by a typed placeholder before anything is
// written. Pure functions, no I/O and no logging: the input is the one thing that must not leak.
import { findNames } from './names.ts';
import { matchingText } from './normalise.ts';
import { findPatterns } from './patterns.ts';
import { findCombination, type QuasiIdentifier } from './reidentification.ts';
import { compileRoster, type Roster } from './roster.ts';
import {
  placeholder,
  type Found,
  type RedactionResult,
  type RedactionSpan,
  type RedactionWarning,
} from './types.ts';
import { findWarnings } from './warnings.ts';
import { readWords, type Reading } from './words.ts';

export { compileRoster, type Roster };
export type {
  QuasiIdentifierKind,
  RedactionKind,
  RedactionResult,
  RedactionSpan,
  RedactionWarning,
  WarningKind,
  WarningPart,
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

/** Words inside a contact detail are not names: "ingrid" in "ingrid.solberg@northwind.io" is the email. */
function maskContacts(reading: Reading, contacts: readonly Found[]): void {
  for (const word of reading.words) {
    word.masked = contacts.some((c) => word.start < c.end && c.start < word.writtenEnd);
  }
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

function rebuild(text: string, edits: readonly Edit[]): string {
  let rebuilt = '';
  let at = 0;
  for (const edit of edits) {
    rebuilt += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return rebuilt + text.slice(at);
}

const asEdits = (spans: readonly RedactionSpan[]): Edit[] =>
  spans.map((s) => ({ start: s.start, end: s.end, replacement: s.placeholder }));

/**
 * The typed question as it would be stored, with each detail that has a coarser form written in
 * it. Where redaction replaces any of a detail, the placeholder wins: the suggestion never
 * repeats what redaction removed.
 */
function suggestion(
  typed: string,
  spans: readonly RedactionSpan[],
  details: readonly QuasiIdentifier[],
): string {
  const coarsened: Edit[] = details.flatMap(({ start, end, coarser }) => {
    if (coarser === undefined || spans.some((s) => start < s.end && s.start < end)) return [];
    // "The only designer…" at the start of a sentence stays capitalised: "A designer…".
    const capital = /^\p{Lu}/u.test(typed.slice(start)) && /^\p{Ll}/u.test(coarser);
    return [
      { start, end, replacement: capital ? coarser[0]!.toUpperCase() + coarser.slice(1) : coarser },
    ];
  });
  return rebuild(
    typed,
    [...asEdits(spans), ...coarsened].sort((a, b) => a.start - b.start),
  );
}

/**
 * Redacts a text. Everything is found in the text as redaction reads it (see normalise.ts) and
 * replaced in the text as typed, so spans and warnings index what the person wrote.
 */
export function redact(typed: string, roster: Roster): RedactionResult {
  const source = matchingText(typed);
  const text = source.text;
  const inTyped = <T extends { start: number; end: number }>(found: T): T => ({
    ...found,
    ...source.original(found.start, found.end),
  });

  const contacts = findPatterns(text);
  const reading = readWords(text);
  maskContacts(reading, contacts);
  const spans: RedactionSpan[] = withoutOverlaps([
    ...contacts,
    ...findNames(text, reading, roster),
  ]).map((found) => ({ ...inTyped(found), placeholder: placeholder(found.kind) }));

  // A warning about words that are replaced anyway says nothing.
  const shown = (w: { start: number; end: number }) =>
    !spans.some((s) => s.start <= w.start && w.end <= s.end);
  const found = findWarnings(text);
  const warnings: RedactionWarning[] = found.map(inTyped).filter(shown);
  const combination = findCombination(text, reading, found);
  if (combination) {
    const warning = inTyped(combination.warning);
    const details = combination.details.map(inTyped);
    if (shown(warning))
      warnings.push({
        ...warning,
        parts: warning.parts?.map(inTyped),
        suggestion: suggestion(typed, spans, details),
      });
  }
  return { text: rebuild(typed, asEdits(spans)), spans, warnings };
}
