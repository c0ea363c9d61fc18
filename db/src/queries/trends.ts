// The weekly summary in `week_counts`: questions and distinct meetings per week, overall and split
// by category or theme. Readers first rebuild the weeks writes marked stale (`takeStaleWeeks`,
// `rebuildWeekCounts`, `bumpDataVersion` and `recordRebuiltWeeks` in one transaction), then read
// its rows; the sums per period are worked out from them in memory. Groups are keyed by id: their
// names live with the categories and themes.
import { and, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { WeekCountScope } from '../constants.ts';
import { questionCategories, questions } from '../schema/questions.ts';
import { dataVersions } from '../schema/versions.ts';
import { staleWeeks, summaryWeeks, weekCounts } from '../schema/week-counts.ts';

export type TrendBucket = 'week' | 'month';
export type TrendGroup = 'category' | 'theme';

export interface PeriodFilter {
  from?: string;
  to?: string;
}

export interface BucketCount {
  bucket: string;
  count: number;
  meetings: number;
}

export interface GroupBucketCount extends BucketCount {
  /** The category's or theme's id. */
  groupId: string;
}

export interface GroupTotals {
  groupId: string;
  questions: number;
  meetings: number;
  firstWeek: string;
  lastWeek: string;
}

/** The group of the overall counts: `week_counts` keys every row by a group. */
export const ALL_QUESTIONS_GROUP = '00000000-0000-0000-0000-000000000000';

export interface SummaryState {
  /** Moves on with every rebuild of `week_counts`. */
  counts: number;
  /** Moves on with every write to themes or categories. */
  names: number;
  /** Whether some write since the last rebuild touched a week. */
  stale: boolean;
}

/** Where the summary stands. Cheap: one small read, no lock. */
export async function summaryState(db: Db): Promise<SummaryState> {
  const rows = await db
    .select({
      name: dataVersions.name,
      version: dataVersions.version,
      stale: sql<boolean>`exists (select 1 from ${staleWeeks})`,
    })
    .from(dataVersions)
    .where(inArray(dataVersions.name, ['week_counts', 'group_names']));
  const version = (name: string) => rows.find((r) => r.name === name)?.version ?? 0;
  return {
    counts: version('week_counts'),
    names: version('group_names'),
    stale: rows[0]?.stale ?? false,
  };
}

/**
 * Takes the weeks marked stale, distinct. A concurrent taker waits on the same rows until this
 * transaction ends and then finds them gone, so each mark is rebuilt once.
 */
export async function takeStaleWeeks(db: Db): Promise<string[]> {
  const rows = await db.delete(staleWeeks).returning({ week: staleWeeks.week });
  return [...new Set(rows.map((r) => r.week))];
}

/**
 * Weeks a rebuild may touch and still be a small one (a capture's, an edit's): their questions'
 * tags are looked up by question, and the statistics are left to themselves.
 */
const FEW_WEEKS = 8;

/** Recomputes the summary rows of these weeks from the questions. */
export async function rebuildWeekCounts(db: Db, weeks: readonly string[]): Promise<void> {
  if (weeks.length === 0) return;
  const inWeeks = inArray(questions.week, [...weeks]);
  // The planner takes every week for an average one (6,400 questions at 1,000,000) and reads all
  // tags to join them, 130 ms, where this week holds a handful. Naming the questions makes it
  // probe the tags' index instead (under 1 ms); for many weeks reading them all is the faster.
  const tagsOfTheseWeeks =
    weeks.length <= FEW_WEEKS
      ? sql`${questionCategories.questionId} = any(array(${db
          .select({ id: questions.id })
          .from(questions)
          .where(inWeeks)}))`
      : undefined;
  const measures = {
    week: questions.week,
    questions: sql<number>`count(*)::int`.as('questions'),
    meetings: sql<number>`count(distinct ${questions.meetingId})::int`.as('meetings'),
  };
  await db.delete(weekCounts).where(inArray(weekCounts.week, [...weeks]));
  await db.insert(weekCounts).select(
    db
      .select({
        scope: sql<WeekCountScope>`'all'`.as('scope'),
        groupId: sql<string>`${ALL_QUESTIONS_GROUP}::uuid`.as('group_id'),
        ...measures,
      })
      .from(questions)
      .where(inWeeks)
      .groupBy(questions.week),
  );
  await db.insert(weekCounts).select(
    db
      .select({
        scope: sql<WeekCountScope>`'category'`.as('scope'),
        groupId: questionCategories.categoryId,
        ...measures,
      })
      .from(questions)
      .innerJoin(questionCategories, eq(questionCategories.questionId, questions.id))
      .where(and(inWeeks, tagsOfTheseWeeks))
      .groupBy(questionCategories.categoryId, questions.week),
  );
  await db.insert(weekCounts).select(
    db
      .select({
        scope: sql<WeekCountScope>`'theme'`.as('scope'),
        groupId: sql<string>`${questions.themeId}`.as('group_id'),
        ...measures,
      })
      .from(questions)
      .where(and(inWeeks, isNotNull(questions.themeId)))
      .groupBy(questions.themeId, questions.week),
  );
}

/**
 * Fresh statistics for the summary after a rebuild of many weeks (a first start, an import): the
 * embedded database has no autovacuum to gather them. Dashboards sum the summary in memory now;
 * the statistics serve what still reads it in Postgres: a rebuild's delete by week and the reads
 * of the weeks rebuilt since a process's copy.
 */
export async function analyzeWeekCountsAfter(db: Db, weeksRebuilt: number): Promise<void> {
  if (weeksRebuilt > FEW_WEEKS) await db.execute(sql`analyze ${weekCounts}`);
}

/** One row of the summary: a group's questions and distinct meetings in one week. */
export interface SummaryRow {
  scope: WeekCountScope;
  /** The category's or theme's id, or `ALL_QUESTIONS_GROUP`. */
  groupId: string;
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  questions: number;
  meetings: number;
}

/** The summary's rows: all of them, or those of some weeks. */
export async function summaryRows(db: Db, weeks?: readonly string[]): Promise<SummaryRow[]> {
  if (weeks?.length === 0) return [];
  return db
    .select({
      scope: weekCounts.scope,
      groupId: weekCounts.groupId,
      week: weekCounts.week,
      questions: weekCounts.questions,
      meetings: weekCounts.meetings,
    })
    .from(weekCounts)
    .where(weeks ? inArray(weekCounts.week, [...weeks]) : undefined);
}

/** Notes that these weeks were rebuilt at this version of the summary (in the rebuild's transaction). */
export async function recordRebuiltWeeks(
  db: Db,
  weeks: readonly string[],
  version: number,
): Promise<void> {
  if (weeks.length === 0) return;
  await db
    .insert(summaryWeeks)
    .values(weeks.map((week) => ({ week, version })))
    .onConflictDoUpdate({ target: summaryWeeks.week, set: { version } });
}

/** The weeks rebuilt after this version of the summary. */
export async function weeksRebuiltSince(db: Db, version: number): Promise<string[]> {
  const rows = await db
    .select({ week: summaryWeeks.week })
    .from(summaryWeeks)
    .where(gt(summaryWeeks.version, version));
  return rows.map((r) => r.week);
}
