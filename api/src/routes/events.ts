// All-hands events: preview and import a Q&A export, tie it to a prep pack, read its report and
// the surprise rate of every event over time.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildEventReport,
  changeEvent,
  exportEvent,
  importEvent,
  previewEvent,
  removeEvent,
  surpriseRates,
} from '../domain/allhands/index.ts';
import {
  createEventBody,
  EVENT_BODY_LIMIT,
  eventExportQuery,
  eventPreviewBody,
  eventPreviewResponse,
  eventResponse,
  eventsResponse,
  problemResponses,
  problemSchema,
  updateEventBody,
  uuidParam,
} from '../schemas/index.ts';

const editors = ['admin', 'editor'] as const;

/** The upload as the domain takes it: its name and its bytes. */
const fileOf = (file: { name: string; content: string }) => ({
  name: file.name,
  content: Buffer.from(file.content, 'base64'),
});

const uploadProblems = { ...problemResponses, 413: problemSchema, 415: problemSchema };

const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/events/preview',
    {
      config: { access: editors, forgetsReads: 'nothing' },
      bodyLimit: EVENT_BODY_LIMIT,
      schema: {
        tags: ['all-hands'],
        summary:
          'Read an all-hands Q&A file (CSV, XLSX or one question a line): its columns, the mapping they suggest and the first questions redacted; nothing is stored',
        body: eventPreviewBody,
        response: { 200: eventPreviewResponse, ...uploadProblems },
      },
    },
    async (request) =>
      previewEvent(app.redactor, {
        file: fileOf(request.body.file),
        mapping: request.body.mapping,
      }),
  );

  app.post(
    '/events',
    {
      config: { access: editors },
      bodyLimit: EVENT_BODY_LIMIT,
      schema: {
        tags: ['all-hands'],
        summary:
          'Import an all-hands Q&A: author, name and email columns are dropped, every text is redacted, each question is matched to the 1:1 themes',
        body: createEventBody,
        response: { 201: eventResponse, ...uploadProblems },
      },
    },
    async (request, reply) => {
      const id = await importEvent(
        app.db,
        app.redactor,
        { ...request.body, file: fileOf(request.body.file) },
        request.actor,
      );
      return reply
        .code(201)
        .send({ event: await buildEventReport(app.db, id, app.config.kAnonymity) });
    },
  );

  app.get(
    '/events',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['all-hands'],
        summary:
          'Every all-hands, newest first, with its surprise rate: the share of questions and of votes no 1:1 theme anticipated',
        response: { 200: eventsResponse, ...problemResponses },
      },
    },
    async () => ({ events: await surpriseRates(app.db) }),
  );

  app.get(
    '/events/:id',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['all-hands'],
        summary:
          'The report of an all-hands: surprise rate, anticipated questions by theme, surprises, quiet concerns and the prep pack compared',
        params: uuidParam,
        response: { 200: eventResponse, ...problemResponses },
      },
    },
    async (request) => ({
      event: await buildEventReport(app.db, request.params.id, app.config.kAnonymity),
    }),
  );

  app.patch(
    '/events/:id',
    {
      config: { access: editors },
      schema: {
        tags: ['all-hands'],
        summary: 'Rename, re-date (its questions are matched again) or tie to a prep pack',
        params: uuidParam,
        body: updateEventBody,
        response: { 200: eventResponse, ...problemResponses },
      },
    },
    async (request) => {
      await changeEvent(app.db, app.redactor, request.params.id, request.body, request.actor);
      return { event: await buildEventReport(app.db, request.params.id, app.config.kAnonymity) };
    },
  );

  app.delete(
    '/events/:id',
    {
      config: { access: editors },
      schema: {
        tags: ['all-hands'],
        params: uuidParam,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removeEvent(app.db, request.params.id, request.actor);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/events/:id/export',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['all-hands'],
        summary: 'The report as Markdown or JSON; recorded in the audit log',
        params: uuidParam,
        querystring: eventExportQuery,
      },
    },
    async (request, reply) => {
      const file = await exportEvent(
        app.db,
        request.params.id,
        request.query.format,
        request.actor,
        app.config.kAnonymity,
      );
      return reply
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .type(file.contentType)
        .send(file.body);
    },
  );
};

export default eventRoutes;
