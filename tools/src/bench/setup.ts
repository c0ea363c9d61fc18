// Shared by the benchmarks and the fault tests: a throwaway Postgres database (or PGlite), a
// Meilisearch child process, and the app listening on a loopback port.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { buildApp, createUser, defaultCategories, systemActor, type Config } from '@kb/api';
import { createDb, insertMissingCategories, outboxLag, type Db, type DbHandle } from '@kb/db';
import { launchMeilisearch, SearchService, type LocalMeilisearch } from '@kb/search';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';

export const BENCH_PASSWORD = 'benchmark password 2026';
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Stack {
  app: FastifyInstance;
  handle: DbHandle;
  databaseUrl: string | null;
  meili: LocalMeilisearch;
  search: SearchService;
  baseUrl: string;
  /** Cookie header of a signed-in editor. */
  cookie: string;
  close(): Promise<void>;
}

export async function startStack(
  options: {
    maxConnections?: number;
    logLevel?: Config['logLevel'];
    /**
     * The embedded default: PGlite in process and a Meilisearch the product starts and supervises
     * itself, as `npm start` runs it.
     */
    embedded?: boolean;
  } = {},
): Promise<Stack> {
  const shownLevel = shownLogLevel();
  const database = options.embedded ? null : await createBenchDatabase();
  const databaseUrl = database?.url ?? null;
  // The pool the server itself opens, unless a benchmark asks for another.
  const handle = databaseUrl
    ? createDb({ kind: 'postgres', url: databaseUrl, maxConnections: options.maxConnections })
    : createDb({ kind: 'pglite', dataDir: null });
  await handle.migrate();
  await insertMissingCategories(handle.db, defaultCategories);
  await createUser(
    handle.db,
    { email: 'bench@example.com', password: BENCH_PASSWORD, role: 'editor' },
    systemActor,
  );

  const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-bench-meili-'));
  const own = options.embedded
    ? null
    : await launchMeilisearch({ dataDir, masterKey: randomBytes(24).toString('hex') });
  const ownSearch = own
    ? new SearchService({ url: own.url, masterKey: own.masterKey, timeoutMs: 2000 })
    : null;
  await ownSearch?.ensureIndex();

  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: null },
    logLevel: options.logLevel ?? shownLevel ?? 'info',
    admin: null,
    sessionTtlHours: 12,
    cookieSecure: false,
    demoData: false,
    webDir: null,
    search: own
      ? { kind: 'remote', url: own.url, masterKey: own.masterKey }
      : { kind: 'embedded', dataDir },
    kAnonymity: 5,
    publicUrl: null,
    trustProxy: false,
    themesRecomputeMinutes: 0,
    processes: 1,
  };
  const log = shownLevel ? null : discardedLog();
  const app = await buildApp(config, {
    dbHandle: handle,
    ...(ownSearch ? { search: ownSearch } : {}),
    seed: false,
    syncIdleMs: 200,
    // BENCH_LOG_LEVEL=warn (say) shows the server's log while a benchmark runs.
    logStream: log ?? process.stderr,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: BENCH_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const meili = own ?? app.localSearchEngine;
  const search = ownSearch ?? app.searchEngine;
  if (!meili || !search) throw new Error('the app started without its search engine');

  return {
    app,
    handle,
    databaseUrl,
    meili,
    search,
    baseUrl,
    cookie,
    async close() {
      await app.close();
      log?.destroy();
      await handle.close();
      // The app stops an engine it started itself.
      await own?.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

/** A throwaway database on the benchmarks' Postgres server, dropped by `drop`. */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(server, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `kb_bench_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * Waits until the search outbox is empty, polling every `intervalMs`, for `timeoutMs` at most;
 * says whether it emptied.
 */
export async function waitForOutbox(
  db: Db,
  { intervalMs = 200, timeoutMs = 120_000 }: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<boolean> {
  const started = performance.now();
  while ((await outboxLag(db)).pending > 0) {
    if (performance.now() - started > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return true;
}

/** The level BENCH_LOG_LEVEL names, whose log is then shown on stderr; otherwise undefined. */
function shownLogLevel(): Config['logLevel'] | undefined {
  const level = process.env.BENCH_LOG_LEVEL;
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  return levels.find((l) => l === level);
}

/**
 * The log as the product writes it to stdout, a line at a time and at once, but to /dev/null: a
 * benchmark pays for logging what an installation pays.
 */
function discardedLog(): Writable {
  const fd = openSync('/dev/null', 'w');
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      writeSync(fd, chunk);
      done();
    },
    destroy(error, done) {
      closeSync(fd);
      done(error);
    },
  });
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Runs a load script of this folder in a process of its own, so the load does not share the
 * server's event loop; passes the settings as JSON and returns what the script printed.
 */
export function runLoadScript(script: string, settings: object): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL(script, import.meta.url)),
        JSON.stringify(settings),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}
