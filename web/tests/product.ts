// The product as the browser tests meet it: the built web app served by the API on a test database
// of its own and a real Meilisearch, with its background jobs on, listening on a loopback port.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type Config } from '@kb/api';
import {
  LogCapture,
  createTestDatabase,
  startTestSearch,
  testConfig,
  type TestDatabase,
} from '@kb/api/testing';
import { SearchService } from '@kb/search';
import type { FastifyInstance } from 'fastify';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../build');

export type TestSearch = Awaited<ReturnType<typeof startTestSearch>>;

export interface Product {
  app: FastifyInstance;
  database: TestDatabase;
  engine: TestSearch;
  /** Where a browser opens it: `http://127.0.0.1:<port>`. */
  url: string;
  /** Closes the app, then stops the engine (unless it is another product's) and drops the database. */
  stop(): Promise<void>;
}

export interface ProductOptions {
  /** Settings over the test defaults; the web app is always the built one. */
  config?: Partial<Config>;
  /** As a new installation seeds itself (categories, first admin, demo data); on unless said. */
  seed?: boolean;
  /** Where the app's log lines go, for a test that reads them; dropped otherwise. */
  logs?: LogCapture;
  /** The Meilisearch of another product, shared under an index of this one's own. */
  shareSearch?: { engine: TestSearch; indexName: string };
  /** What the test needs in the database, written once the app is ready and before it listens. */
  prepare?: (app: FastifyInstance) => Promise<void>;
}

export async function startProduct(options: ProductOptions = {}): Promise<Product> {
  const database = await createTestDatabase();
  const shared = options.shareSearch;
  let engine: TestSearch | undefined;
  let app: FastifyInstance | undefined;
  const stop = async () => {
    await app?.close();
    if (!shared) await engine?.stop();
    await database.drop();
  };
  try {
    engine = shared ? shared.engine : await startTestSearch();
    const search = shared
      ? new SearchService({
          url: engine.meili.url,
          masterKey: engine.meili.masterKey,
          indexName: shared.indexName,
        })
      : engine.service;
    app = await buildApp(testConfig({ webDir, ...options.config }), {
      dbHandle: database.handle,
      logStream: options.logs ?? new LogCapture(),
      seed: options.seed ?? true,
      search,
      syncIdleMs: 100,
    });
    await app.ready();
    await options.prepare?.(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { app, database, engine, url: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
