// All-hands events: the one place that imports, previews, changes and deletes them. An import reads
// the file, drops the personal columns, redacts every text, matches each question to the 1:1 themes
// up to the event's week (outside any transaction: it reads every 1:1), then writes the event, its
// questions and its audit row in one transaction.
import {
  deleteEvent,
  eventQuestions,
  findEvent,
  findPack,
  insertEvent,
  insertEventQuestions,
  isInFuture,
  oneOnOnesUntil,
  setEventMatches,
  updateEvent,
  weekOf,
  type Db,
  type EventMatching,
} from '@kb/db';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Redactor } from '../redactor.ts';
import { AnticipationModel, type ThemeMatch } from './anticipation.ts';
import {
  detectColumns,
  looksLikeHeader,
  resolveMapping,
  suggestedMapping,
  type ColumnMapping,
  type DetectedColumn,
} from './columns.ts';
import { readTable, type UploadedTable } from './files.ts';
import {
  authorRoster,
  readQuestions,
  redactAsked,
  suggestedDay,
  type RejectedRow,
} from './rows.ts';

export interface EventFile {
  name: string;
  /** The file's bytes. */
  content: Buffer;
}

export interface EventPreview {
  source: UploadedTable['source'];
  columns: DetectedColumn[];
  /** The mapping the preview read the rows with: the one asked for, or the one the headers suggest. */
  mapping: ColumnMapping | null;
  /** Rows holding a question, and those an import would refuse. */
  questions: number;
  rejected: RejectedRow[];
  /** The first questions as they would be stored: redacted, with their votes, labels and answer. */
  sample: { text: string; votes: number; labels: string[]; answered: boolean | null }[];
  /** The day most rows say they were asked on, when a date column says so. */
  suggestedDay: string | null;
}

const SAMPLE = 5;

/** The file as the import would read it, and nothing stored. */
export async function previewEvent(
  redactor: Redactor,
  input: { file: EventFile; mapping?: ColumnMapping | undefined },
): Promise<EventPreview> {
  const table = await readTable(input.file, looksLikeHeader);
  const columns = detectColumns(table.headers);
  const mapping = input.mapping ?? suggestedMapping(columns);
  if (!mapping) {
    return {
      source: table.source,
      columns,
      mapping: null,
      questions: 0,
      rejected: [],
      sample: [],
      suggestedDay: null,
    };
  }
  const { questions, rejected } = readQuestions(table, resolveMapping(table.headers, mapping));
  const shown = questions.slice(0, SAMPLE);
  const texts = await redactAsked(
    redactor,
    shown.flatMap((q) => [q.text, ...q.labels]),
    authorRoster(table, columns),
  );
  let next = 0;
  return {
    source: table.source,
    columns,
    mapping,
    questions: questions.length,
    rejected: rejected.slice(0, 200),
    sample: shown.map((q) => ({
      text: texts[next++]!,
      votes: q.votes,
      labels: q.labels.map(() => texts[next++]!),
      answered: q.answered,
    })),
    suggestedDay: suggestedDay(questions),
  };
}

export interface NewEvent {
  name: string;
  heldOn: string;
  packId: string | null;
  file: EventFile;
  mapping?: ColumnMapping | undefined;
}

function notAhead(heldOn: string) {
  if (isInFuture(heldOn)) {
    throw new AppError('validation', 400, 'body.heldOn: the all-hands cannot be in the future', [
      { path: 'body.heldOn', message: 'the all-hands cannot be in the future' },
    ]);
  }
}

async function packExists(db: Db, packId: string | null) {
  if (packId !== null && !(await findPack(db, packId))) throw notFound('The prep pack');
}

/** Imports an all-hands Q&A; returns the new event's id. */
export async function importEvent(
  db: Db,
  redactor: Redactor,
  input: NewEvent,
  actor: Actor,
): Promise<string> {
  notAhead(input.heldOn);
  await packExists(db, input.packId);
  const table = await readTable(input.file, looksLikeHeader);
  const columns = detectColumns(table.headers);
  const mapping = input.mapping ?? suggestedMapping(columns);
  if (!mapping) {
    throw new AppError(
      'validation',
      400,
      'No column looks like the questions; choose which column holds them.',
      [{ path: 'body.mapping.question', message: 'choose the column that holds the questions' }],
    );
  }
  const { questions, rejected } = readQuestions(table, resolveMapping(table.headers, mapping));
  if (rejected.length > 0) {
    const first = rejected[0]!;
    throw new AppError(
      'validation',
      400,
      `Nothing was imported: ${rejected.length} row(s) need fixing, first at row ${first.line}: ${first.reason}.`,
      rejected.slice(0, 200).map((r) => ({ path: `row ${r.line}`, message: r.reason })),
    );
  }
  if (questions.length === 0) {
    throw new AppError('validation', 400, `The column "${mapping.question}" holds no question.`);
  }
  const authors = authorRoster(table, columns);
  const [name, ...texts] = await redactAsked(
    redactor,
    [input.name, ...questions.map((q) => q.text)],
    authors,
  );
  const labels = await redactAsked(
    redactor,
    questions.flatMap((q) => q.labels),
    authors,
  );
  const { matches, matching } = await matchToThemes(db, input.heldOn, texts);

  let label = 0;
  return db.transaction(async (tx) => {
    // Checked again here: the pack may have been deleted while the file was read and matched.
    await packExists(tx, input.packId);
    const event = await insertEvent(tx, {
      name: name!,
      heldOn: input.heldOn,
      packId: input.packId,
      source: table.source,
      matching,
      createdBy: actor.id,
    });
    await insertEventQuestions(
      tx,
      event.id,
      questions.map((q, i) => ({
        text: texts[i]!,
        votes: q.votes,
        answered: q.answered,
        labels: q.labels.map(() => labels[label++]!),
        themeId: matches[i]!.themeId,
        similarity: matches[i]!.similarity,
        anticipated: matches[i]!.anticipated,
      })),
    );
    await audit(tx, actor, 'event.create', {
      entity: 'event',
      id: event.id,
      detail: {
        source: table.source,
        questions: questions.length,
        surprises: matches.filter((m) => !m.anticipated).length,
        droppedColumns: columns.filter((c) => c.detected === 'personal').length,
      },
    });
    return event.id;
  });
}

/** Each text's nearest 1:1 theme, judged against the 1:1s up to the event's week. */
async function matchToThemes(
  db: Db,
  heldOn: string,
  texts: readonly string[],
): Promise<{ matches: ThemeMatch[]; matching: EventMatching }> {
  const history = await oneOnOnesUntil(db, weekOf(heldOn));
  const model = AnticipationModel.build(history);
  const c = model.calibration;
  return {
    matches: model.match(texts),
    matching: {
      threshold: c.threshold,
      oneOnOnes: history.length,
      themes: c.themes,
      calibrationQuestions: c.questions,
      ownMedian: c.ownMedian,
      otherMedian: c.otherMedian,
      ownAbove: c.ownAbove,
      otherAbove: c.otherAbove,
    },
  };
}

export interface EventPatch {
  name?: string;
  heldOn?: string;
  packId?: string | null;
}

/**
 * Renames (redacted), re-dates or ties an event to a pack. A new day matches its questions again,
 * against the 1:1s up to that week.
 */
export async function changeEvent(
  db: Db,
  redactor: Redactor,
  id: string,
  patch: EventPatch,
  actor: Actor,
): Promise<void> {
  const before = await findEvent(db, id);
  if (!before) throw notFound('The all-hands');
  if (patch.heldOn !== undefined) notAhead(patch.heldOn);
  const redate = patch.heldOn !== undefined && patch.heldOn !== before.heldOn;
  const asked = redate ? await eventQuestions(db, id) : [];
  const rematch = redate
    ? await matchToThemes(
        db,
        patch.heldOn!,
        asked.map((q) => q.text),
      )
    : null;
  await db.transaction(async (tx) => {
    if (patch.packId !== undefined) await packExists(tx, patch.packId);
    const name =
      patch.name === undefined ? undefined : (await redactor.redact(patch.name, tx)).text;
    const event = await updateEvent(tx, id, {
      ...(name === undefined ? {} : { name }),
      ...(patch.heldOn === undefined ? {} : { heldOn: patch.heldOn }),
      ...(patch.packId === undefined ? {} : { packId: patch.packId }),
      ...(rematch ? { matching: rematch.matching } : {}),
    });
    if (!event) throw notFound('The all-hands');
    if (rematch) {
      await setEventMatches(
        tx,
        asked.map((q, i) => ({ id: q.id, ...rematch.matches[i]! })),
      );
    }
    await audit(tx, actor, 'event.update', {
      entity: 'event',
      id,
      detail: { fields: Object.keys(patch), rematched: rematch !== null },
    });
  });
}

export async function removeEvent(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteEvent(tx, id))) throw notFound('The all-hands');
    await audit(tx, actor, 'event.delete', { entity: 'event', id });
  });
}
