// All-hands prep packs: what to propose (rising and most recurring unanswered themes first), the
// pack with everything it refers to, and its exports.
import {
  answersForThemes,
  findPack,
  findQuestion,
  findTheme,
  listQuestions,
  packItems,
  type Db,
  type PrepPack,
  type QuestionCategory,
} from '@kb/db';
import { currentAlerts } from './alerts/service.ts';
import { toCsv } from './csv.ts';
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
      const { items: members } = await listQuestions(
        db,
        { themeId: theme.id },
        { offset: 0, limit: 50 },
      );
      const central = members.find((q) => q.id === theme.centralQuestionId);
      const ordered = central ? [central, ...members.filter((q) => q !== central)] : members;
      entries.push({
        kind: 'theme',
        id: theme.id,
        title: theme.name ?? theme.label,
        questions: ordered.slice(0, 3).map((q) => q.text),
        categories: tally(members.map((q) => q.categories)),
        draftAnswer: item.draftAnswer,
        answerStatus: themeAnswers.get(theme.id)?.status ?? null,
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
      });
    }
  }
  return { ...pack, createdAt: pack.createdAt.toISOString(), entries };
}

/**
 * Markdown in the spirit of the essay: grouped by tone ("Some were quite predictable… Some were
 * tougher…"), each theme with its representative questions and the draft answer.
 */
export function packMarkdown(pack: LoadedPack): string {
  const groups = new Map<string, { title: string; entries: PackEntry[] }>();
  for (const entry of pack.entries) {
    const tone = entry.categories.find((c) => c.axis === 'tone');
    const topic = entry.categories.find((c) => c.axis === 'topic');
    const key = tone?.slug ?? topic?.slug ?? 'other';
    const title = tone ? tone.name : topic ? topic.name : 'Other questions';
    const group = groups.get(key) ?? { title, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }
  const lines = [`# ${pack.name}`, ''];
  if (pack.eventOn) lines.push(`All-hands on ${pack.eventOn}.`, '');
  for (const { title, entries } of groups.values()) {
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
