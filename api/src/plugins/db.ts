// Opens the database, applies migrations and closes it with the app.
import { createDb, type Db, type DbHandle } from '@kb/db';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbHandle: DbHandle;
  }
}

export default fp<{ config: Config; dbHandle?: DbHandle }>(
  async (app, { config, dbHandle }) => {
    const handle = dbHandle ?? createDb(config.database);
    await handle.migrate();
    app.decorate('db', handle.db);
    app.decorate('dbHandle', handle);
    // A handle passed in belongs to the caller (tests share one across apps).
    if (!dbHandle) app.addHook('onClose', () => handle.close());
  },
  { name: 'db' },
);
