// From a file's rows and a column mapping to the questions an all-hands import stores: the text,
// its votes, its labels and whether it was answered, each row checked as a capture checks a
// question. The mapped date column only suggests the event's day; no question keeps a time of its
// own. The personal columns are read for one thing only: the names in them are redacted from
// every question, even when they are not on the roster.
import { formatDay, isInFuture } from '@kb/db';
import { hasControlCharacter, isWithinDateRange } from '../../schemas/common.ts';
import { MAX_QUESTION_LENGTH } from '../../schemas/redactions.ts';
import { compileRoster, redact, type Roster } from '../redaction/index.ts';
import type { Redactor } from '../redactor.ts';
import type { ColumnRole, DetectedColumn } from './columns.ts';
import type { TableCell, UploadedTable } from './files.ts';

/** Labels kept per question, and their length: a label is a word or two, not a note. */
export const MAX_LABELS = 12;
export const MAX_LABEL_LENGTH = 60;

export interface AskedQuestion {
  /** The row in the file (the header is row 1). */
  line: number;
  text: string;
  votes: number;
  answered: boolean | null;
  labels: string[];
  /** The day the row says it was asked, if its date column says so. */
  day: string | null;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

const cellText = (cell: TableCell | undefined): string =>
  cell instanceof Date ? formatDay(cell) : (cell ?? '');

const YES = new Set([
  'yes',
  'y',
  'true',
  '1',
  'x',
  '✓',
  '✔',
  'answered',
  'done',
  'resolved',
  'closed',
]);
const NO = new Set(['', 'no', 'n', 'false', '0', 'unanswered', 'not answered', 'open', 'pending']);

/** Whether it was answered: "yes" and its like, a time it was answered at, or anything but "no". */
function answeredOf(cell: TableCell | undefined): boolean {
  if (cell instanceof Date) return true;
  const value = (cell ?? '').trim().toLowerCase();
  if (YES.has(value)) return true;
  return !NO.has(value);
}

/** A whole number of votes, written as 12, 1,204 or 1 204; blank is none. */
function votesOf(cell: TableCell | undefined): number | null {
  const value = cellText(cell).trim();
  if (value === '') return 0;
  if (!/^\d{1,3}(?:[,\s\u00a0\u202f]\d{3})*$|^\d+$/.test(value)) return null;
  const votes = Number(value.replace(/\D/g, ''));
  return votes <= 1_000_000_000 ? votes : null;
}

/** The day a date cell holds: a spreadsheet date, or text starting with YYYY-MM-DD. */
function dayOf(cell: TableCell | undefined): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : formatDay(cell);
  const match = /^(\d{4}-\d{2}-\d{2})/.exec((cell ?? '').trim());
  if (!match) return null;
  const day = match[1]!;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && formatDay(parsed) === day ? day : null;
}

const labelsOf = (cell: TableCell | undefined): string[] =>
  [
    ...new Set(
      cellText(cell)
        .split(/[;,|\n]/)
        .map((l) => l.trim().replace(/\s+/g, ' ').slice(0, MAX_LABEL_LENGTH))
        .filter(Boolean),
    ),
  ].slice(0, MAX_LABELS);

/**
 * Every row with a question, or the rows to fix: text of 3 to MAX_QUESTION_LENGTH characters with
 * no control characters, votes a whole number. Rows with an empty question cell are skipped.
 */
export function readQuestions(
  table: UploadedTable,
  columns: Partial<Record<ColumnRole, number>>,
): { questions: AskedQuestion[]; rejected: RejectedRow[] } {
  const questions: AskedQuestion[] = [];
  const rejected: RejectedRow[] = [];
  const at = (cells: readonly TableCell[], role: ColumnRole) =>
    columns[role] === undefined ? undefined : cells[columns[role]!];
  for (const { line, cells } of table.rows) {
    const text = cellText(at(cells, 'question')).trim();
    if (text === '') continue;
    const labels = labelsOf(at(cells, 'labels'));
    if ([text, ...labels].some(hasControlCharacter)) {
      rejected.push({ line, reason: 'the row holds a control character (such as NUL)' });
      continue;
    }
    if (text.length < 3) {
      rejected.push({ line, reason: 'the question is shorter than 3 characters' });
      continue;
    }
    if (text.length > MAX_QUESTION_LENGTH) {
      rejected.push({
        line,
        reason: `the question must have at most ${MAX_QUESTION_LENGTH} characters`,
      });
      continue;
    }
    const votes = columns.votes === undefined ? 0 : votesOf(at(cells, 'votes'));
    if (votes === null) {
      rejected.push({ line, reason: 'the votes are not a whole number' });
      continue;
    }
    questions.push({
      line,
      text,
      votes,
      answered: columns.answered === undefined ? null : answeredOf(at(cells, 'answered')),
      labels,
      day: columns.date === undefined ? null : dayOf(at(cells, 'date')),
    });
  }
  return { questions, rejected };
}

/** The day most questions say they were asked on (the earliest of a tie), if any says so. */
export function suggestedDay(questions: readonly AskedQuestion[]): string | null {
  const counts = new Map<string, number>();
  for (const q of questions) {
    if (q.day && isWithinDateRange(q.day) && !isInFuture(q.day)) {
      counts.set(q.day, (counts.get(q.day) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** Cells that name nobody: placeholders a Q&A tool writes for people who did not give a name. */
const NOBODY = /^(?:anonymous|anon|guest|unknown|n\/?a|none|-+|participant|attendee|user|\?+)$/i;

/**
 * The people the personal columns name, as a roster of their own: full names as written, and the
 * name part of an email ("tariq.haddad@…" reads as "tariq haddad"). Cells are never kept.
 */
export function authorRoster(table: UploadedTable, columns: readonly DetectedColumn[]): Roster {
  const personal = columns.flatMap((c, i) => (c.detected === 'personal' ? [i] : []));
  const names = new Set<string>();
  for (const { cells } of table.rows) {
    for (const i of personal) {
      for (const part of cellText(cells[i]).split(/[;,/]|\band\b/)) {
        const value = part.trim();
        const email = /^([^@\s]+)@[^@\s]+$/.exec(value);
        const name = email ? email[1]!.replace(/[._+-]+/g, ' ').replace(/\d+/g, ' ') : value;
        const cleaned = name.replace(/\s+/g, ' ').trim();
        if (cleaned.length >= 2 && cleaned.length <= 80 && !NOBODY.test(cleaned))
          names.add(cleaned);
      }
    }
  }
  return compileRoster([...names]);
}

/**
 * Texts redacted as every capture is (the roster, patterns and names the server finds), then once
 * more against the names the file's own personal columns hold.
 */
export async function redactAsked(
  redactor: Redactor,
  texts: readonly string[],
  authors: Roster,
): Promise<string[]> {
  const redacted = await redactor.redactAll(texts);
  return redacted.map((r) => redact(r.text, authors).text);
}
