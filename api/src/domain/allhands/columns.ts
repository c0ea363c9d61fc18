// Which column of a Q&A export holds what, from the headers such tools write (Slido, Claper,
// Pigeonhole, PulseStage and spreadsheets people keep): the question, its votes, when it was
// asked, its labels and whether it was answered. Columns that say who asked (author, name, email,
// user) are personal: never read, never mappable, never stored.
import { AppError } from '../errors.ts';

export const columnRoles = ['question', 'votes', 'date', 'labels', 'answered'] as const;
export type ColumnRole = (typeof columnRoles)[number];

/** Each role the file's columns fill, by header name; only the question is required. */
export type ColumnMapping = { question: string } & Partial<
  Record<Exclude<ColumnRole, 'question'>, string>
>;

export interface DetectedColumn {
  name: string;
  /** What the header says the column holds: a role, `personal` (dropped) or null (not read). */
  detected: ColumnRole | 'personal' | null;
}

/** Words of a header that mark a column about the person who asked. Checked before any role. */
const PERSONAL = new Set([
  'author',
  'authors',
  'name',
  'names',
  'email',
  'emails',
  'mail',
  'user',
  'username',
  'participant',
  'participants',
  'attendee',
  'asker',
  'submitter',
  'sender',
  'phone',
  'contact',
  'employee',
  'avatar',
  'ip',
  'linkedin',
  'twitter',
  'handle',
  'nickname',
]);
/** "Asked by", "submitted by", "posted by": whoever follows "by" is a person. */
const BY_PERSON = /\b(?:asked|submitted|posted|created|sent|written) by\b/;

/** Words that make a column an identifier or a link, whatever else the header says. */
const NOT_CONTENT = new Set(['id', 'uuid', 'url', 'link', 'ref']);
/** "Question number" counts questions; "number of votes" counts votes. */
const COUNTING = new Set(['number', 'no', 'nr', 'count']);

const ROLE_WORDS: Record<ColumnRole, readonly string[]> = {
  question: ['question', 'questions', 'text', 'content', 'body', 'message', 'post', 'comment'],
  votes: ['votes', 'vote', 'likes', 'like', 'upvotes', 'upvote', 'score', 'thumbs', 'points'],
  date: [
    'date',
    'time',
    'timestamp',
    'datetime',
    'created',
    'inserted',
    'submitted',
    'asked',
    'at',
  ],
  labels: ['labels', 'label', 'tags', 'tag', 'topic', 'topics', 'category', 'categories'],
  answered: ['answered', 'status', 'answer', 'done', 'resolved'],
};
/** Words that turn a vote count the other way: "dislikes" and "downvotes" are not votes. */
const NEGATIVE = new Set(['dislikes', 'dislike', 'downvotes', 'downvote']);

function words(header: string): string[] {
  return header
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[_\-./:#()?]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** What a header names, in the order a person would read it: who asked, then what was asked. */
export function detectColumn(header: string): DetectedColumn['detected'] {
  const spelled = header.normalize('NFKC').toLowerCase().replace(/[_-]+/g, ' ');
  const parts = words(header);
  if (parts.some((w) => PERSONAL.has(w)) || BY_PERSON.test(spelled)) return 'personal';
  if (parts.some((w) => NOT_CONTENT.has(w) || NEGATIVE.has(w))) return null;
  if (parts.some((w) => COUNTING.has(w))) {
    return parts.some((w) => ROLE_WORDS.votes.includes(w)) ? 'votes' : null;
  }
  // "Answered at" is when it was answered, not whether: the answered role wins over the date.
  for (const role of ['answered', 'question', 'votes', 'labels', 'date'] as const) {
    if (parts.some((w) => ROLE_WORDS[role].includes(w))) return role;
  }
  return null;
}

/** Every column with what its header names; a role goes to the first column that names it. */
export function detectColumns(headers: readonly string[]): DetectedColumn[] {
  const taken = new Set<ColumnRole>();
  return headers.map((name) => {
    const detected = detectColumn(name);
    if (detected === null || detected === 'personal') return { name, detected };
    if (taken.has(detected)) return { name, detected: null };
    taken.add(detected);
    return { name, detected };
  });
}

/** A first line that names a question column is a header, not a question. */
export const looksLikeHeader = (cells: readonly string[]) =>
  cells.some((c) => c.length <= 60 && detectColumn(c) === 'question');

/** The mapping the headers suggest, or null when no column looks like the questions. */
export function suggestedMapping(columns: readonly DetectedColumn[]): ColumnMapping | null {
  const of = (role: ColumnRole) => columns.find((c) => c.detected === role)?.name;
  const question =
    of('question') ??
    (columns.length === 1 && columns[0]!.detected !== 'personal' ? columns[0]!.name : undefined);
  if (!question) return null;
  const mapping: ColumnMapping = { question };
  for (const role of ['votes', 'date', 'labels', 'answered'] as const) {
    const name = of(role);
    if (name) mapping[role] = name;
  }
  return mapping;
}

/**
 * The column index each mapped role reads, after checking the mapping against the file: every
 * name must be one of its columns, none personal, none used twice.
 */
export function resolveMapping(
  headers: readonly string[],
  mapping: ColumnMapping,
): Partial<Record<ColumnRole, number>> {
  const resolved: Partial<Record<ColumnRole, number>> = {};
  const used = new Set<number>();
  for (const role of columnRoles) {
    const name = mapping[role];
    if (name === undefined) continue;
    const index = headers.indexOf(name);
    if (index < 0) {
      throw new AppError(
        'validation',
        400,
        `The file has no column "${name.slice(0, 60)}" for the ${role}; its columns are ${headers
          .map((h) => `"${h.slice(0, 40)}"`)
          .join(', ')
          .slice(0, 400)}.`,
        [{ path: `body.mapping.${role}`, message: 'is not a column of the file' }],
      );
    }
    if (detectColumn(name) === 'personal') {
      throw new AppError(
        'validation',
        400,
        `The column "${name.slice(0, 60)}" says who asked; it is never read or stored.`,
        [{ path: `body.mapping.${role}`, message: 'is a personal column' }],
      );
    }
    if (used.has(index)) {
      throw new AppError('validation', 400, `The column "${name.slice(0, 60)}" is mapped twice.`, [
        { path: `body.mapping.${role}`, message: 'is mapped to another role too' },
      ]);
    }
    used.add(index);
    resolved[role] = index;
  }
  return resolved;
}
