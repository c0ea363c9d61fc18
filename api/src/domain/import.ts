// Importing past questions from CSV or JSON: every row goes through the same validation and
// redaction as a capture, and nothing is written unless every row is good.
import { randomUUID } from 'node:crypto';
import {
  enqueueHeldSearchChanges,
  enqueueSearchChangesInBulk,
  findCategoriesBySlugs,
  insertMeetingsInBulk,
  insertQuestionsInBulk,
  isInFuture,
  linkQuestionCategoriesInBulk,
  weekOf,
  type Db,
} from '@kb/db';
import {
  questionDocument,
  SEND_AHEAD_HOLD_SECONDS,
  SendAhead,
  type SearchService,
} from '@kb/search';
import { z } from 'zod';
import { FIRST_DATE, hasControlCharacter, isoDate, LAST_DATE } from '../schemas/common.ts';
import { MAX_CATEGORIES } from '../schemas/questions.ts';
import { questionText } from '../schemas/redactions.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import type { RedactionResult } from './redaction/index.ts';
import type { Redactor } from './redactor.ts';

export type ImportFormat = 'csv' | 'json';

export interface ImportRow {
  /** Where the row starts: the line in a CSV file (header is line 1), the item number in JSON. */
  line: number;
  text: string;
  date: string;
  categories: string[];
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  rejected: RejectedRow[];
  /** What redaction changes: rows touched and placeholders by kind. */
  redacted: { rows: number; byKind: Record<string, number> };
  /** What was created, or with a dry run what would be (each date becomes one meeting). */
  created: { meetings: number; questions: number };
}

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside quotes. */
export function parseCsv(content: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
  return records;
}

const jsonRow = z.object({
  text: z.string(),
  date: z.string(),
  categories: z.union([z.array(z.string()), z.string()]).optional(),
});

const splitCategories = (value: string) =>
  value
    .split(/[;|]/)
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);

/** Reads rows; a file that cannot be read at all is one rejected "row" at line 1. */
export function readRows(
  format: ImportFormat,
  content: string,
): { rows: ImportRow[]; rejected: RejectedRow[] } {
  const rejected: RejectedRow[] = [];
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      return { rows: [], rejected: [{ line: 1, reason: 'the file is not valid JSON' }] };
    }
    if (!Array.isArray(data))
      return { rows: [], rejected: [{ line: 1, reason: 'expected a JSON array of questions' }] };
    const rows: ImportRow[] = [];
    data.forEach((item, i) => {
      const parsed = jsonRow.safeParse(item);
      if (!parsed.success) {
        rejected.push({ line: i + 1, reason: 'each item needs "text" and "date" strings' });
        return;
      }
      const categories = parsed.data.categories ?? [];
      rows.push({
        line: i + 1,
        text: parsed.data.text,
        date: parsed.data.date,
        categories: Array.isArray(categories)
          ? categories.map((c) => c.trim().toLowerCase())
          : splitCategories(categories),
      });
    });
    return { rows, rejected };
  }
  const [header, ...records] = parseCsv(content);
  const columns = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const at = (name: string) => columns.indexOf(name);
  if (at('text') < 0 || at('date') < 0) {
    return {
      rows: [],
      rejected: [
        {
          line: 1,
          reason: 'the header must name the columns text, date and (optionally) categories',
        },
      ],
    };
  }
  return {
    rows: records.map(({ line, cells }) => ({
      line,
      text: cells[at('text')] ?? '',
      date: (cells[at('date')] ?? '').trim(),
      categories: at('categories') >= 0 ? splitCategories(cells[at('categories')] ?? '') : [],
    })),
    rejected,
  };
}

/**
 * A row is refused for what a capture would refuse it for, by the same schemas (text length,
 * control characters, a real date in range and not ahead, at most 12 categories), then for
 * categories the installation does not have.
 */
const IN_THE_FUTURE = 'the date is in the future';
const importDate = isoDate.refine((day) => !isInFuture(day), IN_THE_FUTURE);

/** Why a date is refused, or null; an import holds few distinct dates, so each is checked once. */
function dateChecker(): (date: string) => string | null {
  const verdicts = new Map<string, string | null>();
  return (date) => {
    let verdict = verdicts.get(date);
    if (verdict === undefined) {
      const checked = importDate.safeParse(date);
      const message = checked.success ? null : checked.error.issues[0]!.message;
      verdict =
        message === null || message === IN_THE_FUTURE
          ? message
          : `"${date.slice(0, 20)}" is not a date as YYYY-MM-DD from ${FIRST_DATE} to ${LAST_DATE}`;
      verdicts.set(date, verdict);
    }
    return verdict;
  };
}

function rowProblem(
  row: ImportRow,
  categories: ReadonlyMap<string, unknown>,
  dateProblem: (date: string) => string | null,
): string | null {
  // Control characters first: the other reasons quote the row's own date and categories.
  if ([row.text, row.date, ...row.categories].some(hasControlCharacter)) {
    return 'the row holds a control character (such as NUL); remove it and import again';
  }
  const text = questionText.safeParse(row.text);
  if (!text.success) {
    if (row.text.trim().length < 3) return 'the question is empty or shorter than 3 characters';
    return `the question ${text.error.issues[0]!.message}`;
  }
  const date = dateProblem(row.date);
  if (date) return date;
  if (row.categories.length > MAX_CATEGORIES) return `at most ${MAX_CATEGORIES} categories`;
  const unknown = row.categories.filter((c) => !categories.has(c));
  if (unknown.length === 0) return null;
  const names = unknown.map((c) => `"${c.slice(0, 40)}"`).join(', ');
  return `unknown categor${unknown.length === 1 ? 'y' : 'ies'} ${names}`;
}

/** Rows written per statement: large enough to cost little per row, small enough to report progress. */
const IMPORT_CHUNK = 10_000;

/**
 * The first chunks are smaller: the writer waits for the first chunk's redaction with nothing
 * else to do, and each small chunk's write covers the redaction of the larger one after it.
 */
const FIRST_CHUNKS = [2_500, 5_000];

/** Cuts rows into chunks of FIRST_CHUNKS, then of IMPORT_CHUNK; up to one chunk's worth stays whole. */
export function importChunks<T>(rows: readonly T[]): T[][] {
  if (rows.length <= IMPORT_CHUNK) return [rows.slice()];
  const chunks: T[][] = [];
  for (let from = 0; from < rows.length;) {
    const size = FIRST_CHUNKS[chunks.length] ?? IMPORT_CHUNK;
    chunks.push(rows.slice(from, from + size));
    from += size;
  }
  return chunks;
}

/** Text this long holds more rows than one chunk, as far as a guess before reading it can tell. */
const MANY_ROWS_CHARS = IMPORT_CHUNK * 60;

export interface ImportOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * The engine, to send each chunk's documents while later chunks are still being written; without
   * it (or with it away) the outbox brings them to the index after the commit.
   */
  search?: SearchService | null;
  /** Told once the import's documents are indexed, or handed to the outbox worker to send. */
  onIndexed?: () => void;
}

export async function importQuestions(
  db: Db,
  redactor: Redactor,
  input: { format: ImportFormat; content: string; dryRun: boolean },
  actor: Actor,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { onProgress } = options;
  // A large import redacts in a worker thread: it starts while the file is read and checked.
  if (!input.dryRun && input.content.length > MANY_ROWS_CHARS) redactor.warmWorker();
  const { rows, rejected } = readRows(input.format, input.content);
  const unreadable = rejected.length;
  const categoryOf = new Map(
    (await findCategoriesBySlugs(db, [...new Set(rows.flatMap((r) => r.categories))])).map((c) => [
      c.slug,
      c,
    ]),
  );
  const valid: ImportRow[] = [];
  const dateProblem = dateChecker();
  for (const row of rows) {
    const reason = rowProblem(row, categoryOf, dateProblem);
    if (reason) rejected.push({ line: row.line, reason });
    else valid.push({ ...row, text: row.text.trim(), categories: [...new Set(row.categories)] });
  }
  rejected.sort((a, b) => a.line - b.line);

  const dates = new Set(valid.map((row) => row.date));
  const report: ImportReport = {
    dryRun: input.dryRun,
    rows: rows.length + unreadable,
    valid: valid.length,
    rejected,
    redacted: { rows: 0, byKind: {} },
    created: { meetings: 0, questions: 0 },
  };
  const count = (redactions: readonly RedactionResult[]) => {
    for (const r of redactions) {
      if (r.spans.length > 0) report.redacted.rows++;
      for (const span of r.spans) {
        report.redacted.byKind[span.kind] = (report.redacted.byKind[span.kind] ?? 0) + 1;
      }
    }
  };

  // A dry run reports what the import would create and change; a refused import creates nothing.
  if (input.dryRun || rejected.length > 0) {
    count(await redactor.redactAll(valid.map((r) => r.text)));
    if (input.dryRun) report.created = { meetings: dates.size, questions: valid.length };
    return report;
  }

  // All or nothing: one transaction; each date becomes one meeting. Rows are redacted and written a
  // chunk at a time, a statement per table, and each written chunk goes to the engine at once, so
  // it indexes while the next is redacted (in a worker thread, while this one writes).
  const ahead = options.search ? await SendAhead.open(options.search) : null;
  try {
    await db.transaction(async (tx) => {
      const meetingOf = new Map([...dates].map((date) => [date, randomUUID()]));
      const weekOfDate = new Map([...dates].map((date) => [date, weekOf(date)]));
      await insertMeetingsInBulk(
        tx,
        [...meetingOf].map(([date, id]) => ({ id, week: weekOfDate.get(date)! })),
      );
      const chunks = importChunks(valid);
      // With more than one chunk, a worker thread redacts each while this one writes the last.
      const redactChunk = (chunk: readonly ImportRow[]) => {
        const texts = chunk.map((row) => row.text);
        const redacting =
          chunks.length > 1 ? redactor.redactAllInWorker(texts, tx) : redactor.redactAll(texts, tx);
        // Awaited in turn; should a write fail first, the transaction's failure is what counts.
        redacting.catch(() => undefined);
        return redacting;
      };
      let redacting = chunks.length > 0 ? redactChunk(chunks[0]!) : null;
      let done = 0;
      for (const [at, chunk] of chunks.entries()) {
        onProgress?.(done, valid.length);
        done += chunk.length;
        const redacted = await redacting!;
        redacting = at + 1 < chunks.length ? redactChunk(chunks[at + 1]!) : null;
        count(redacted);
        const written = chunk.map((row, i) => ({
          id: randomUUID(),
          meetingId: meetingOf.get(row.date)!,
          text: redacted[i]!.text,
          week: weekOfDate.get(row.date)!,
        }));
        const ids = written.map((q) => q.id);
        await insertQuestionsInBulk(tx, written);
        await linkQuestionCategoriesInBulk(
          tx,
          chunk.flatMap((row, i) =>
            row.categories.map((slug) => ({
              questionId: ids[i]!,
              categoryId: categoryOf.get(slug)!.id,
            })),
          ),
        );
        if (ahead) {
          const held = await enqueueHeldSearchChanges(tx, ids, SEND_AHEAD_HOLD_SECONDS);
          // The documents the worker would build: new questions have no theme and no answer yet.
          ahead.send(
            written.map((q, i) =>
              questionDocument({
                id: q.id,
                text: q.text,
                week: q.week,
                status: 'open',
                categories: chunk[i]!.categories.map((slug) => categoryOf.get(slug)!),
              }),
            ),
            held,
          );
        } else {
          await enqueueSearchChangesInBulk(tx, ids, 'upsert');
        }
      }
      onProgress?.(valid.length, valid.length);
      report.created = { meetings: meetingOf.size, questions: valid.length };
      await audit(tx, actor, 'import', {
        entity: 'question',
        detail: { format: input.format, ...report.created },
      });
      ahead?.seal();
    });
  } catch (error) {
    void ahead?.rolledBack();
    throw error;
  }
  if (ahead) void ahead.committed(db).then(() => options.onIndexed?.());
  else options.onIndexed?.();
  return report;
}
