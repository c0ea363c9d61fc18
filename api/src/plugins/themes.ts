// Themes: the assigner that places new questions at capture, and the background recompute.
import { describeErrorBriefly } from '@kb/db';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { recomputeThemes, ThemeAssigner, type RecomputeReport } from '../domain/themes/index.ts';
import { refreshWeekCounts } from '../domain/week-counts.ts';

declare module 'fastify' {
  interface FastifyInstance {
    themeAssigner: ThemeAssigner;
    /** Regroups every unpinned theme and resets the assigner. */
    recomputeThemes(): Promise<RecomputeReport>;
    /** Starts the periodic recompute (once the installation is seeded), with a first run now. */
    startThemeJob(): void;
    /**
     * Asks the background job for a recompute now, say after an import whose questions have no
     * theme yet. One runs at a time; asking while one runs queues one more. Does nothing when the
     * periodic job is off (THEMES_RECOMPUTE_MINUTES=0).
     */
    recomputeThemesSoon(): void;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const assigner = new ThemeAssigner();
    app.decorate('themeAssigner', assigner);
    app.decorate('recomputeThemes', async () => {
      const report = await recomputeThemes(app.db);
      assigner.reset();
      app.searchSync?.nudge();
      // A recompute moves questions between themes in every week: rebuild the summary here rather
      // than in the next dashboard request.
      await refreshWeekCounts(app.db);
      return report;
    });

    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let again = false;
    const runInBackground = async (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          try {
            const report = await app.recomputeThemes();
            app.log.info(report, 'themes recomputed');
          } catch (error) {
            app.log.warn({ error: describeErrorBriefly(error) }, 'theme recompute failed');
          }
        } while (again);
      })().finally(() => (running = undefined));
      return running;
    };
    app.decorate('recomputeThemesSoon', () => {
      if (config.themesRecomputeMinutes > 0) void runInBackground();
    });
    app.decorate('startThemeJob', () => {
      if (config.themesRecomputeMinutes <= 0 || timer) return;
      void runInBackground();
      timer = setInterval(() => void runInBackground(), config.themesRecomputeMinutes * 60_000);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      again = false;
      await running;
    });
  },
  { name: 'themes', dependencies: ['db', 'search'] },
);
