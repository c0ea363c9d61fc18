// Redaction in a worker thread, for imports of many rows: while it redacts one chunk, the request's
// thread writes the one before. Each task carries the roster it must be read against; the compiled
// form is kept until the roster's version moves.
import { compileRoster, redact, type RedactionResult, type Roster } from './index.ts';

export interface RedactionTask {
  rosterVersion: number;
  rosterNames: readonly string[];
  texts: readonly string[];
}

let compiled: { version: number; roster: Roster } | undefined;

export default function redactTexts(task: RedactionTask): RedactionResult[] {
  if (compiled?.version !== task.rosterVersion) {
    compiled = { version: task.rosterVersion, roster: compileRoster(task.rosterNames) };
  }
  const { roster } = compiled;
  return task.texts.map((text) => redact(text, roster));
}
