// Answers computed from the weekly summary only are serialized once per summary version: a busy
// dashboard then costs a version check per call, not a validation and a JSON.stringify of the
// same figures each time.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { fromSummary } from '../domain/week-counts.ts';

/**
 * Sends what `compute` gives, validated by the route's response schema as any answer is, and kept
 * serialized until the summary or a group's name changes. `what` names the answer uniquely.
 */
export async function sendFromSummary<S extends z.ZodType>(
  app: FastifyInstance,
  reply: FastifyReply,
  what: readonly unknown[],
  schema: S,
  compute: () => Promise<z.input<S>>,
): Promise<FastifyReply> {
  const json = await fromSummary(app.db, ['json', ...what], async () =>
    JSON.stringify(schema.parse(await compute())),
  );
  return reply.type('application/json; charset=utf-8').send(json);
}
