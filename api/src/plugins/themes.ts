// Themes: the service that owns them, its placement model for captures, and the background
// recompute (hourly by default, and once at start).
import { describeErrorBriefly } from '@kb/db';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { ThemeService, type ThemeAssigner } from '../domain/themes/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every change to themes: recompute and curation. */
    themes: ThemeService;
    /** The service's placement model, which captures use. */
    themeAssigner: ThemeAssigner;
    /** Starts the periodic recompute (once the installation is seeded), with a first run now. */
    startThemeJob(): void;
    /**
     * Asks the background job for a recompute now, say after an import whose questions have no
     * theme yet. One runs at a time; asking while one runs queues one more. Does nothing when the
     * periodic job is off (THEMES_RECOMPUTE_MINUTES=0).
     */
    recomputeThemesSoon(): void;
    /** Resolves once the background job has no recompute running or queued. */
    themeJobIdle(): Promise<void>;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const themes = new ThemeService(app.db, app.redactor, {
      onSearchChanges: () => app.searchSync?.nudge(),
      // Curation comes through a request, which ends the kept answers itself.
      onRecomputed: () => app.forgetReads(),
    });
    app.decorate('themes', themes);
    app.decorate('themeAssigner', themes.assigner);

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
            const report = await themes.recompute();
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
    app.decorate('themeJobIdle', async () => {
      while (running) await running;
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      again = false;
      await running;
    });
  },
  { name: 'themes', dependencies: ['db', 'search', 'read-cache'] },
);
