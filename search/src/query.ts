// Turning a product search into a Meilisearch query, and its answer into what the API returns.
import type { SearchParams } from 'meilisearch';
import { weekDate, weekNumber, type QuestionDocument } from './documents.ts';
import type { SearchService } from './service.ts';
import { contentWords, termCosine, terms } from './text/index.ts';

export const searchSorts = ['relevance', 'newest', 'oldest'] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface QuestionSearch {
  q: string;
  /** Category slugs; a question matches when it has any of them. */
  categories?: string[];
  status?: string;
  from?: string;
  to?: string;
  sort?: SearchSort;
  page: number;
  limit: number;
}

/** Text split into plain and matched runs, so the client can mark matches without HTML. */
export type Highlight = { text: string; match: boolean }[];

export interface SearchHit {
  id: string;
  text: string;
  highlight: Highlight;
  categories: string[];
  status: string;
  week: string;
  /** The hit's theme, null for none; undefined when its document predates carrying it. */
  themeId: string | null | undefined;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  limit: number;
  facets: { categories: Record<string, number>; status: Record<string, number> };
  processingTimeMs: number;
}

// Private-use characters cannot occur in stored text, so they delimit matches unambiguously.
const PRE = '\u{F0001}';
const POST = '\u{F0002}';
/** The same marks, for a fallback that highlights matches itself. */
export const highlightTags = { pre: PRE, post: POST } as const;

export function highlightSegments(formatted: string): Highlight {
  const segments: Highlight = [];
  let at = 0;
  while (at < formatted.length) {
    const open = formatted.indexOf(PRE, at);
    if (open === -1) break;
    if (open > at) segments.push({ text: formatted.slice(at, open), match: false });
    const start = open + PRE.length;
    const close = formatted.indexOf(POST, start);
    const end = close === -1 ? formatted.length : close;
    if (end > start) segments.push({ text: formatted.slice(start, end), match: true });
    at = close === -1 ? end : close + POST.length;
  }
  if (at < formatted.length) segments.push({ text: formatted.slice(at), match: false });
  return segments;
}

/** Slugs and statuses are validated by the caller's schema; quoting keeps the filter well formed anyway. */
const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

export function buildFilter(
  search: Pick<QuestionSearch, 'categories' | 'status' | 'from' | 'to'>,
): string[] {
  const filter: string[] = [];
  if (search.categories && search.categories.length > 0) {
    filter.push(search.categories.map((c) => `categories = ${quote(c)}`).join(' OR '));
  }
  if (search.status) filter.push(`status = ${quote(search.status)}`);
  if (search.from) filter.push(`week >= ${weekNumber(search.from)}`);
  if (search.to) filter.push(`week <= ${weekNumber(search.to)}`);
  return filter;
}

/**
 * What a hit carries besides its highlighted text: no answer, no category names. The plain text
 * is not asked for either: the engine returns the highlighted copy anyway, and the text is that
 * copy without its marks.
 */
const hitAttributes = [
  'id',
  'categories',
  'status',
  'week',
  'theme',
] satisfies (keyof QuestionDocument)[];

export function buildSearchParams(search: QuestionSearch): SearchParams {
  const q = search.q.trim();
  // An empty query browses: newest first unless asked otherwise.
  const sort = search.sort ?? (q ? 'relevance' : 'newest');
  return {
    filter: buildFilter(search),
    facets: ['categories', 'status'],
    page: search.page,
    hitsPerPage: search.limit,
    // Answers and category names stay in the index, where they are searched, rather than coming
    // back twice (plain and highlighted) with every hit.
    attributesToRetrieve: hitAttributes,
    attributesToHighlight: ['text'],
    highlightPreTag: PRE,
    highlightPostTag: POST,
    ...(sort === 'newest'
      ? { sort: ['week:desc', 'id:asc'] }
      : sort === 'oldest'
        ? { sort: ['week:asc', 'id:asc'] }
        : {}),
  };
}

export async function searchQuestions(
  service: SearchService,
  search: QuestionSearch,
  options: { timeoutMs?: number } = {},
): Promise<SearchResult> {
  const response = await service.search<QuestionDocument>(
    search.q.trim(),
    buildSearchParams(search),
    options,
  );
  const distribution = response.facetDistribution ?? {};
  return {
    hits: response.hits.map((hit) => {
      const highlight = highlightSegments(hit._formatted?.text ?? '');
      return {
        id: hit.id,
        text: highlight.map((segment) => segment.text).join(''),
        highlight,
        categories: hit.categories,
        status: hit.status,
        week: weekDate(hit.week),
        themeId: hit.theme,
      };
    }),
    total: 'totalHits' in response ? (response.totalHits as number) : response.hits.length,
    page: search.page,
    limit: search.limit,
    facets: { categories: distribution.categories ?? {}, status: distribution.status ?? {} },
    processingTimeMs: response.processingTimeMs,
  };
}

// --- similar questions -------------------------------------------------------------------------

export interface SimilarQuestion {
  id: string;
  text: string;
  categories: string[];
  week: string;
  score: number;
}

export interface SimilarResult {
  questions: SimilarQuestion[];
  /** Category slugs voted by the neighbours, weighted by similarity, best first. */
  suggestedCategories: { slug: string; score: number }[];
}

/** What ranking a neighbour needs from its document. */
const neighbourAttributes = [
  'id',
  'text',
  'categories',
  'week',
] satisfies (keyof QuestionDocument)[];

/**
 * Candidates come from the engine: one query with all content words (dropping words from the end
 * until something matches) and one per content word, so a single rare, meaningful word is enough to
 * be considered. They are then re-ranked by the cosine of their stemmed content terms.
 */
export async function similarQuestions(
  service: SearchService,
  text: string,
  options: { limit?: number; excludeId?: string; minScore?: number } = {},
): Promise<SimilarResult> {
  const limit = options.limit ?? 5;
  const asked = terms(text, { pairs: false });
  if (asked.length === 0) return { questions: [], suggestedCategories: [] };
  const words = [...new Set(contentWords(text))].slice(0, 8);
  const response = await service.run(() =>
    service.client.multiSearch({
      queries: [
        {
          indexUid: service.indexName,
          q: words.join(' '),
          limit: 50,
          matchingStrategy: 'last',
          attributesToRetrieve: neighbourAttributes,
        },
        ...words.map((word) => ({
          indexUid: service.indexName,
          q: word,
          limit: 20,
          attributesToRetrieve: neighbourAttributes,
        })),
      ],
    }),
  );
  const candidates = new Map<string, QuestionDocument>();
  for (const result of response.results) {
    for (const hit of result.hits as unknown as QuestionDocument[]) candidates.set(hit.id, hit);
  }
  const scored = [...candidates.values()]
    .filter((hit) => hit.id !== options.excludeId)
    .map((hit) => ({
      id: hit.id,
      text: hit.text,
      categories: hit.categories,
      week: weekDate(hit.week),
      score: Math.round(termCosine(asked, terms(hit.text, { pairs: false })) * 1000) / 1000,
    }))
    .filter((hit) => hit.score >= (options.minScore ?? 0.15))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);

  // Close neighbours decide: weights are squared, and those far below the best one do not vote.
  const voters = scored.filter((hit) => hit.score >= (scored[0]?.score ?? 0) / 2);
  const votes = new Map<string, number>();
  for (const hit of voters) {
    for (const slug of hit.categories) votes.set(slug, (votes.get(slug) ?? 0) + hit.score ** 2);
  }
  const total = voters.reduce((s, h) => s + h.score ** 2, 0) || 1;
  const suggestedCategories = [...votes]
    .map(([slug, score]) => ({ slug, score: Math.round((score / total) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score);
  return { questions: scored, suggestedCategories };
}
