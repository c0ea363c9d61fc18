// Redaction: what must never be stored is replaced by a typed placeholder before anything is written.
// Pure functions, no I/O and no logging: the input is the one thing that must not leak.
import { compileRoster, findNames, type Roster } from './names.ts';
import { findPatterns, type Match } from './patterns.ts';
import { placeholder, type RedactionResult, type RedactionSpan } from './types.ts';
import { findWarnings } from './warnings.ts';

export { compileRoster, type Roster };
export type * from './types.ts';

/** Keeps the first of overlapping matches: shapes (emails, links) are found before names. */
function withoutOverlaps(matches: Match[]): Match[] {
  const kept: Match[] = [];
  for (const match of matches) {
    if (kept.some((k) => match.start < k.end && k.start < match.end)) continue;
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function redact(text: string, roster: Roster): RedactionResult {
  const matches = withoutOverlaps([...findPatterns(text), ...findNames(text, roster)]);
  const spans: RedactionSpan[] = matches.map((m) => ({ ...m, placeholder: placeholder(m.kind) }));
  let redacted = '';
  let at = 0;
  for (const span of spans) {
    redacted += text.slice(at, span.start) + span.placeholder;
    at = span.end;
  }
  redacted += text.slice(at);
  const warnings = findWarnings(text).filter(
    (w) => !spans.some((s) => s.start <= w.start && w.end <= s.end),
  );
  return { text: redacted, spans, warnings };
}
