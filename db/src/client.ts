// Opens the database: a Postgres server through postgres.js, or the embedded PGlite in a data folder.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The database or a transaction inside it: query functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbConfig =
  | { kind: 'postgres'; url: string; maxConnections?: number }
  | { kind: 'pglite'; dataDir: string | null };

export interface DbHandle {
  db: Db;
  kind: DbConfig['kind'];
  /** Applies the drizzle-kit migrations that have not run yet, under the start-up lock. */
  migrate(): Promise<void>;
  /**
   * Runs `work` holding the installation's start-up lock: app processes that start together
   * against one Postgres migrate and seed one after another, never side by side. The lock is a
   * session advisory lock on a connection of its own, so `work` uses the pool as usual.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The advisory lock key app processes take around migrating and seeding. */
const STARTUP_LOCK = 0x61736b01;

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export function createDb(config: DbConfig): DbHandle {
  return config.kind === 'postgres' ? createPostgresDb(config) : createPgliteDb(config);
}

function createPostgresDb(config: { url: string; maxConnections?: number }): DbHandle {
  const client = postgres(config.url, {
    max: config.maxConnections ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
  });
  const db = drizzlePostgres(preparing(client), { schema });
  const exclusively = async <T>(work: () => Promise<T>): Promise<T> => {
    // A connection of its own, outside the pool: `work` may need every pooled one.
    const session = postgres(config.url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await session`select pg_advisory_lock(${STARTUP_LOCK})`;
      return await work();
    } finally {
      // Ending the session lets the lock go, whatever became of `work`.
      await session.end({ timeout: 5 });
    }
  };
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    migrate: () => exclusively(() => migratePostgres(db, { migrationsFolder })),
    exclusively,
    ping: () => ping(db as unknown as Db),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The client drizzle sees: every statement with parameters is prepared once per connection.
 * drizzle asks postgres.js to prepare only the statements it names, and postgres.js sends any other
 * statement with parameters as Parse and Describe, waits for the parameter types, and only then
 * binds: two round trips, and nothing queued behind it on the connection goes out meanwhile. A
 * prepared statement is bound at once, so statements sent together travel together. Statements
 * without parameters (migrations, `begin`) keep the simple protocol, which allows several at once.
 */
function preparing<T extends postgres.Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(
            query,
            parameters as postgres.ParameterOrJSON<never>[],
            parameters?.length ? { ...options, prepare: true } : options,
          );
      }
      // A transaction and a savepoint hand their callback a client of their own: wrap it too.
      if (key === 'begin' || key === 'savepoint') {
        const open = Reflect.get(target, key, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const body = args.pop() as (client: postgres.Sql) => unknown;
          return open.call(target, ...args, (client: postgres.Sql) => body(preparing(client)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

function createPgliteDb(config: { dataDir: string | null }): DbHandle {
  // It holds password hashes and the roster. PGlite sets its files' modes itself, ignoring the
  // umask, so a private folder is what keeps them from other accounts.
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const client = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    // One process owns the embedded database: there is nobody to wait for.
    exclusively: (work) => work(),
    ping: () => ping(db as unknown as Db),
    close: () => client.close(),
  };
}

/** The rows of a raw query on either driver: postgres.js answers an array, PGlite `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
