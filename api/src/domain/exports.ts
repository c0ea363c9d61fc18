// What leaves the product as a file: every question (CSV or JSON) and a prep pack (Markdown, CSV or
// JSON). Each export is recorded in the audit log before the file is handed over.
import { Readable } from 'node:stream';
import {
  answersForQuestions,
  countQuestions,
  listThemes,
  questionsAfter,
  type Db,
  type QuestionWithCategories,
} from '@kb/db';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { csvRows, toCsv } from './csv.ts';
import { notFound } from './errors.ts';
import { periodsOf } from './periods.ts';
import { loadPack, type LoadedPack, type PackEntry } from './packs.ts';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

export type QuestionExportFormat = 'csv' | 'json';
export type PackExportFormat = 'md' | 'csv' | 'json';

const PAGE = 1000;

interface ExportedQuestion extends QuestionWithCategories {
  theme: string | null;
  answer: string;
  answerStatus: string | null;
}

/** A file written while it is sent: every question would not fit in memory on a large install. */
export interface ExportStream {
  filename: string;
  contentType: string;
  body: Readable;
}

const QUESTION_COLUMNS = [
  'id',
  'period',
  'text',
  'status',
  'categories',
  'theme',
  'answer',
  'answer_status',
] as const;

/**
 * Every question (redacted when captured) with its categories, theme and answer, a page of rows at
 * a time. The audit row is written first, with the number of questions there are then.
 */
export async function exportQuestions(
  db: Db,
  format: QuestionExportFormat,
  actor: Actor,
  k: number,
): Promise<ExportStream> {
  const [total, periods, themes] = await Promise.all([
    countQuestions(db),
    periodsOf(db, k),
    listThemes(db),
  ]);
  await audit(db, actor, 'export', { entity: 'question', detail: { format, questions: total } });
  const themeNames = new Map(themes.map((t) => [t.id, t.name ?? t.label]));
  const pages = questionPages(db, themeNames);
  const period = (q: ExportedQuestion) => periods.of(q.week).label;
  if (format === 'json') {
    return {
      filename: 'questions.json',
      contentType: 'application/json; charset=utf-8',
      body: Readable.from(jsonChunks(pages, period)),
    };
  }
  return {
    filename: 'questions.csv',
    contentType: 'text/csv; charset=utf-8',
    body: Readable.from(csvChunks(pages, period)),
  };
}

async function* jsonChunks(
  pages: AsyncGenerator<ExportedQuestion[]>,
  period: (q: ExportedQuestion) => string,
): AsyncGenerator<string> {
  yield '{"questions":[';
  let first = true;
  for await (const page of pages) {
    const items = page.map((r) =>
      JSON.stringify({
        id: r.id,
        text: r.text,
        period: period(r),
        status: r.status,
        categories: r.categories.map((c) => c.slug),
        theme: r.theme,
        answer: r.answer,
        answerStatus: r.answerStatus,
      }),
    );
    yield `${first ? '' : ','}\n${items.join(',\n')}`;
    first = false;
  }
  yield '\n]}\n';
}

async function* csvChunks(
  pages: AsyncGenerator<ExportedQuestion[]>,
  period: (q: ExportedQuestion) => string,
): AsyncGenerator<string> {
  yield csvRows([QUESTION_COLUMNS]);
  for await (const page of pages) {
    yield csvRows(
      page.map((r) => [
        r.id,
        period(r),
        r.text,
        r.status,
        r.categories.map((c) => c.slug).join(';'),
        r.theme,
        r.answer,
        r.answerStatus,
      ]),
    );
  }
}

/** Walks the table in id order a page at a time, each question with its theme's name and answer. */
async function* questionPages(
  db: Db,
  themeNames: ReadonlyMap<string, string>,
): AsyncGenerator<ExportedQuestion[]> {
  for (let after: string | null = null; ;) {
    const page: QuestionWithCategories[] = await questionsAfter(db, after, PAGE);
    if (page.length === 0) return;
    const answers = await answersForQuestions(
      db,
      page.map((q) => q.id),
    );
    yield page.map((q) => {
      const answer = answers.get(q.id);
      return {
        ...q,
        // Empty rather than null: the question has a theme, created after the themes were read.
        theme: q.themeId ? (themeNames.get(q.themeId) ?? '') : null,
        answer: answer?.body ?? '',
        answerStatus: answer?.status ?? null,
      };
    });
    after = page[page.length - 1]!.id;
  }
}

export async function exportPack(
  db: Db,
  id: string,
  format: PackExportFormat,
  actor: Actor,
): Promise<ExportFile> {
  const pack = await loadPack(db, id);
  if (!pack) throw notFound('The prep pack');
  await audit(db, actor, 'export', {
    entity: 'pack',
    id: pack.id,
    detail: { format, entries: pack.entries.length },
  });
  const filename = `${slugOf(pack.name)}.${format}`;
  if (format === 'md') {
    return { filename, contentType: 'text/markdown; charset=utf-8', body: packMarkdown(pack) };
  }
  if (format === 'csv') {
    return { filename, contentType: 'text/csv; charset=utf-8', body: packCsv(pack) };
  }
  return {
    filename,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(pack, null, 2),
  };
}

/** A file name from the pack's name: ASCII letters and digits, dashes between. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'prep-pack';

/**
 * Markdown in the spirit of the essay: under headings by tone ("Some were quite predictable… Some
 * were tougher…"), each theme with its representative questions and the draft answer. The entries
 * keep the order the editor set: a heading starts wherever the tone changes, so a pack ordered by
 * tone reads as the essay does and any other order is never shuffled.
 */
export function packMarkdown(pack: LoadedPack): string {
  const groups: { key: string; title: string; entries: PackEntry[] }[] = [];
  for (const entry of pack.entries) {
    const tone = entry.categories.find((c) => c.axis === 'tone');
    const topic = entry.categories.find((c) => c.axis === 'topic');
    const key = tone?.slug ?? topic?.slug ?? 'other';
    const title = tone ? tone.name : topic ? topic.name : 'Other questions';
    const last = groups.at(-1);
    if (last?.key === key) last.entries.push(entry);
    else groups.push({ key, title, entries: [entry] });
  }
  const lines = [`# ${pack.name}`, ''];
  if (pack.eventOn) lines.push(`All-hands on ${pack.eventOn}.`, '');
  for (const { title, entries } of groups) {
    lines.push(`## ${title}`, '');
    for (const entry of entries) {
      const topics = entry.categories.filter((c) => c.axis === 'topic').map((c) => c.name);
      lines.push(`### ${entry.title}`, '');
      if (topics.length > 0) lines.push(`_${topics.join(', ')}_`, '');
      for (const question of entry.questions) lines.push(`- ${question}`);
      lines.push('');
      if (entry.draftAnswer.trim())
        lines.push('**Draft answer**', '', entry.draftAnswer.trim(), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function packCsv(pack: LoadedPack): string {
  return toCsv(
    ['position', 'kind', 'title', 'questions', 'categories', 'draft_answer', 'answer_status'],
    pack.entries.map((e, i) => [
      i + 1,
      e.kind,
      e.title,
      e.questions.join(' | '),
      e.categories.map((c) => c.slug).join(';'),
      e.draftAnswer,
      e.answerStatus,
    ]),
  );
}
