import { enqueueSearchChanges, questionIdsInThemes, themeMeetingCounts } from '@kb/db';
import { recurrenceLevel } from '@kb/search';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../domain/actor.ts';
import { captureMeeting } from '../domain/capture.ts';
import { createMeetingBody, meetingResponse, problemResponses } from '../schemas/index.ts';

const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  /**
   * Each new question joins its nearest theme. The capture is committed already: if this fails,
   * the next recompute places the questions, so the user is never shown an error for it.
   */
  async function placeInThemes(questions: readonly { id: string; text: string }[]) {
    try {
      await app.db.transaction(async (tx) => {
        const placed = await app.themeAssigner.assign(tx, questions);
        const themeIds = [...new Set(placed.values())];
        const meetings = await themeMeetingCounts(tx, themeIds);
        // The meeting is new, so it adds one meeting to each theme it was placed in. The
        // theme-mates' documents change only when that moves the theme's recurrence level.
        const moved = themeIds.filter((id) => {
          const after = meetings.get(id) ?? 1;
          return recurrenceLevel(after) !== recurrenceLevel(after - 1);
        });
        await enqueueSearchChanges(
          tx,
          [...new Set([...placed.keys(), ...(await questionIdsInThemes(tx, moved))])],
          'upsert',
        );
      });
    } catch (error) {
      app.themeAssigner.reset();
      app.log.warn(
        { error: error instanceof Error ? error.name : 'unknown' },
        'theme assignment deferred to the next recompute',
      );
    }
  }

  app.post(
    '/meetings',
    {
      config: { access: ['admin', 'editor'] },
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
        actorOf(request.user!),
      );
      await placeInThemes(result.questions);
      return reply.code(201).send(result);
    },
  );
};

export default meetingRoutes;
