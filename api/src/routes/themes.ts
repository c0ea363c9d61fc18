import {
  deleteThemes,
  enqueueSearchChanges,
  answersForThemes,
  findQuestionsByIds,
  findTheme,
  insertAudit,
  listQuestions,
  moveThemeQuestions,
  questionIdsInThemes,
  updateTheme,
  type ThemeWithStats,
} from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { protectCell } from '../domain/anonymity.ts';
import { toAnswerDto } from '../domain/answers.ts';
import { themesWithStats } from '../domain/week-counts.ts';
import { AppError, notFound } from '../errors.ts';
import {
  mergeThemesBody,
  problemResponses,
  recomputeResponse,
  themeDetailResponse,
  themesResponse,
  updateThemeBody,
  uuidParam,
} from '../schemas/index.ts';

const themeRoutes: FastifyPluginAsyncZod = async (app) => {
  const k = app.config.kAnonymity;

  /** Theme DTOs with their central question and answer, looked up in two queries for all. */
  async function toDtos(themes: readonly ThemeWithStats[]) {
    const [centrals, answers] = await Promise.all([
      findQuestionsByIds(
        app.db,
        themes.flatMap((t) => (t.centralQuestionId ? [t.centralQuestionId] : [])),
      ),
      answersForThemes(
        app.db,
        themes.map((t) => t.id),
      ),
    ]);
    const centralById = new Map(centrals.map((q) => [q.id, q]));
    return themes.map((theme) => {
      const meetings = protectCell({ count: theme.meetingCount, meetings: theme.meetingCount }, k);
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
        questions: protectCell({ count: theme.questionCount, meetings: theme.meetingCount }, k),
        meetings,
        // When the theme would show that it was raised in a handful of meetings, when is hidden too.
        firstWeek: meetings.suppressed ? null : theme.firstWeek,
        lastWeek: meetings.suppressed ? null : theme.lastWeek,
        centralQuestion: central ? { id: central.id, text: central.text } : null,
        answer: answer ? toAnswerDto(answer) : null,
      };
    });
  }

  async function toDto(theme: ThemeWithStats) {
    const [dto] = await toDtos([theme]);
    return dto!;
  }

  app.get(
    '/themes',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['themes'],
        summary: 'Recurring themes, most meetings first; counts under k meetings read "<k"',
        response: { 200: themesResponse, ...problemResponses },
      },
    },
    async () => {
      const themes = (await themesWithStats(app.db)).filter((t) => t.questionCount > 0);
      return { themes: await toDtos(themes), k };
    },
  );

  app.get(
    '/themes/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['themes'],
        params: uuidParam,
        response: { 200: themeDetailResponse, ...problemResponses },
      },
    },
    async (request) => {
      const theme = await findTheme(app.db, request.params.id);
      if (!theme) throw notFound('The theme');
      const { items } = await listQuestions(
        app.db,
        { themeId: theme.id },
        { offset: 0, limit: 100 },
      );
      return {
        theme: await toDto(theme),
        questions: items.map((q) => ({ id: q.id, text: q.text, week: q.week, status: q.status })),
      };
    },
  );

  app.patch(
    '/themes/:id',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['themes'],
        summary:
          'Rename (null restores the generated label) or pin a theme; pinned themes survive recomputes',
        params: uuidParam,
        body: updateThemeBody,
        response: { 200: themeDetailResponse.pick({ theme: true }), ...problemResponses },
      },
    },
    async (request) => {
      const updated = await app.db.transaction(async (tx) => {
        const theme = await updateTheme(tx, request.params.id, request.body);
        if (!theme) throw notFound('The theme');
        await insertAudit(tx, {
          actorId: request.user!.id,
          actorEmail: request.user!.email,
          action: 'theme.update',
          entity: 'theme',
          entityId: theme.id,
          detail: { fields: Object.keys(request.body) },
        });
        return theme;
      });
      return { theme: await toDto((await findTheme(app.db, updated.id))!) };
    },
  );

  app.post(
    '/themes/:id/merge',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['themes'],
        summary: 'Move every question of the listed themes into this one and delete them',
        params: uuidParam,
        body: mergeThemesBody,
        response: { 200: themeDetailResponse.pick({ theme: true }), ...problemResponses },
      },
    },
    async (request) => {
      const target = request.params.id;
      if (request.body.themeIds.includes(target)) {
        throw new AppError(
          'validation',
          400,
          'body.themeIds: a theme cannot be merged into itself',
          [{ path: 'body.themeIds', message: 'must not contain the target theme' }],
        );
      }
      await app.db.transaction(async (tx) => {
        if (!(await findTheme(tx, target))) throw notFound('The theme');
        const moved: string[] = [];
        for (const source of request.body.themeIds) {
          if (!(await findTheme(tx, source))) throw notFound(`Theme ${source}`);
          moved.push(...(await moveThemeQuestions(tx, source, target)));
        }
        await deleteThemes(tx, request.body.themeIds);
        // A merge is a person's decision: keep it through recomputes.
        await updateTheme(tx, target, { pinned: true });
        await enqueueSearchChanges(tx, await questionIdsInThemes(tx, [target]), 'upsert');
        await insertAudit(tx, {
          actorId: request.user!.id,
          actorEmail: request.user!.email,
          action: 'theme.merge',
          entity: 'theme',
          entityId: target,
          detail: { merged: request.body.themeIds, questions: moved.length },
        });
      });
      app.themeAssigner.reset();
      return { theme: await toDto((await findTheme(app.db, target))!) };
    },
  );

  app.post(
    '/themes/recompute',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['themes'],
        summary: 'Regroup every unpinned theme now',
        response: { 200: recomputeResponse, ...problemResponses },
      },
    },
    async (request) => {
      const report = await app.recomputeThemes();
      await insertAudit(app.db, {
        actorId: request.user!.id,
        actorEmail: request.user!.email,
        action: 'theme.recompute',
        entity: 'theme',
        detail: { themes: report.themes, questions: report.questions },
      });
      return report;
    },
  );
};

export default themeRoutes;
