// The full recompute (background job, admin route and CLI): groups the questions again and carries
// each existing theme over to the new group that holds its questions, so its id, name, pin, answer
// and pack entries stay; only what is new becomes a new theme, and only what lost every question is
// retired. Clustering runs outside any transaction; the write is short and checks nothing moved.
import { randomUUID } from 'node:crypto';
import {
  answersForThemes,
  assignQuestionsToTheme,
  bumpDataVersion,
  describeThemesInBulk,
  enqueueSearchChangesInBulk,
  holdThemesForChange,
  insertThemesInBulk,
  pinnedThemeIds,
  questionIdsInThemes,
  questionThemesMoved,
  questionsForThemes,
  recomputableThemes,
  retireEmptyThemes,
  setQuestionThemes,
  type Db,
  type QuestionForThemes,
  type RecomputableTheme,
  type ThemeDescriptionRow,
} from '@kb/db';
import { recurrenceLevel } from '@kb/search';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { describeThemes, type ThemeDescription } from './describe.ts';
import { groupQuestions } from './grouping.ts';

/**
 * An existing theme lives on in the new group that holds at least this share of its questions
 * (of those the recompute regroups). Groups claim themes largest overlap first, so a theme split in
 * two keeps its id in the larger half, and of two themes joined into one group the one that brought
 * more questions keeps its id; the other is retired, merged into it.
 */
export const MIN_SHARE_KEPT = 0.5;

/** A recompute whose input changed before it could write plans again, this many times at most. */
const ATTEMPTS = 3;

export interface RecomputeReport {
  questions: number;
  /** Themes holding the regrouped questions. */
  themes: number;
  pinnedQuestions: number;
  /** Of those themes: carried over from before, and opened now. */
  kept: number;
  created: number;
  /** Themes retired because they lost every question. */
  retired: number;
  /** Questions whose search document changed (theme, recurrence or the answer it shows). */
  searchUpdates: number;
  seconds: number;
}

/** Describes groups chosen by a person (a split, a merge): labels, key phrases, central member. */
export function describeGroups(
  texts: readonly string[],
  assignment: readonly number[],
): ThemeDescription[] {
  return describeThemes(texts, assignment);
}

/**
 * Which existing theme each new group carries on, by group index. `previous[g]` holds, for each
 * member of group g, the recomputable theme it was in (null: none). `preference` lists the themes
 * in the order that breaks ties (those people named, answered or packed first, then the oldest).
 * See MIN_SHARE_KEPT.
 */
export function matchGroupsToThemes(
  previous: readonly (readonly (string | null)[])[],
  preference: readonly string[],
): Map<number, string> {
  const size = new Map<string, number>();
  const overlaps: { group: number; theme: string; overlap: number }[] = [];
  previous.forEach((members, group) => {
    const overlap = new Map<string, number>();
    for (const theme of members) {
      if (theme === null) continue;
      overlap.set(theme, (overlap.get(theme) ?? 0) + 1);
      size.set(theme, (size.get(theme) ?? 0) + 1);
    }
    for (const [theme, n] of overlap) overlaps.push({ group, theme, overlap: n });
  });
  const rank = new Map(preference.map((id, i) => [id, i]));
  const candidates = overlaps
    .filter((c) => c.overlap >= MIN_SHARE_KEPT * size.get(c.theme)!)
    .sort(
      (a, b) =>
        b.overlap - a.overlap ||
        (rank.get(a.theme) ?? Infinity) - (rank.get(b.theme) ?? Infinity) ||
        a.group - b.group,
    );
  const kept = new Map<number, string>();
  const taken = new Set<string>();
  for (const { group, theme } of candidates) {
    if (kept.has(group) || taken.has(theme)) continue;
    kept.set(group, theme);
    taken.add(theme);
  }
  return kept;
}

export interface RecomputeInput {
  questions: readonly QuestionForThemes[];
  /** The live, unpinned themes. */
  themes: readonly RecomputableTheme[];
}

export interface RecomputePlan {
  created: ThemeDescriptionRow[];
  /** Carried-over themes whose label, key phrases or central question changed. */
  described: ThemeDescriptionRow[];
  /** Only the questions that change theme. */
  placements: { questionId: string; themeId: string }[];
  /** Questions that become other questions, in no theme. */
  unplaced: string[];
  retirements: { id: string; mergedInto: string | null }[];
  /** Questions whose theme or theme's recurrence level changes. */
  reindex: string[];
  groups: number;
  kept: number;
  pinnedQuestions: number;
}

/** The questions a recompute regroups: all but those in pinned themes. */
const regrouped = (questions: readonly QuestionForThemes[]) => questions.filter((q) => !q.pinned);

/**
 * The whole recompute as data: what to create, describe, move and retire, given the groups the
 * clustering found among the regrouped questions (`members` index into them). No I/O.
 *
 * A question the grouping leaves in no theme (one of the other questions) stays in its theme when
 * people worked on that theme (named, answered or packed it) and no new group carried it over:
 * what they wrote keeps showing on its questions. Otherwise it leaves its theme.
 */
export function planRecompute(
  input: RecomputeInput,
  groups: readonly ThemeDescription[],
): RecomputePlan {
  const recomputable = new Map(input.themes.map((t) => [t.id, t]));
  const free = regrouped(input.questions);
  const previousOf = (q: QuestionForThemes) =>
    q.themeId !== null && recomputable.has(q.themeId) ? q.themeId : null;
  const preference = [...input.themes]
    .sort(
      (a, b) =>
        Number(b.curated) - Number(a.curated) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.id.localeCompare(b.id),
    )
    .map((t) => t.id);
  const kept = matchGroupsToThemes(
    groups.map((g) => g.members.map((i) => previousOf(free[i]!))),
    preference,
  );

  const created: ThemeDescriptionRow[] = [];
  const described: ThemeDescriptionRow[] = [];
  const themeOfGroup = groups.map((group, g) => {
    const row = {
      id: kept.get(g) ?? randomUUID(),
      label: group.label,
      keywords: group.keywords,
      centralQuestionId: free[group.central]!.id,
    };
    const before = recomputable.get(row.id);
    if (!before) created.push(row);
    else if (
      before.label !== row.label ||
      before.centralQuestionId !== row.centralQuestionId ||
      JSON.stringify(before.keywords) !== JSON.stringify(row.keywords)
    )
      described.push(row);
    return row.id;
  });

  const keptIds = new Set(kept.values());
  const after = new Map<string, string | null>(input.questions.map((q) => [q.id, q.themeId]));
  for (const q of free) {
    const from = previousOf(q);
    if (from === null || keptIds.has(from) || !recomputable.get(from)!.curated)
      after.set(q.id, null);
  }
  groups.forEach((group, g) => {
    for (const i of group.members) after.set(free[i]!.id, themeOfGroup[g]!);
  });
  const placements: RecomputePlan['placements'] = [];
  const unplaced: string[] = [];
  for (const q of free) {
    const themeId = after.get(q.id)!;
    if (themeId === q.themeId) continue;
    if (themeId === null) unplaced.push(q.id);
    else placements.push({ questionId: q.id, themeId });
  }

  // A retired theme points at the theme that took most of its questions.
  const successors = new Map<string, Map<string, number>>();
  for (const q of free) {
    const from = previousOf(q);
    const to = after.get(q.id)!;
    if (from === null || to === null || from === to) continue;
    const counts = successors.get(from) ?? new Map<string, number>();
    counts.set(to, (counts.get(to) ?? 0) + 1);
    successors.set(from, counts);
  }
  // A theme keeps what it still holds: carried over, or curated and left with other questions.
  const holding = new Set([...after.values()]);
  const retirements = input.themes
    .filter((t) => !keptIds.has(t.id) && !holding.has(t.id))
    .map((t) => {
      const counts = [...(successors.get(t.id) ?? [])].sort((a, b) => b[1] - a[1]);
      return { id: t.id, mergedInto: counts[0]?.[0] ?? null };
    });

  // Search documents carry the recurrence level of the question's theme (its distinct meetings).
  const levels = (themeOf: (q: QuestionForThemes) => string | null) => {
    const meetings = new Map<string, Set<string>>();
    for (const q of input.questions) {
      const theme = themeOf(q);
      if (theme === null) continue;
      const set = meetings.get(theme) ?? new Set<string>();
      set.add(q.meetingId);
      meetings.set(theme, set);
    }
    return (theme: string | null) =>
      theme === null ? 1 : recurrenceLevel(meetings.get(theme)?.size ?? 1);
  };
  const levelBefore = levels((q) => q.themeId);
  const levelAfter = levels((q) => after.get(q.id)!);
  const reindex = input.questions
    .filter((q) => {
      const themeId = after.get(q.id)!;
      return themeId !== q.themeId || levelBefore(q.themeId) !== levelAfter(themeId);
    })
    .map((q) => q.id);

  return {
    created,
    described,
    placements,
    unplaced,
    retirements,
    reindex,
    groups: groups.length,
    kept: kept.size,
    pinnedQuestions: input.questions.length - free.length,
  };
}

/**
 * Regroups every question outside pinned themes. Reads, clusters with no transaction open, then
 * writes in one transaction that holds the themes still and first checks that no question changed
 * theme and no pin changed since the read (a curation in between); if one did, it plans again.
 * A question captured meanwhile is not regrouped and keeps its theme live.
 */
export async function recomputeThemes(
  db: Db,
  options: { actor?: Actor } = {},
): Promise<RecomputeReport> {
  const started = performance.now();
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const [questions, themes, pinned] = await Promise.all([
      questionsForThemes(db),
      recomputableThemes(db),
      pinnedThemeIds(db),
    ]);
    // The slow part, with no transaction open.
    const groups = groupQuestions(
      questions.map((q) => q.text),
      regrouped(questions).map((q) => q.text),
    );
    const plan = planRecompute({ questions, themes }, groups);
    // A pinned theme keeps its questions, but one a person emptied (they deleted or moved its last
    // question) is retired all the same; the write checks it is still empty.
    const holding = new Set(questions.map((q) => q.themeId));
    for (const id of pinned) {
      if (!holding.has(id)) plan.retirements.push({ id, mergedInto: null });
    }
    const written = await db.transaction(async (tx) => {
      await holdThemesForChange(tx);
      const pinnedNow = await pinnedThemeIds(tx);
      if (pinnedNow.join() !== pinned.join() || (await questionThemesMoved(tx, questions))) {
        return null;
      }
      const retired = await writePlan(tx, plan);
      // A retired theme lends its answer to the theme that took its questions (answersForThemes):
      // where it had one, that theme's questions now show it.
      const lent = plan.retirements.filter((r) => r.mergedInto !== null && retired.includes(r.id));
      const lenders = await answersForThemes(
        tx,
        lent.map((r) => r.id),
      );
      const reindex = new Set(plan.reindex);
      for (const id of await questionIdsInThemes(
        tx,
        lent.filter((r) => lenders.has(r.id)).map((r) => r.mergedInto),
      )) {
        reindex.add(id);
      }
      await enqueueSearchChangesInBulk(tx, [...reindex], 'upsert');
      const report: RecomputeReport = {
        questions: questions.length,
        themes: plan.groups,
        pinnedQuestions: plan.pinnedQuestions,
        kept: plan.kept,
        created: plan.created.length,
        retired: retired.length,
        searchUpdates: reindex.size,
        seconds: (performance.now() - started) / 1000,
      };
      if (options.actor) {
        await audit(tx, options.actor, 'theme.recompute', {
          entity: 'theme',
          detail: {
            themes: report.themes,
            questions: report.questions,
            created: report.created,
            retired: report.retired,
          },
        });
      }
      return report;
    });
    if (written) return written;
  }
  throw new AppError(
    'conflict',
    409,
    'Themes kept being curated while they were recomputed; try the recompute again.',
  );
}

/** New themes first, then the questions, then the retirements: every reference exists when set. */
async function writePlan(tx: Db, plan: RecomputePlan): Promise<string[]> {
  await insertThemesInBulk(tx, plan.created);
  await describeThemesInBulk(tx, plan.described);
  await setQuestionThemes(tx, plan.placements);
  await assignQuestionsToTheme(tx, null, plan.unplaced);
  const retired = await retireEmptyThemes(tx, plan.retirements);
  const moved = plan.placements.length + plan.unplaced.length;
  if (plan.created.length + moved + retired.length > 0) {
    await bumpDataVersion(tx, 'themes');
  }
  return retired;
}
