// All-hands prep packs: what to propose (rising and most recurring unanswered themes first), the
// pack with everything it refers to, and the writes editors make to it. Its files: exports.ts.
import {
  answersForThemes,
  deletePack,
  findPack,
  findQuestion,
  findTheme,
  formatDay,
  insertPack,
  listQuestions,
  packItems,
  replacePackItems,
  updatePack,
  type Db,
  type PackItemInput,
  type PrepPack,
  type QuestionCategory,
} from '@kb/db';
import type { Actor } from './actor.ts';
import { currentAlerts } from './alerts/service.ts';
import { audit } from './audit.ts';
import { notFound } from './errors.ts';
import type { Redactor } from './redactor.ts';
import { themeRetirements, type ThemeRetirement } from './themes/index.ts';
import { themesWithStats } from './week-counts.ts';

const PROPOSED = 10;

export async function proposeThemes(db: Db, k: number, asOf: string): Promise<string[]> {
  const [themes, alerts] = await Promise.all([themesWithStats(db), currentAlerts(db, asOf, k)]);
  const answers = await answersForThemes(
    db,
    themes.map((t) => t.id),
  );
  const open = themes.filter((t) => {
    const status = answers.get(t.id)?.status;
    return t.questionCount > 0 && status !== 'answered' && status !== 'wont-answer';
  });
  const rising = new Set(alerts.alerts.filter((a) => a.by === 'theme').map((a) => a.key));
  return open
    .sort(
      (a, b) =>
        Number(rising.has(b.id)) - Number(rising.has(a.id)) ||
        b.meetingCount - a.meetingCount ||
        b.questionCount - a.questionCount,
    )
    .slice(0, PROPOSED)
    .map((t) => t.id);
}

export interface PackEntry {
  kind: 'theme' | 'question';
  id: string;
  title: string;
  /** Representative questions, most central first. */
  questions: string[];
  categories: QuestionCategory[];
  draftAnswer: string;
  answerStatus: string | null;
  /** When the entry's theme was merged or retired, and where its questions went. */
  retired: ThemeRetirement | null;
}

export interface LoadedPack extends Omit<PrepPack, 'createdAt'> {
  createdAt: string;
  entries: PackEntry[];
}

/** Categories of a group of questions, most frequent first. */
function tally(categories: QuestionCategory[][]): QuestionCategory[] {
  const counts = new Map<string, { category: QuestionCategory; n: number }>();
  for (const list of categories) {
    for (const c of list) counts.set(c.slug, { category: c, n: (counts.get(c.slug)?.n ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n).map((x) => x.category);
}

export async function loadPack(db: Db, id: string): Promise<LoadedPack | undefined> {
  const pack = await findPack(db, id);
  if (!pack) return undefined;
  const items = await packItems(db, id);
  const themeAnswers = await answersForThemes(
    db,
    items.flatMap((i) => (i.themeId ? [i.themeId] : [])),
  );
  const entries: PackEntry[] = [];
  for (const item of items) {
    if (item.themeId) {
      const theme = await findTheme(db, item.themeId);
      if (!theme) continue;
      // A merged or emptied theme keeps its entry, showing the questions where they went.
      const retired = (await themeRetirements(db, [theme])).get(theme.id) ?? null;
      const live = retired
        ? retired.mergedInto && (await findTheme(db, retired.mergedInto.id))
        : theme;
      const { items: members } = live
        ? await listQuestions(db, { themeId: live.id }, { offset: 0, limit: 50 })
        : { items: [] };
      const central = members.find((q) => live && q.id === live.centralQuestionId);
      const ordered = central ? [central, ...members.filter((q) => q !== central)] : members;
      entries.push({
        kind: 'theme',
        id: theme.id,
        title: theme.name ?? theme.label,
        questions: ordered.slice(0, 3).map((q) => q.text),
        categories: tally(members.map((q) => q.categories)),
        draftAnswer: item.draftAnswer,
        answerStatus: themeAnswers.get(theme.id)?.status ?? null,
        retired,
      });
    } else if (item.questionId) {
      const question = await findQuestion(db, item.questionId);
      if (!question) continue;
      entries.push({
        kind: 'question',
        id: question.id,
        title: question.text,
        questions: [question.text],
        categories: question.categories,
        draftAnswer: item.draftAnswer,
        answerStatus: null,
        retired: null,
      });
    }
  }
  return { ...pack, createdAt: pack.createdAt.toISOString(), entries };
}

export interface NewPack {
  name: string;
  eventOn: string | null;
  /** Start from the product's proposal rather than from an empty pack. */
  propose: boolean;
}

export interface PackPatch {
  name?: string;
  eventOn?: string | null;
  /** The whole ordered list; replaces what the pack held. */
  items?: PackItemInput[];
}

export async function createPack(
  db: Db,
  redactor: Redactor,
  input: NewPack,
  actor: Actor,
  k: number,
): Promise<LoadedPack> {
  // Reads of the weekly summary and the alerts: before the transaction, which stays short.
  const proposal = input.propose ? await proposeThemes(db, k, formatDay(new Date())) : [];
  const id = await db.transaction(async (tx) => {
    const pack = await insertPack(tx, {
      name: (await redactor.redact(input.name, tx)).text,
      eventOn: input.eventOn,
      createdBy: actor.id,
    });
    await replacePackItems(
      tx,
      pack.id,
      proposal.map((themeId) => ({ themeId })),
    );
    await audit(tx, actor, 'pack.create', { entity: 'pack', id: pack.id });
    return pack.id;
  });
  return reloaded(db, id);
}

/** Renames, dates or reorders a pack; its name and draft answers are redacted like a question. */
export async function changePack(
  db: Db,
  redactor: Redactor,
  id: string,
  patch: PackPatch,
  actor: Actor,
): Promise<LoadedPack> {
  await db.transaction(async (tx) => {
    const drafts = patch.items?.map((item) => item.draftAnswer ?? '') ?? [];
    const [name, ...answers] = await redactor.redactAll([patch.name ?? '', ...drafts], tx);
    const pack = await updatePack(tx, id, {
      ...(patch.name === undefined ? {} : { name: name!.text }),
      ...(patch.eventOn === undefined ? {} : { eventOn: patch.eventOn }),
    });
    if (!pack) throw notFound('The prep pack');
    if (patch.items) {
      await replacePackItems(
        tx,
        id,
        patch.items.map((item, i) => ({ ...item, draftAnswer: answers[i]!.text })),
      );
    }
    await audit(tx, actor, 'pack.update', {
      entity: 'pack',
      id,
      detail: { fields: Object.keys(patch) },
    });
  });
  return reloaded(db, id);
}

export async function removePack(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deletePack(tx, id))) throw notFound('The prep pack');
    await audit(tx, actor, 'pack.delete', { entity: 'pack', id });
  });
}

/** The pack as it stands after a write: gone only if someone deleted it in between. */
async function reloaded(db: Db, id: string): Promise<LoadedPack> {
  const pack = await loadPack(db, id);
  if (!pack) throw notFound('The prep pack');
  return pack;
}
