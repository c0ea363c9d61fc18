// Search straight from Postgres, for the moments the engine is away or slow: English full-text
// matching with the same filters, facets and paging as the engine's, without typo tolerance.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client.ts';
import type { QuestionStatus } from '../constants.ts';

export interface DatabaseSearch {
  q: string;
  categories?: readonly string[];
  status?: QuestionStatus | string;
  from?: string;
  to?: string;
  sort?: 'relevance' | 'newest' | 'oldest';
  page: number;
  limit: number;
  /** Marks what matched in `headline`, as the engine's highlight tags do. */
  highlightTags: { pre: string; post: string };
}

export interface DatabaseSearchHit {
  id: string;
  text: string;
  /** The text with its matches between the highlight tags. */
  headline: string;
  week: string;
  status: string;
  categories: string[];
  themeId: string | null;
}

export interface DatabaseSearchResult {
  hits: DatabaseSearchHit[];
  total: number;
  facets: { categories: Record<string, number>; status: Record<string, number> };
}

function matching(search: DatabaseSearch, query: SQL): SQL {
  const q = search.q.trim();
  const conditions: SQL[] = [sql`true`];
  if (q) conditions.push(sql`to_tsvector('english', q.text) @@ ${query}`);
  if (search.status) conditions.push(sql`q.status = ${search.status}`);
  if (search.from) conditions.push(sql`q.week >= ${search.from}::date`);
  if (search.to) conditions.push(sql`q.week <= ${search.to}::date`);
  if (search.categories && search.categories.length > 0) {
    conditions.push(sql`exists (
      select 1 from question_categories qc join categories c on c.id = qc.category_id
      where qc.question_id = q.id and c.slug = any(${sql.param([...search.categories])}::text[]))`);
  }
  return sql.join(conditions, sql` and `);
}

export async function searchQuestionsInDatabase(
  db: Db,
  search: DatabaseSearch,
): Promise<DatabaseSearchResult> {
  const q = search.q.trim();
  const query = sql`websearch_to_tsquery('english', ${q})`;
  const where = matching(search, query);
  const sort = search.sort ?? (q ? 'relevance' : 'newest');
  const order =
    sort === 'oldest'
      ? sql`q.week asc, q.id`
      : sort === 'newest' || !q
        ? sql`q.week desc, q.id`
        : sql`ts_rank(to_tsvector('english', q.text), ${query}) desc, q.week desc, q.id`;
  const options = `StartSel=${search.highlightTags.pre}, StopSel=${search.highlightTags.post}, HighlightAll=true`;
  const headline = q ? sql`ts_headline('english', q.text, ${query}, ${options})` : sql`q.text`;

  const [hits, [totals], categoryCounts, statusCounts] = await Promise.all([
    queryRows<DatabaseSearchHit & { week: string | Date }>(
      db,
      sql`select q.id, q.text, ${headline} as headline, q.week::text as week, q.status,
                 q.theme_id as "themeId",
                 coalesce((select array_agg(c.slug order by c.slug) from question_categories qc
                           join categories c on c.id = qc.category_id
                           where qc.question_id = q.id), '{}') as categories
          from questions q where ${where}
          order by ${order}
          limit ${search.limit} offset ${(search.page - 1) * search.limit}`,
    ),
    queryRows<{ total: string }>(db, sql`select count(*) as total from questions q where ${where}`),
    queryRows<{ key: string; n: string }>(
      db,
      sql`select c.slug as key, count(*) as n from questions q
          join question_categories qc on qc.question_id = q.id
          join categories c on c.id = qc.category_id
          where ${where} group by c.slug`,
    ),
    queryRows<{ key: string; n: string }>(
      db,
      sql`select q.status as key, count(*) as n from questions q where ${where} group by q.status`,
    ),
  ]);
  const counts = (rows: { key: string; n: string }[]) =>
    Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
  return {
    hits: hits.map((hit) => ({ ...hit, week: String(hit.week).slice(0, 10) })),
    total: Number(totals?.total ?? 0),
    facets: { categories: counts(categoryCounts), status: counts(statusCounts) },
  };
}
