// Moving questions in and out: import, export, the digest of a period, and the audit log.
import { listAudit } from '@kb/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildDigest, digestMarkdown } from '../domain/digest.ts';
import { AppError } from '../domain/errors.ts';
import { exportQuestions } from '../domain/exports.ts';
import { importQuestions } from '../domain/import.ts';
import {
  auditCursorOf,
  auditQuery,
  auditResponse,
  digestQuery,
  exportQuery,
  importBody,
  importResponse,
  MAX_IMPORT_BYTES,
  problemResponses,
} from '../schemas/index.ts';

const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/import',
    {
      config: { access: ['admin', 'editor'] },
      bodyLimit: MAX_IMPORT_BYTES + 64 * 1024,
      schema: {
        tags: ['import and export'],
        summary:
          'Import past questions (CSV or JSON); dryRun reports what would be redacted, rejected and created',
        body: importBody,
        response: { 200: importResponse, 201: importResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const report = await importQuestions(app.db, app.redactor, request.body, request.actor, {
        search: app.searchEngine,
        // Searches may now find the imported questions; rows the engine did not take are due.
        onIndexed: () => {
          app.forgetReads();
          app.searchSync?.nudge();
        },
      });
      if (!report.dryRun && report.rejected.length > 0) {
        const first = report.rejected[0]!;
        throw new AppError(
          'validation',
          400,
          `Nothing was imported: ${report.rejected.length} row(s) need fixing, first at line ${first.line}: ${first.reason}.`,
          report.rejected.slice(0, 200).map((r) => ({ path: `line ${r.line}`, message: r.reason })),
        );
      }
      if (!report.dryRun) {
        // Imported questions have no theme yet: place them now rather than at the next hourly run.
        app.recomputeThemesSoon();
      }
      return reply.code(report.dryRun ? 200 : 201).send(report);
    },
  );

  app.get(
    '/export',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['import and export'],
        summary:
          'Every question (redacted) with categories, theme and answer; recorded in the audit log',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const file = await exportQuestions(
        app.db,
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

  app.get(
    '/digest',
    {
      config: { access: 'signed-in', readCache: true },
      schema: {
        tags: ['import and export'],
        summary:
          'What people asked in one month or quarter (default: the last complete quarter), as Markdown or JSON, under the k-anonymity rule',
        querystring: digestQuery,
      },
    },
    async (request, reply) => {
      const { format, period } = request.query;
      const digest = await buildDigest(app.db, period, app.config.kAnonymity);
      if (format === 'md')
        return reply.type('text/markdown; charset=utf-8').send(digestMarkdown(digest));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(digest));
    },
  );

  app.get(
    '/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['import and export'],
        summary: 'Who created, changed, deleted or exported what, newest first',
        querystring: auditQuery,
        response: { 200: auditResponse, ...problemResponses },
      },
    },
    async (request) => {
      const { limit, after } = request.query;
      const entries = await listAudit(app.db, { limit, ...(after ? { after } : {}) });
      const last = entries.at(-1);
      return {
        next: entries.length === limit && last ? auditCursorOf(last) : null,
        entries: entries.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actorEmail: e.actorEmail,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          detail: e.detail,
        })),
      };
    },
  );
};

export default exchangeRoutes;
