// Counts of questions and distinct meetings per period, overall and split by category or theme.
import { and, countDistinct, count, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { categories } from '../schema/categories.ts';
import { questionCategories, questions } from '../schema/questions.ts';
import { themes } from '../schema/themes.ts';

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
  key: string;
  name: string;
}

function bucketOf(bucket: TrendBucket): SQL<string> {
  return bucket === 'week'
    ? sql<string>`to_char(${questions.week}, 'YYYY-MM-DD')`
    : sql<string>`to_char(${questions.week}, 'YYYY-MM')`;
}

function period(filter: PeriodFilter): SQL | undefined {
  return and(
    filter.from ? gte(questions.week, filter.from) : undefined,
    filter.to ? lte(questions.week, filter.to) : undefined,
  );
}

export async function totalsByBucket(
  db: Db,
  bucket: TrendBucket,
  filter: PeriodFilter,
): Promise<BucketCount[]> {
  const b = bucketOf(bucket);
  return db
    .select({ bucket: b, count: count(), meetings: countDistinct(questions.meetingId) })
    .from(questions)
    .where(period(filter))
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
  const measures = { bucket: b, count: count(), meetings: countDistinct(questions.meetingId) };
  if (group === 'category') {
    return db
      .select({ ...measures, key: categories.slug, name: categories.name })
      .from(questions)
      .innerJoin(questionCategories, eq(questionCategories.questionId, questions.id))
      .innerJoin(categories, eq(categories.id, questionCategories.categoryId))
      .where(period(filter))
      .groupBy(b, categories.slug, categories.name)
      .orderBy(b);
  }
  const name = sql<string>`coalesce(${themes.name}, ${themes.label})`;
  return db
    .select({ ...measures, key: sql<string>`${themes.id}::text`, name })
    .from(questions)
    .innerJoin(themes, eq(themes.id, questions.themeId))
    .where(period(filter))
    .groupBy(b, themes.id, themes.name, themes.label)
    .orderBy(b);
}
