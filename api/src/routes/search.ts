import { answersForThemes, findQuestion, liveThemeNames, themesOfQuestions } from '@kb/db';
import { similarQuestions, type SearchService, type SimilarResult } from '@kb/search';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, notFound } from '../domain/errors.ts';
import { periodsOf, type Periods } from '../domain/periods.ts';
import { protectedGrid } from '../domain/trends.ts';
import {
  problemResponses,
  searchQuery,
  searchResponse,
  similarBody,
  similarQuery,
  similarResponse,
  uuidParam,
} from '../schemas/index.ts';

/**
 * Adds each similar question's theme, so capture can show where a question was asked before, and
 * its period in place of its week.
 */
async function withThemes(app: FastifyInstance, reader: string | null, result: SimilarResult) {
  const [themes, periods] = await Promise.all([
    themesOfQuestions(
      app.db,
      result.questions.map((q) => q.id),
    ),
    app.sharedRead('periods', reader, () => periodsOf(app.db, app.config.kAnonymity)),
  ]);
  return {
    ...result,
    questions: result.questions.map(({ week, ...q }) => ({
      ...q,
      period: periods.of(week),
      theme: themes.get(q.id) ?? null,
    })),
  };
}

/** Distinct meetings per category in the months of a range, from the protected month cells. */
async function categoryMeetings(
  app: FastifyInstance,
  reader: string | null,
  range: { from?: string; to?: string },
): Promise<Map<string, number>> {
  const grid = await app.sharedRead('grid:category:month', reader, () =>
    protectedGrid(app.db, 'category', 'month', app.config.kAnonymity),
  );
  const from = range.from?.slice(0, 7);
  const to = range.to?.slice(0, 7);
  const meetings = new Map<string, number>();
  grid.buckets.forEach((month, at) => {
    if ((from && month < from) || (to && month > to)) return;
    for (const g of grid.groups) {
      meetings.set(g.key, (meetings.get(g.key) ?? 0) + g.parts[at]!.cell.meetings);
    }
  });
  return meetings;
}

type SearchAnswer = Awaited<ReturnType<FastifyInstance['questionSearch']['search']>>;
interface ShownTheme {
  id: string;
  name: string;
  answer: { body: string; status: string } | null;
}

/**
 * Every live theme's name with the answer it shows, shared by all readers: themes and answers
 * change far less often than people search.
 */
function shownThemes(
  app: FastifyInstance,
  reader: string | null,
): Promise<ReadonlyMap<string, ShownTheme>> {
  return app.sharedRead('themes:shown', reader, async () => {
    const [names, answers] = await Promise.all([liveThemeNames(app.db), answersForThemes(app.db)]);
    const shown = new Map<string, ShownTheme>();
    for (const [id, name] of names) {
      const answer = answers.get(id);
      shown.set(id, {
        id,
        name,
        answer: answer ? { body: answer.body, status: answer.status } : null,
      });
    }
    return shown;
  });
}

/**
 * Each hit's theme with the answer written for it (or for a theme merged into it). The hit names
 * its theme; Postgres is asked only for hits whose document predates that, or names a theme no
 * longer live (a merge the index has not caught up with yet).
 */
async function themesOfHits(
  app: FastifyInstance,
  reader: string | null,
  result: SearchAnswer,
): Promise<Map<string, ShownTheme>> {
  const shown = await shownThemes(app, reader);
  const unsure = result.hits.filter(
    (h) => h.themeId === undefined || (h.themeId !== null && !shown.has(h.themeId)),
  );
  const current =
    unsure.length > 0
      ? await themesOfQuestions(
          app.db,
          unsure.map((h) => h.id),
        )
      : new Map<string, { id: string; name: string }>();
  const themes = new Map<string, ShownTheme>();
  for (const hit of result.hits) {
    const known = hit.themeId ? shown.get(hit.themeId) : undefined;
    const asked = known ? undefined : current.get(hit.id);
    const theme = known ?? (asked && (shown.get(asked.id) ?? { ...asked, answer: null }));
    if (theme) themes.set(hit.id, theme);
  }
  return themes;
}

/** Counts under k read as null; periods stand in for weeks. */
function forReaders(
  result: SearchAnswer,
  periods: Periods,
  meetingsOf: Map<string, number>,
  themes: ReadonlyMap<string, ShownTheme>,
  k: number,
) {
  // Nothing found is no count about anyone: 0 shows.
  const atLeastK = (n: number) => (n === 0 || n >= k ? n : null);
  return {
    // Named one by one: a hit's theme id and week stay here, and no field is copied twice.
    hits: result.hits.map((hit) => ({
      id: hit.id,
      text: hit.text,
      highlight: hit.highlight,
      categories: hit.categories,
      status: hit.status,
      period: periods.of(hit.week),
      theme: themes.get(hit.id) ?? null,
    })),
    page: result.page,
    limit: result.limit,
    processingTimeMs: result.processingTimeMs,
    fallback: result.fallback,
    total: atLeastK(result.total),
    more: result.page * result.limit < result.total,
    facets: {
      categories: Object.fromEntries(
        Object.entries(result.facets.categories).map(([slug, n]) => [
          slug,
          (meetingsOf.get(slug) ?? 0) >= k ? atLeastK(n) : null,
        ]),
      ),
      status: Object.fromEntries(
        Object.entries(result.facets.status).map(([status, n]) => [status, atLeastK(n)]),
      ),
    },
    k,
  };
}

function searchOf(app: FastifyInstance): SearchService {
  if (!app.searchEngine) {
    throw new AppError('unavailable', 503, 'Search is not available on this server right now.');
  }
  return app.searchEngine;
}

const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      // Kept answers follow the engine: they end when it applies changes.
      config: { access: 'signed-in', readCache: 'engine' },
      schema: {
        tags: ['search'],
        summary:
          'Typo-tolerant search with highlights and facet counts under k; dates snap to whole periods; an empty q browses newest first',
        querystring: searchQuery,
        response: { 200: searchResponse, ...problemResponses },
      },
    },
    async (request) => {
      const { category, from, to, ...rest } = request.query;
      const k = app.config.kAnonymity;
      const reader = request.user?.id ?? null;
      const periodsRead = app.sharedRead('periods', reader, () => periodsOf(app.db, k));
      // Only dates need the periods before searching: they widen to whole ones.
      const range = from || to ? (await periodsRead).snap({ from, to }) : {};
      // Never a 5xx for a read: with the engine away or slow, Postgres answers (flagged).
      const found = app.questionSearch.search({
        ...rest,
        ...range,
        ...(category ? { categories: category } : {}),
      });
      const [result, periods, meetingsOf, themes] = await Promise.all([
        found,
        periodsRead,
        categoryMeetings(app, reader, range),
        found.then((r) => themesOfHits(app, reader, r)),
      ]);
      return forReaders(result, periods, meetingsOf, themes, k);
    },
  );

  app.post(
    '/questions/similar',
    {
      config: { access: ['admin', 'editor'], forgetsReads: 'nothing' },
      schema: {
        tags: ['search'],
        summary: 'Past questions like a text being captured, with categories voted by them',
        body: similarBody,
        response: { 200: similarResponse, ...problemResponses },
      },
    },
    async (request) => {
      // The draft may name people: match on its redacted form, which is also all the engine may see.
      const redacted = await app.redactor.redact(request.body.text);
      return withThemes(
        app,
        request.user?.id ?? null,
        await similarQuestions(searchOf(app), redacted.text, { limit: request.body.limit }),
      );
    },
  );

  app.get(
    '/questions/:id/similar',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['search'],
        params: uuidParam,
        querystring: similarQuery,
        response: { 200: similarResponse, ...problemResponses },
      },
    },
    async (request) => {
      const question = await findQuestion(app.db, request.params.id);
      if (!question) throw notFound('The question');
      return withThemes(
        app,
        request.user?.id ?? null,
        await similarQuestions(searchOf(app), question.text, {
          limit: request.query.limit,
          excludeId: question.id,
        }),
      );
    },
  );
};

export default searchRoutes;
