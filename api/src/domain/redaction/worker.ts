// Redaction in a worker thread, for imports of many rows: while it redacts one chunk, the request's
// thread writes the one before. Each task carries the roster it must be read against; the compiled
// form is kept until the roster's version moves.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { compileRoster, redact, type RedactionResult, type Roster } from './index.ts';

export interface RedactionTask {
  rosterVersion: number;
  rosterNames: readonly string[];
  texts: readonly string[];
}

let compiled: { version: number; roster: Roster } | undefined;

/**
 * An import's redaction gives way to the requests the server answers meanwhile and to the search
 * engine indexing what the import wrote: with two cores busy, the engine otherwise falls behind
 * and the import is searchable only seconds after it was written. Linux lets a thread of its own
 * have a lower priority; elsewhere it keeps the process's.
 */
function yieldToOthers(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread)) setPriority(thread, 10);
  } catch {
    // No /proc (not Linux): nothing to lower.
  }
}
// Only ever a worker's own thread: loaded on the main thread, it would slow down the server.
if (!isMainThread) yieldToOthers();

export default function redactTexts(task: RedactionTask): RedactionResult[] {
  if (compiled?.version !== task.rosterVersion) {
    compiled = { version: task.rosterVersion, roster: compileRoster(task.rosterNames) };
  }
  const { roster } = compiled;
  return task.texts.map((text) => redact(text, roster));
}
