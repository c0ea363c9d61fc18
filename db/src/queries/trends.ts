// Counts of questions and distinct meetings per period, overall and split by category or theme,
// read from the weekly summary in `week_counts`. Readers first rebuild the weeks writes marked
// stale (`takeStaleWeeks`, `rebuildWeekCounts` and `bumpDataVersion` in one transaction).
// Groups are returned by id: their names live with the categories and themes.
import { and, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { WeekCountScope } from '../constants.ts';
import { questionCategories, questions } from '../schema/questions.ts';
import { dataVersions } from '../schema/versions.ts';
import { staleWeeks, weekCounts } from '../schema/week-counts.ts';

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
 * embedded database has no autovacuum to gather them, and with the table's empty-table figures the
 * reads of it sort on disk (55 ms a grid at 1,000,000 questions instead of 28).
 */
export async function analyzeWeekCountsAfter(db: Db, weeksRebuilt: number): Promise<void> {
  if (weeksRebuilt > FEW_WEEKS) await db.execute(sql`analyze ${weekCounts}`);
}

function bucketOf(bucket: TrendBucket): SQL<string> {
  return bucket === 'week'
    ? sql<string>`to_char(${weekCounts.week}, 'YYYY-MM-DD')`
    : sql<string>`to_char(${weekCounts.week}, 'YYYY-MM')`;
}

function inScope(scope: WeekCountScope, filter: PeriodFilter): SQL | undefined {
  return and(
    eq(weekCounts.scope, scope),
    filter.from ? gte(weekCounts.week, filter.from) : undefined,
    filter.to ? lte(weekCounts.week, filter.to) : undefined,
  );
}

// A meeting sits in one week, so distinct meetings of a month are the sum of its weeks'.
const summed = {
  count: sql<number>`sum(${weekCounts.questions})::int`,
  meetings: sql<number>`sum(${weekCounts.meetings})::int`,
};

export async function totalsByBucket(
  db: Db,
  bucket: TrendBucket,
  filter: PeriodFilter,
): Promise<BucketCount[]> {
  const b = bucketOf(bucket);
  return db
    .select({ bucket: b, ...summed })
    .from(weekCounts)
    .where(inScope('all', filter))
    .groupBy(b)
    .orderBy(b);
}

export async function countsByGroup(
  db: Db,
  group: TrendGroup,
  bucket: TrendBucket,
  filter: PeriodFilter,
): Promise<GroupBucketCount[]> {
  const b = bucketOf(bucket);
  return db
    .select({ bucket: b, ...summed, groupId: weekCounts.groupId })
    .from(weekCounts)
    .where(inScope(group, filter))
    .groupBy(b, weekCounts.groupId)
    .orderBy(b);
}

/** Every theme's questions, meetings and first and last week, over all time. */
export async function themeTotals(db: Db): Promise<GroupTotals[]> {
  return db
    .select({
      groupId: weekCounts.groupId,
      questions: summed.count,
      meetings: summed.meetings,
      firstWeek: sql<string>`min(${weekCounts.week})`,
      lastWeek: sql<string>`max(${weekCounts.week})`,
    })
    .from(weekCounts)
    .where(eq(weekCounts.scope, 'theme'))
    .groupBy(weekCounts.groupId);
}

/**
 * Per theme, the meetings of its months that each hold fewer than `thinBelow` of them: what a
 * reader could work out by subtracting the theme's shown months from its total, at most.
 */
export async function themeThinMonths(
  db: Db,
  thinBelow: number,
): Promise<{ groupId: string; thinMeetings: number }[]> {
  const months = db
    .select({
      groupId: weekCounts.groupId,
      meetings: sql<number>`sum(${weekCounts.meetings})`.as('meetings'),
    })
    .from(weekCounts)
    .where(eq(weekCounts.scope, 'theme'))
    .groupBy(weekCounts.groupId, sql`date_trunc('month', ${weekCounts.week})`)
    .as('months');
  return db
    .select({
      groupId: months.groupId,
      thinMeetings: sql<number>`coalesce(sum(${months.meetings}) filter (where ${months.meetings} < ${thinBelow}), 0)::int`,
    })
    .from(months)
    .groupBy(months.groupId);
}
