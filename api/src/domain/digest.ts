// What people asked in a period: counts per category, the most recurring themes with examples,
// rising themes and what was answered. Every figure obeys the k-anonymity rule.
//
// A period is one fixed month, quarter or year, never a range of days, and its figures are the protected
// month cells of the trends added up (`protectedGrid`): a quarter's cell is hidden when the months it
// would expose by subtraction hold fewer than k meetings together. So no two digests, nor a digest
// and the trends, can be subtracted into a count the rule hides.
import { answersGivenBetween, findQuestion, findTheme, listQuestions, type Db } from '@kb/db';
import { currentAlerts, type Alert } from './alerts/service.ts';
import { exposesParts, protectRow, type Cell, type Part, type ShownCell } from './anonymity.ts';
import { AppError } from './errors.ts';
import { lastDay, monthLabel, monthsBetween, quarterLabel, quarterMonths } from './periods.ts';
import { protectedGrid, type Grid } from './trends.ts';

export interface DigestPeriod {
  /** `2026-Q3`, `2026-09` or `2026`. */
  key: string;
  label: string;
  from: string;
  to: string;
}

export interface Digest {
  period: DigestPeriod;
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

/** The month, quarter or year a key names, or the last complete quarter before `today`. */
export function digestPeriod(key: string | undefined, today: Date = new Date()): DigestPeriod {
  if (!key) {
    const year = today.getUTCFullYear();
    const quarter = Math.floor(today.getUTCMonth() / 3); // 0-based: the running quarter
    key = quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
  }
  const year = key.slice(0, 4);
  const quarter = /Q[1-4]$/.test(key);
  const [first, last] =
    key.length === 4 ? [`${year}-01`, `${year}-12`] : quarter ? quarterMonths(key) : [key, key];
  return {
    key,
    label: key.length === 4 ? year : quarter ? quarterLabel(key) : monthLabel(key),
    from: `${first}-01`,
    to: lastDay(last),
  };
}

/** The months of a period as month buckets (YYYY-MM). */
const monthsOf = (period: DigestPeriod) =>
  monthsBetween(period.from.slice(0, 7), period.to.slice(0, 7));

interface PeriodRow {
  total: Cell;
  totalShown: ShownCell;
  groups: { key: string; name: string; cell: Cell; shown: ShownCell }[];
}

const sumCells = (parts: readonly Part[]): Cell =>
  parts.reduce(
    (t, p) => ({ count: t.count + p.cell.count, meetings: t.meetings + p.cell.meetings }),
    {
      count: 0,
      meetings: 0,
    },
  );

/**
 * The period's row of a month grid: one month as the trends show it, or months added up with each
 * sum checked against the months it is made of.
 */
function periodRow(grid: Grid, months: readonly string[], k: number): PeriodRow {
  const at = months.flatMap((m) => {
    const i = grid.buckets.indexOf(m);
    return i < 0 ? [] : [i];
  });
  const totalParts = at.map((i) => grid.totals[i]!);
  const groups = grid.groups
    .map((g) => ({ key: g.key, name: g.name, parts: at.map((i) => g.parts[i]!) }))
    .filter((g) => g.parts.some((p) => p.cell.count > 0));
  if (at.length === 1) {
    return {
      total: totalParts[0]!.cell,
      totalShown: totalParts[0]!.shown,
      groups: groups.map((g) => ({
        key: g.key,
        name: g.name,
        cell: g.parts[0]!.cell,
        shown: g.parts[0]!.shown,
      })),
    };
  }
  const total = sumCells(totalParts);
  const cells = groups.map((g) => sumCells(g.parts));
  const row = protectRow(
    cells,
    total,
    k,
    groups.map((g) => exposesParts(g.parts, k)),
  );
  return {
    total,
    totalShown: exposesParts(totalParts, k)
      ? { count: null, display: `<${k}`, suppressed: true }
      : row.total,
    groups: groups.map((g, i) => ({
      key: g.key,
      name: g.name,
      cell: cells[i]!,
      shown: row.cells[i]!,
    })),
  };
}

/**
 * The themes' cells over one period exactly as the digest of that period shows them: what any
 * other count over the period must agree with, so that no two can be subtracted.
 */
export async function themeCellsOf(
  db: Db,
  period: DigestPeriod,
  k: number,
): Promise<Map<string, { cell: Cell; shown: ShownCell }>> {
  const row = periodRow(await protectedGrid(db, 'theme', 'month', k), monthsOf(period), k);
  return new Map(row.groups.map((g) => [g.key, { cell: g.cell, shown: g.shown }]));
}

export async function buildDigest(
  db: Db,
  periodKey: string | undefined,
  k: number,
  today: Date = new Date(),
): Promise<Digest> {
  const period = digestPeriod(periodKey, today);
  if (period.from > today.toISOString().slice(0, 10)) {
    throw new AppError('validation', 400, 'query.period: the period has not started yet', [
      { path: 'query.period', message: 'the period has not started yet' },
    ]);
  }
  const months = monthsOf(period);
  const [byCategory, byTheme, alerts, answers] = await Promise.all([
    protectedGrid(db, 'category', 'month', k),
    protectedGrid(db, 'theme', 'month', k),
    currentAlerts(db, period.to, k),
    answersGivenBetween(db, period.from, period.to),
  ]);
  const categories = periodRow(byCategory, months, k);
  const themes = periodRow(byTheme, months, k);

  const topThemes = [...themes.groups]
    .sort((a, b) => b.cell.meetings - a.cell.meetings || b.cell.count - a.cell.count)
    .slice(0, 5);
  const themeEntries = [];
  for (const theme of topThemes) {
    const { items } = await listQuestions(
      db,
      { themeId: theme.key, from: period.from, to: period.to },
      { offset: 0, limit: 2 },
    );
    themeEntries.push({
      id: theme.key,
      name: theme.name,
      questions: theme.shown,
      // Meetings are hidden with the questions: shown alone, they would say the same thing.
      meetings: theme.shown.suppressed
        ? theme.shown
        : { count: theme.cell.meetings, display: String(theme.cell.meetings), suppressed: false },
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

  const meetings: ShownCell = categories.totalShown.suppressed
    ? categories.totalShown
    : {
        count: categories.total.meetings,
        display: String(categories.total.meetings),
        suppressed: false,
      };
  return {
    period,
    k,
    questions: categories.totalShown,
    meetings,
    categories: [...categories.groups]
      .sort((a, b) => b.cell.count - a.cell.count)
      .map((c) => ({ slug: c.key, name: c.name, ...c.shown })),
    themes: themeEntries,
    rising: alerts.alerts,
    answered,
  };
}

export function digestMarkdown(digest: Digest): string {
  const lines = [`# What people asked, ${digest.period.label}`, ''];
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
