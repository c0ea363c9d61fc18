// Retention: what the product keeps only for a while is deleted on a schedule, in every process
// (the deletes are idempotent, so several processes running them at once is harmless).
import {
  deleteExpiredSessions,
  deleteProcessedOutboxRows,
  deleteStaleSignInFailures,
  describeErrorBriefly,
} from '@kb/db';
import fp from 'fastify-plugin';

/** Indexed changes are kept a week, for looking into a sync problem after the fact. */
const OUTBOX_HISTORY_MS = 7 * 24 * 3_600_000;
/** Sign-in failure counts are forgotten after 15 quiet minutes anyway (see domain/sign-in.ts). */
const SIGN_IN_FAILURES_MS = 15 * 60_000;
const EVERY_MS = 3_600_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Deletes expired sessions, old indexed outbox rows and stale sign-in counts now. */
    runMaintenance(now?: Date): Promise<{ outboxRows: number }>;
  }
}

export default fp(
  async (app) => {
    app.decorate('runMaintenance', async (now = new Date()) => {
      await deleteExpiredSessions(app.db, now);
      await deleteStaleSignInFailures(app.db, new Date(now.getTime() - SIGN_IN_FAILURES_MS));
      const outboxRows = await deleteProcessedOutboxRows(
        app.db,
        new Date(now.getTime() - OUTBOX_HISTORY_MS),
      );
      return { outboxRows };
    });

    let timer: NodeJS.Timeout | undefined;
    const runQuietly = () =>
      app.runMaintenance().catch((error: unknown) => {
        app.log.warn({ error: describeErrorBriefly(error) }, 'maintenance failed');
      });
    app.addHook('onReady', async () => {
      void runQuietly();
      timer = setInterval(() => void runQuietly(), EVERY_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'maintenance', dependencies: ['db'] },
);
