// What an all-hands showed about the 1:1s: how much of it no 1:1 theme anticipated (by questions
// and by votes), which themes the anticipated questions came from, the surprises grouped among
// themselves, the 1:1 themes that were rising or recurring but never asked in public, and, for a
// tied prep pack, what was prepared and asked, prepared and not asked, asked and not prepared.
// Every count about 1:1s obeys the k rule; counts of the all-hands' own questions are public.
import {
  eventQuestions,
  findEvent,
  listEventsWithCounts,
  listThemes,
  liveSuccessors,
  themesOfQuestions,
  type AllHandsEvent,
  type AllHandsQuestion,
  type Db,
} from '@kb/db';
import type { Actor } from '../actor.ts';
import { currentAlerts } from '../alerts/service.ts';
import type { ShownCell } from '../anonymity.ts';
import { audit } from '../audit.ts';
import { digestPeriod, themeCellsOf } from '../digest.ts';
import { quarterOf } from '../periods.ts';
import { notFound } from '../errors.ts';
import type { ExportFile } from '../exports.ts';
import { loadPack, type PackEntry } from '../packs.ts';
import { groupQuestions } from '../themes/grouping.ts';

/** Recurring: a theme raised in at least k distinct 1:1s in the event's quarter. Shown at most: */
const QUIET_CONCERNS = 10;

export interface ThemeRef {
  id: string;
  name: string;
  /** 1:1 questions of the theme in the event's quarter, under the k rule. */
  recent: ShownCell;
}

export interface ReportQuestion {
  id: string;
  text: string;
  votes: number;
  answered: boolean | null;
  labels: string[];
  similarity: number;
  anticipated: boolean;
  /** The nearest 1:1 theme (where its questions are now), or null when it shares no word. */
  theme: ThemeRef | null;
}

export interface EventReport {
  event: {
    id: string;
    name: string;
    heldOn: string;
    source: AllHandsEvent['source'];
    pack: { id: string; name: string } | null;
    createdAt: string;
    /** The threshold and the 1:1 distributions it was chosen on. */
    matching: {
      threshold: number;
      themes: number;
      ownMedian: number;
      otherMedian: number;
      ownAbove: number;
      otherAbove: number;
    };
  };
  /** The weeks "recent" counts cover. */
  recentWeeks: { from: string; to: string };
  totals: {
    questions: number;
    votes: number;
    surprises: number;
    surpriseVotes: number;
    /** Shares no 1:1 theme anticipated; of votes null when nobody voted. */
    surpriseRate: number | null;
    voteSurpriseRate: number | null;
  };
  /** Anticipated questions by the theme that anticipated them, most asked first. */
  anticipated: { theme: ThemeRef; votes: number; questions: ReportQuestion[] }[];
  /** The surprises grouped among themselves; `other` holds those alike to no other surprise. */
  surprises: {
    groups: { title: string; keywords: string[]; questions: ReportQuestion[] }[];
    other: ReportQuestion[];
  };
  /** 1:1 themes rising or recurring before the event that no question asked there matched. */
  quietConcerns: { theme: ThemeRef; rising: boolean; recurring: boolean; alert: string | null }[];
  pack: PackComparison | null;
}

export interface PackComparison {
  id: string;
  name: string;
  preparedAndAsked: { entry: PreparedEntry; questions: ReportQuestion[] }[];
  preparedNotAsked: PreparedEntry[];
  askedNotPrepared: ReportQuestion[];
}

export interface PreparedEntry {
  kind: PackEntry['kind'];
  id: string;
  title: string;
  /** Whether the entry had a draft answer. */
  drafted: boolean;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export async function buildEventReport(db: Db, id: string, k: number): Promise<EventReport> {
  const event = await findEvent(db, id);
  if (!event) throw notFound('The all-hands');
  const asked = await eventQuestions(db, id);
  // "Recent" is the quarter of the event: a fixed period, counted exactly as its digest counts it,
  // so two events' reports (or a report and a digest) cannot be subtracted into a count the k rule
  // hides, as two sliding windows could.
  const recentPeriod = digestPeriod(quarterOf(event.heldOn.slice(0, 7)));

  const [themes, recentCells, alerts, pack] = await Promise.all([
    listThemes(db),
    themeCellsOf(db, recentPeriod, k),
    currentAlerts(db, event.heldOn, k),
    event.packId ? loadPack(db, event.packId) : Promise.resolve(undefined),
  ]);
  const names = new Map(themes.map((t) => [t.id, t.name ?? t.label]));
  const NONE: ShownCell = { count: 0, display: '0', suppressed: false };
  const themeRef = (themeId: string): ThemeRef => ({
    id: themeId,
    name: names.get(themeId) ?? 'A theme no longer shown',
    recent: recentCells.get(themeId)?.shown ?? NONE,
  });

  // A matched theme may have been merged or retired since: its questions are where it went.
  const matched = [...new Set(asked.flatMap((q) => (q.themeId ? [q.themeId] : [])))];
  const live = await liveSuccessors(db, matched);
  const questionOf = (q: AllHandsQuestion): ReportQuestion => {
    // Retired with nowhere to go, the theme still names what anticipated the question.
    const themeId = q.themeId ? (live.get(q.themeId) ?? q.themeId) : null;
    return {
      id: q.id,
      text: q.text,
      votes: q.votes,
      answered: q.answered,
      labels: q.labels,
      similarity: Math.round(q.similarity * 1000) / 1000,
      anticipated: q.anticipated,
      theme: themeId ? themeRef(themeId) : null,
    };
  };
  const questions = asked.map(questionOf);
  const anticipatedQuestions = questions.filter((q) => q.anticipated && q.theme);
  const surprises = questions.filter((q) => !q.anticipated);

  const byTheme = new Map<string, ReportQuestion[]>();
  for (const q of anticipatedQuestions) {
    byTheme.set(q.theme!.id, [...(byTheme.get(q.theme!.id) ?? []), q]);
  }
  const anticipated = [...byTheme.values()]
    .map((list) => ({
      theme: list[0]!.theme!,
      votes: list.reduce((s, q) => s + q.votes, 0),
      questions: list,
    }))
    .sort(
      (a, b) =>
        b.questions.length - a.questions.length ||
        b.votes - a.votes ||
        a.theme.name.localeCompare(b.theme.name),
    );

  const totalVotes = questions.reduce((s, q) => s + q.votes, 0);
  const surpriseVotes = surprises.reduce((s, q) => s + q.votes, 0);

  return {
    event: {
      id: event.id,
      name: event.name,
      heldOn: event.heldOn,
      source: event.source,
      pack: pack ? { id: pack.id, name: pack.name } : null,
      createdAt: event.createdAt.toISOString(),
      matching: {
        threshold: round(event.matching.threshold),
        themes: event.matching.themes,
        ownMedian: round(event.matching.ownMedian),
        otherMedian: round(event.matching.otherMedian),
        ownAbove: round(event.matching.ownAbove),
        otherAbove: round(event.matching.otherAbove),
      },
    },
    recentWeeks: { from: recentPeriod.from, to: recentPeriod.to },
    totals: {
      questions: questions.length,
      votes: totalVotes,
      surprises: surprises.length,
      surpriseVotes,
      surpriseRate: share(surprises.length, questions.length),
      voteSurpriseRate: share(surpriseVotes, totalVotes),
    },
    anticipated,
    surprises: groupSurprises(surprises),
    quietConcerns: quietConcerns(
      recentCells,
      new Set(byTheme.keys()),
      alerts.alerts.filter((a) => a.by === 'theme'),
      themeRef,
      k,
    ),
    pack: pack ? await comparePack(db, pack, questions) : null,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The surprises in groups of their own, found as themes are: alike questions together. */
function groupSurprises(surprises: readonly ReportQuestion[]): EventReport['surprises'] {
  if (surprises.length < 2) return { groups: [], other: [...surprises] };
  const texts = surprises.map((q) => q.text);
  const groups = groupQuestions(texts, texts)
    .map((group) => ({
      title: group.label,
      keywords: group.keywords,
      questions: group.members.map((i) => surprises[i]!).sort((a, b) => b.votes - a.votes),
    }))
    .sort((a, b) => b.questions.length - a.questions.length || a.title.localeCompare(b.title));
  const grouped = new Set(groups.flatMap((g) => g.questions.map((q) => q.id)));
  return { groups, other: surprises.filter((q) => !grouped.has(q.id)) };
}

/**
 * Themes that were rising before the event (its alerts as of that day) or recurring in the recent
 * quarter of the event (at least k distinct 1:1s), that no anticipated question matched.
 */
function quietConcerns(
  recent: ReadonlyMap<string, { cell: { meetings: number } }>,
  asked: ReadonlySet<string>,
  alerts: readonly { key: string; message: string }[],
  themeRef: (id: string) => ThemeRef,
  k: number,
): EventReport['quietConcerns'] {
  const rising = new Map(alerts.map((a) => [a.key, a.message]));
  const meetings = (id: string) => recent.get(id)?.cell.meetings ?? 0;
  const recurring = [...recent.keys()].filter((id) => meetings(id) >= k);
  const candidates = [...new Set([...rising.keys(), ...recurring])].filter((id) => !asked.has(id));
  return candidates
    .map((id) => ({
      theme: themeRef(id),
      rising: rising.has(id),
      recurring: meetings(id) >= k,
      alert: rising.get(id) ?? null,
    }))
    .sort(
      (a, b) =>
        Number(b.rising) - Number(a.rising) ||
        meetings(b.theme.id) - meetings(a.theme.id) ||
        a.theme.name.localeCompare(b.theme.name),
    )
    .slice(0, QUIET_CONCERNS);
}

/** Compares the pack's entries with what was asked, theme by theme (where the themes are now). */
async function comparePack(
  db: Db,
  pack: NonNullable<Awaited<ReturnType<typeof loadPack>>>,
  questions: readonly ReportQuestion[],
): Promise<PackComparison> {
  const questionThemes = await themesOfQuestions(
    db,
    pack.entries.filter((e) => e.kind === 'question').map((e) => e.id),
  );
  const entryThemes = pack.entries.map((e) =>
    e.kind === 'theme'
      ? e.retired
        ? (e.retired.mergedInto?.id ?? null)
        : e.id
      : (questionThemes.get(e.id)?.id ?? null),
  );
  const live = await liveSuccessors(
    db,
    entryThemes.filter((t): t is string => t !== null),
  );
  const prepared = new Set<string>();
  const preparedAndAsked: PackComparison['preparedAndAsked'] = [];
  const preparedNotAsked: PreparedEntry[] = [];
  pack.entries.forEach((e, i) => {
    const theme = entryThemes[i] ? (live.get(entryThemes[i]!) ?? null) : null;
    const entry = { kind: e.kind, id: e.id, title: e.title, drafted: e.draftAnswer.trim() !== '' };
    if (theme) prepared.add(theme);
    const matching = questions.filter((q) => q.anticipated && q.theme && q.theme.id === theme);
    if (theme && matching.length > 0) preparedAndAsked.push({ entry, questions: matching });
    else preparedNotAsked.push(entry);
  });
  return {
    id: pack.id,
    name: pack.name,
    preparedAndAsked,
    preparedNotAsked,
    askedNotPrepared: questions.filter(
      (q) => !q.anticipated || !q.theme || !prepared.has(q.theme.id),
    ),
  };
}

export interface SurpriseRate {
  id: string;
  name: string;
  heldOn: string;
  questions: number;
  surprises: number;
  surpriseRate: number | null;
  votes: number;
  surpriseVotes: number;
  voteSurpriseRate: number | null;
  pack: string | null;
}

/** Every event with its surprise rates, newest first. */
export async function surpriseRates(db: Db): Promise<SurpriseRate[]> {
  return (await listEventsWithCounts(db)).map((e) => ({
    id: e.id,
    name: e.name,
    heldOn: e.heldOn,
    questions: e.questions,
    surprises: e.surprises,
    surpriseRate: share(e.surprises, e.questions),
    votes: e.votes,
    surpriseVotes: e.surpriseVotes,
    voteSurpriseRate: share(e.surpriseVotes, e.votes),
    pack: e.packId,
  }));
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

/** The report as Markdown, for the minutes of the all-hands. */
export function eventMarkdown(report: EventReport): string {
  const { event, totals } = report;
  const lines = [`# ${event.name}`, '', `All-hands on ${event.heldOn}.`, ''];
  lines.push(
    `**Surprise rate:** ${percent(totals.surpriseRate)} of ${totals.questions} questions` +
      ` and ${percent(totals.voteSurpriseRate)} of ${totals.votes} votes were about nothing the 1:1s raised.`,
    '',
    `_A question counts as anticipated when its nearest 1:1 theme is at least ${event.matching.threshold} alike` +
      ` (chosen on the 1:1s: ${Math.round(event.matching.ownAbove * 100)} % of them are that alike to their own theme,` +
      ` ${Math.round(event.matching.otherAbove * 100)} % to the nearest other)._`,
    '',
  );
  const question = (q: ReportQuestion) =>
    `- ${q.text} (${q.votes} vote${q.votes === 1 ? '' : 's'}${q.answered ? ', answered' : ''}; similarity ${q.similarity})`;
  lines.push('## Anticipated by the 1:1s', '');
  if (report.anticipated.length === 0) lines.push('No question matched a 1:1 theme.', '');
  for (const group of report.anticipated) {
    lines.push(
      `### ${group.theme.name}`,
      '',
      `Recent 1:1 questions: ${group.theme.recent.display}`,
      '',
    );
    for (const q of group.questions) lines.push(question(q));
    lines.push('');
  }
  lines.push('## Surprises', '');
  if (report.surprises.groups.length === 0 && report.surprises.other.length === 0) {
    lines.push('Every question had been raised in 1:1s.', '');
  }
  for (const group of report.surprises.groups) {
    lines.push(`### ${group.title}`, '');
    if (group.keywords.length > 0) lines.push(`_${group.keywords.join(', ')}_`, '');
    for (const q of group.questions) lines.push(question(q));
    lines.push('');
  }
  if (report.surprises.other.length > 0) {
    lines.push(report.surprises.groups.length > 0 ? '### Other surprises' : '', '');
    for (const q of report.surprises.other) lines.push(question(q));
    lines.push('');
  }
  lines.push('## Quiet concerns', '', 'Rising or recurring in 1:1s, never asked in public.', '');
  if (report.quietConcerns.length === 0) lines.push('None.', '');
  for (const c of report.quietConcerns) {
    const why = [c.rising ? 'rising' : null, c.recurring ? 'recurring' : null].filter(Boolean);
    lines.push(
      `- ${c.theme.name} (${why.join(', ')}; recent 1:1 questions: ${c.theme.recent.display})`,
    );
  }
  lines.push('');
  if (report.pack) {
    const p = report.pack;
    lines.push(`## Prep pack: ${p.name}`, '', '### Prepared and asked', '');
    if (p.preparedAndAsked.length === 0) lines.push('None.');
    for (const { entry, questions } of p.preparedAndAsked) {
      lines.push(`- ${entry.title}`);
      for (const q of questions) lines.push(`  - ${q.text}`);
    }
    lines.push('', '### Prepared, not asked', '');
    if (p.preparedNotAsked.length === 0) lines.push('None.');
    for (const entry of p.preparedNotAsked) lines.push(`- ${entry.title}`);
    lines.push('', '### Asked, not prepared', '');
    if (p.askedNotPrepared.length === 0) lines.push('None.');
    for (const q of p.askedNotPrepared) lines.push(question(q));
    lines.push('');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The report as a file (Markdown or JSON), recorded in the audit log before it is handed over. */
export async function exportEvent(
  db: Db,
  id: string,
  format: 'md' | 'json',
  actor: Actor,
  k: number,
): Promise<ExportFile> {
  const report = await buildEventReport(db, id, k);
  await audit(db, actor, 'export', {
    entity: 'event',
    id,
    detail: { format, questions: report.totals.questions },
  });
  const slug =
    report.event.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'all-hands';
  const filename = `${slug}-${report.event.heldOn}.${format}`;
  return format === 'md'
    ? { filename, contentType: 'text/markdown; charset=utf-8', body: eventMarkdown(report) }
    : {
        filename,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(report, null, 2),
      };
}
