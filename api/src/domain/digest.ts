// What people asked in a period: counts per category, the most recurring themes with examples,
// rising themes and what was answered. Every figure obeys the k-anonymity rule.
import { answersGivenBetween, findQuestion, findTheme, listQuestions, type Db } from '@kb/db';
import { currentAlerts, type Alert } from './alerts/service.ts';
import { protectCell, protectRow, type Cell, type ShownCell } from './anonymity.ts';
import { bucketTotals, groupCounts } from './week-counts.ts';

export interface Digest {
  period: { from: string; to: string };
  k: number;
  questions: ShownCell;
  meetings: ShownCell;
  categories: ({ slug: string; name: string } & ShownCell)[];
  themes: {
    id: string;
    name: string;
    questions: ShownCell;
    meetings: ShownCell;
    examples: string[];
  }[];
  rising: Alert[];
  answered: {
    title: string;
    status: string;
    answeredIn: string | null;
    answeredOn: string | null;
  }[];
}

function totalsOf(rows: readonly { key: string; name: string; count: number; meetings: number }[]) {
  const groups = new Map<string, { name: string } & Cell>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? { name: r.name, count: 0, meetings: 0 };
    // A meeting sits in one week, so distinct meetings per month add up exactly.
    g.count += r.count;
    g.meetings += r.meetings;
    groups.set(r.key, g);
  }
  return groups;
}

export async function buildDigest(
  db: Db,
  period: { from: string; to: string },
  k: number,
): Promise<Digest> {
  const [totals, byCategory, byTheme, alerts, answers] = await Promise.all([
    bucketTotals(db, 'month', period),
    groupCounts(db, 'category', 'month', period),
    groupCounts(db, 'theme', 'month', period),
    currentAlerts(db, period.to, k),
    answersGivenBetween(db, period.from, period.to),
  ]);
  const total: Cell = totals.reduce(
    (t, r) => ({ count: t.count + r.count, meetings: t.meetings + r.meetings }),
    {
      count: 0,
      meetings: 0,
    },
  );

  const categories = [...totalsOf(byCategory)].sort((a, b) => b[1].count - a[1].count);
  const protectedCategories = protectRow(
    categories.map(([, c]) => c),
    total,
    k,
  );

  const themes = [...totalsOf(byTheme)]
    .sort((a, b) => b[1].meetings - a[1].meetings || b[1].count - a[1].count)
    .slice(0, 5);
  const themeEntries = [];
  for (const [id, theme] of themes) {
    const { items } = await listQuestions(db, { themeId: id, ...period }, { offset: 0, limit: 2 });
    themeEntries.push({
      id,
      name: theme.name,
      questions: protectCell(theme, k),
      meetings: protectCell({ count: theme.meetings, meetings: theme.meetings }, k),
      examples: items.map((q) => q.text),
    });
  }

  const answered = [];
  for (const answer of answers) {
    const theme = answer.themeId ? await findTheme(db, answer.themeId) : undefined;
    const title = theme
      ? (theme.name ?? theme.label)
      : answer.questionId
        ? (await findQuestion(db, answer.questionId))?.text
        : undefined;
    answered.push({
      title: title ?? '',
      status: answer.status,
      answeredIn: answer.answeredIn,
      answeredOn: answer.answeredOn,
    });
  }

  return {
    period,
    k,
    questions: protectedCategories.total,
    meetings: protectCell({ count: total.meetings, meetings: total.meetings }, k),
    categories: categories.map(([slug, c], i) => ({
      slug,
      name: c.name,
      ...protectedCategories.cells[i]!,
    })),
    themes: themeEntries,
    rising: alerts.alerts,
    answered,
  };
}

export function digestMarkdown(digest: Digest): string {
  const lines = [`# What people asked, ${digest.period.from} to ${digest.period.to}`, ''];
  lines.push(`${digest.questions.display} questions from ${digest.meetings.display} meetings.`, '');
  lines.push('## By category', '', '| Category | Questions |', '| --- | ---: |');
  for (const c of digest.categories) lines.push(`| ${c.name} | ${c.display} |`);
  lines.push('', `Counts from fewer than ${digest.k} meetings read "<${digest.k}".`, '');
  lines.push('## Recurring themes', '');
  if (digest.themes.length === 0) lines.push('None in this period.', '');
  for (const t of digest.themes) {
    lines.push(
      `### ${t.name} (${t.questions.display} questions, ${t.meetings.display} meetings)`,
      '',
    );
    for (const e of t.examples) lines.push(`- ${e}`);
    lines.push('');
  }
  lines.push('## Rising', '');
  lines.push(
    ...(digest.rising.length === 0
      ? ['Nothing is rising.']
      : digest.rising.map((a) => `- ${a.message}`)),
    '',
  );
  lines.push('## Answered', '');
  lines.push(
    ...(digest.answered.length === 0
      ? ['Nothing was answered in this period.']
      : digest.answered.map(
          (a) =>
            `- ${a.title}${a.answeredIn ? ` (${a.answeredIn}${a.answeredOn ? `, ${a.answeredOn}` : ''})` : ''}`,
        )),
  );
  return `${lines.join('\n')}\n`;
}
