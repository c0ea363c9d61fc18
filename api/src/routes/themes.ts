import {
  answersForThemes,
  findQuestionsByIds,
  findTheme,
  listQuestions,
  type ThemeWithStats,
} from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { protectCoarse } from '../domain/anonymity.ts';
import { toAnswerDto } from '../domain/answers.ts';
import { notFound } from '../domain/errors.ts';
import { periodsOf } from '../domain/periods.ts';
import { themeRetirements } from '../domain/themes/index.ts';
import { themesWithStats, themeThinMeetings } from '../domain/week-counts.ts';
import {
  mergeThemesBody,
  problemResponses,
  recomputeResponse,
  splitThemeBody,
  splitThemeResponse,
  themeDetailResponse,
  themesQuery,
  themesResponse,
  updateThemeBody,
  uuidParam,
} from '../schemas/index.ts';

const themeRoutes: FastifyPluginAsyncZod = async (app) => {
  const k = app.config.kAnonymity;

  /**
   * Theme DTOs with their central question, answer and retirement, in a few queries for all; the
   * answers are read here unless the caller has them already.
   */
  async function toDtos(
    themes: readonly ThemeWithStats[],
    knownAnswers?: Awaited<ReturnType<typeof answersForThemes>>,
  ) {
    const [centrals, answers, retirements, thin, periods] = await Promise.all([
      findQuestionsByIds(
        app.db,
        themes.flatMap((t) => (t.centralQuestionId ? [t.centralQuestionId] : [])),
      ),
      knownAnswers ??
        answersForThemes(
          app.db,
          themes.map((t) => t.id),
        ),
      themeRetirements(app.db, themes),
      themeThinMeetings(app.db, k),
      periodsOf(app.db, k),
    ]);
    const centralById = new Map(centrals.map((q) => [q.id, q]));
    return themes.map((theme) => {
      // Over all time, and checked against the theme's months, which the trends show.
      const parts = thin.get(theme.id) ?? 0;
      const questions = protectCoarse(
        { count: theme.questionCount, meetings: theme.meetingCount },
        parts,
        k,
      );
      const meetings = questions.suppressed
        ? questions
        : protectCoarse({ count: theme.meetingCount, meetings: theme.meetingCount }, parts, k);
      const central = theme.centralQuestionId
        ? centralById.get(theme.centralQuestionId)
        : undefined;
      const answer = answers.get(theme.id);
      return {
        id: theme.id,
        name: theme.name ?? theme.label,
        label: theme.label,
        keywords: theme.keywords,
        pinned: theme.pinned,
        questions,
        meetings,
        // When the theme would show that it was raised in a handful of meetings, when is hidden too.
        firstSeen:
          meetings.suppressed || !theme.firstWeek ? null : periods.of(theme.firstWeek).label,
        lastSeen: meetings.suppressed || !theme.lastWeek ? null : periods.of(theme.lastWeek).label,
        centralQuestion: central ? { id: central.id, text: central.text } : null,
        answer: answer ? toAnswerDto(answer) : null,
        retired: retirements.get(theme.id) ?? null,
      };
    });
  }

  async function detail(id: string) {
    const theme = await findTheme(app.db, id);
    if (!theme) throw notFound('The theme');
    const periods = await periodsOf(app.db, k);
    const { items } = await listQuestions(
      app.db,
      { themeId: theme.id },
      { offset: 0, limit: 100, periodStarts: periods.all.map((p) => p.from) },
    );
    const [dto] = await toDtos([theme]);
    return {
      theme: dto!,
      questions: items.map((q) => ({
        id: q.id,
        text: q.text,
        period: periods.of(q.week),
        status: q.status,
      })),
    };
  }

  app.get(
    '/themes',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['themes'],
        summary:
          'Live themes, most meetings first, a page at a time; counts under k meetings read "<k"',
        querystring: themesQuery,
        response: { 200: themesResponse, ...problemResponses },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const live = (await themesWithStats(app.db)).filter(
        (t) => t.questionCount > 0 && !t.retiredAt,
      );
      const answers = await answersForThemes(
        app.db,
        live.map((t) => t.id),
      );
      const answered = live.filter((t) => answers.get(t.id)?.status === 'answered').length;
      const shown = live.slice((page - 1) * limit, page * limit);
      return {
        themes: await toDtos(shown, answers),
        k,
        total: live.length,
        answered,
        page,
        limit,
        more: page * limit < live.length,
      };
    },
  );

  app.get(
    '/themes/:id',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['themes'],
        summary: 'A theme and its questions; a retired one says where its questions went',
        params: uuidParam,
        response: { 200: themeDetailResponse, ...problemResponses },
      },
    },
    async (request) => detail(request.params.id),
  );

  app.patch(
    '/themes/:id',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['themes'],
        summary:
          'Rename (null restores the generated label) or pin a theme; pinned themes keep their questions through recomputes',
        params: uuidParam,
        body: updateThemeBody,
        response: { 200: themeDetailResponse.pick({ theme: true }), ...problemResponses },
      },
    },
    async (request) => {
      await app.themes.update(request.params.id, request.body, request.actor);
      return { theme: (await detail(request.params.id)).theme };
    },
  );

  app.post(
    '/themes/:id/merge',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['themes'],
        summary:
          'Move every question of the listed themes into this one; they are retired, merged into it, and keep their answers and pack entries',
        params: uuidParam,
        body: mergeThemesBody,
        response: { 200: themeDetailResponse.pick({ theme: true }), ...problemResponses },
      },
    },
    async (request) => {
      await app.themes.merge(request.params.id, request.body.themeIds, request.actor);
      return { theme: (await detail(request.params.id)).theme };
    },
  );

  app.post(
    '/themes/:id/split',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['themes'],
        summary:
          'Move the chosen questions of this theme into a new theme; both are pinned, and the answer and pack entries stay here',
        params: uuidParam,
        body: splitThemeBody,
        response: { 201: splitThemeResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await app.themes.split(request.params.id, request.body, request.actor);
      const [theme, split] = await Promise.all([detail(request.params.id), detail(created)]);
      return reply.code(201).send({ theme: theme.theme, created: split.theme });
    },
  );

  app.post(
    '/themes/recompute',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['themes'],
        summary:
          'Regroup every unpinned theme now; themes keep their ids, names, answers and pack entries',
        response: { 200: recomputeResponse, ...problemResponses },
      },
    },
    async (request) => app.themes.recompute(request.actor),
  );
};

export default themeRoutes;
