import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { captureMeeting } from '../domain/capture.ts';
import { createMeetingBody, meetingResponse, problemResponses } from '../schemas/index.ts';

const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/meetings',
    {
      // A capture only adds: others see it within a second, as through another app process.
      config: { access: ['admin', 'editor'], forgetsReads: 'writer' },
      schema: {
        tags: ['capture'],
        summary:
          'Record the questions raised in a 1:1; they are redacted before anything is stored',
        body: createMeetingBody,
        response: { 201: meetingResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const result = await captureMeeting(
        app.db,
        app.redactor,
        request.body,
        request.actor,
        app.themeAssigner,
      );
      // Never shown to the person capturing: the next recompute places the questions.
      if (result.themesDeferred) app.log.warn('theme assignment deferred to the next recompute');
      return reply.code(201).send(result);
    },
  );
};

export default meetingRoutes;
