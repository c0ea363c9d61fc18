// Search: connects to Meilisearch (or runs the packaged one), keeps the index in step with the
// outbox, and stops everything with the app. Search being down never stops the app.
import { randomBytes } from 'node:crypto';
import {
  ResilientSearch,
  SearchService,
  SearchSync,
  launchMeilisearch,
  type LocalMeilisearch,
} from '@kb/search';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when search is off or its engine could not be started. */
    searchEngine: SearchService | null;
    /** Question search that answers from Postgres while the engine is away or slow. */
    questionSearch: ResilientSearch;
    /** The engine this process runs itself (the embedded default), if any. */
    localSearchEngine: LocalMeilisearch | null;
    searchSync: SearchSync | null;
  }
}

export interface SearchPluginOptions {
  config: Config;
  /** An engine the caller runs (tests); the plugin neither starts nor stops it. */
  service?: SearchService;
  /** How often the outbox worker looks for work when not nudged. */
  syncIdleMs?: number;
}

export default fp<SearchPluginOptions>(
  async (app, { config, service, syncIdleMs }) => {
    let local: LocalMeilisearch | undefined;
    let search: SearchService | null = service ?? null;

    if (!search && config.search.kind === 'remote') {
      search = new SearchService({ url: config.search.url, masterKey: config.search.masterKey });
    } else if (!search && config.search.kind === 'embedded') {
      try {
        // A fresh key per start: nothing outside this process needs it, and it never leaves the server.
        local = await launchMeilisearch({
          dataDir: config.search.dataDir,
          masterKey: randomBytes(24).toString('hex'),
          // A crashed engine comes back by itself; meanwhile captures wait in the outbox.
          supervise: true,
          onRestart: (event) => {
            app.log.warn(event, 'search engine exited; started it again');
            sync?.nudge();
          },
        });
        search = new SearchService({ url: local.url, masterKey: local.masterKey });
      } catch (error) {
        app.log.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'search engine not started: search answers 503',
        );
      }
    }

    const sync = search
      ? new SearchSync(app.db, search, {
          logger: app.log,
          // Search answers kept for readers may hold what the batch changed.
          onApplied: () => app.forgetEngineReads(),
          ...(syncIdleMs ? { idleMs: syncIdleMs } : {}),
        })
      : null;
    app.decorate('searchEngine', search);
    app.decorate('localSearchEngine', local ?? null);
    app.decorate(
      'questionSearch',
      new ResilientSearch(app.db, search, {
        onEngineTrouble: (reason) =>
          app.log.warn({ reason }, 'search engine did not answer: searching Postgres meanwhile'),
      }),
    );
    app.decorate('searchSync', sync);

    app.addHook('onReady', async () => {
      sync?.start();
    });
    // Writes leave outbox rows: look at them now rather than at the next tick.
    app.addHook('onResponse', (request, reply, done) => {
      if (request.method !== 'GET' && reply.statusCode < 300) sync?.nudge();
      done();
    });
    app.addHook('onClose', async () => {
      await sync?.stop();
      // A service handed in belongs to whoever made it.
      if (!service) search?.close();
      await local?.stop();
    });
  },
  { name: 'search', dependencies: ['db', 'read-cache'] },
);
