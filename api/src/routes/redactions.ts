import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { previewBody, previewResponse, problemResponses, problemSchema } from '../schemas/index.ts';

/**
 * The capture page previews as someone types, a quarter of a second after they pause: a person
 * stays well under this. A script testing names against the admin-only roster is held to it.
 */
export const PREVIEWS_PER_MINUTE = 120;

const redactionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/redactions/preview',
    {
      config: {
        access: ['admin', 'editor'],
        forgetsReads: 'nothing',
        rateLimit: {
          max: PREVIEWS_PER_MINUTE,
          timeWindow: '1 minute',
          // Per person, whatever their session or address: colleagues behind one office address
          // keep their own allowance. The access check (an app hook) runs before this route's.
          keyGenerator: (request) => request.user!.id,
        },
      },
      schema: {
        tags: ['capture'],
        summary: `What redaction would change in a text; nothing is stored (${PREVIEWS_PER_MINUTE} a minute per user)`,
        body: previewBody,
        response: { 200: previewResponse, ...problemResponses, 429: problemSchema },
      },
    },
    async (request) => app.redactor.redact(request.body.text),
  );
};

export default redactionRoutes;
