import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { previewBody, previewResponse, problemResponses } from '../schemas/index.ts';

const redactionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/redactions/preview',
    {
      config: { access: ['admin', 'editor'] },
      schema: {
        tags: ['capture'],
        summary: 'What redaction would change in a text; nothing is stored',
        body: previewBody,
        response: { 200: previewResponse, ...problemResponses },
      },
    },
    async (request) => app.redactor.redact(request.body.text),
  );
};

export default redactionRoutes;
