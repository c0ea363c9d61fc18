// Test helpers: a database of the file's own, an app on it, signed-in users, captured log lines.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  createDb,
  insertMissingCategories,
  outboxLag,
  queryRows as rowsOf,
  type DbHandle,
  type Role,
} from '@kb/db';
import type { SQL } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SearchService, launchMeilisearch, type LocalMeilisearch } from '@kb/search';
import postgres from 'postgres';
import { inject } from 'vitest';
import { buildApp, type AppOptions } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { essayMeetings } from '../src/demo/essay.ts';
import { systemActor } from '../src/domain/actor.ts';
import { defaultCategories } from '../src/domain/default-categories.ts';
import { createUser } from '../src/domain/users.ts';
import { databaseUrl } from './global-setup.ts';

export interface TestDatabase {
  handle: DbHandle;
  /** A postgres:// URL for tools that connect on their own, or null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

/** A clone of the migrated template on the test server, or an in-memory PGlite when there is none. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('postgresServerUrl');
  const template = inject('templateDatabase');
  if (!server || !template) {
    const handle = createDb({ kind: 'pglite', dataDir: null });
    await handle.migrate();
    return { handle, url: null, drop: () => handle.close() };
  }
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  const url = databaseUrl(server, name);
  const handle = createDb({ kind: 'postgres', url, maxConnections: 5 });
  return {
    handle,
    url,
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    database: { kind: 'pglite', dataDir: null },
    logLevel: 'info',
    admin: null,
    sessionTtlHours: 12,
    cookieSecure: false,
    demoData: false,
    webDir: null,
    search: { kind: 'off' },
    kAnonymity: 5,
    publicUrl: null,
    trustProxy: false,
    // As shipped: hourly, and once at start (await `app.themeJobIdle()` for that run to end).
    themesRecomputeMinutes: 60,
    processes: 1,
    ...overrides,
  };
}

/** Every log line the app wrote, as raw JSON text, for tests that check what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text() {
    return this.lines.join('\n');
  }
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  logs: LogCapture;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { config?: Partial<Config>; app?: AppOptions; database?: TestDatabase } = {},
): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const logs = new LogCapture();
  const app = await buildApp(testConfig(options.config), {
    dbHandle: db.handle,
    logStream: logs,
    seed: false,
    ...options.app,
  });
  await app.ready();
  await insertMissingCategories(db.handle.db, defaultCategories);
  return {
    app,
    db,
    logs,
    async close() {
      await app.close();
      if (!options.database) await db.drop();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

/** Creates a user with the role and returns the Cookie header of a fresh session. */
export async function signIn(app: FastifyInstance, role: Role, email = `${role}@example.com`) {
  await createUser(app.db, { email, password: PASSWORD, role }, systemActor).catch(() => undefined);
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return { cookie: sessionCookie(response) };
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'kb_session');
  if (!cookie) throw new Error('no session cookie');
  return `kb_session=${cookie.value}`;
}

export function expectProblem(response: LightMyRequestResponse, status: number) {
  if (response.statusCode !== status) {
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  if (!response.headers['content-type']?.toString().startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers['content-type']}`);
  }
  const body = response.json<{
    type: string;
    title: string;
    status: number;
    detail: string;
    requestId: string;
    errors?: { path: string; message: string }[];
  }>();
  if (body.status !== status || !body.type || !body.title || !body.detail || !body.requestId) {
    throw new Error(`incomplete problem: ${response.body}`);
  }
  return body;
}

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export function queryRows<T>(db: DbHandle, query: SQL): Promise<T[]> {
  return rowsOf<T>(db.db, query);
}

/** A Meilisearch child process of the test file's own, with a fresh data folder. */
export async function startTestSearch(): Promise<{
  meili: LocalMeilisearch;
  service: SearchService;
  stop(): Promise<void>;
}> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-test-meili-'));
  const meili = await launchMeilisearch({ dataDir, masterKey: randomBytes(24).toString('hex') });
  // Short timeouts: tests kill the engine on purpose and must not wait long to notice.
  const service = new SearchService({
    url: meili.url,
    masterKey: meili.masterKey,
    timeoutMs: 2000,
  });
  return {
    meili,
    service,
    async stop() {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the search outbox is empty: every change so far is in the index. */
export async function waitForSearchSync(app: FastifyInstance, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  app.searchSync?.nudge();
  while ((await outboxLag(app.db)).pending > 0) {
    if (Date.now() > deadline) throw new Error('the search outbox did not drain in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An app on a database of its own with a Meilisearch of its own; `close` stops both. */
export async function createSearchTestApp(
  options: { config?: Partial<Config>; seed?: boolean } = {},
): Promise<TestApp & { engine: Awaited<ReturnType<typeof startTestSearch>> }> {
  const engine = await startTestSearch();
  const t = await createTestApp({
    ...(options.config ? { config: options.config } : {}),
    app: {
      search: engine.service,
      syncIdleMs: 100,
      ...(options.seed ? { seed: true } : {}),
    },
  });
  return {
    ...t,
    engine,
    async close() {
      await t.close();
      await engine.stop();
    },
  };
}

/** Captures the essay's meetings through the API, as an editor would after each 1:1. */
export async function captureEssay(
  app: FastifyInstance,
  headers: { cookie: string },
): Promise<void> {
  for (const meeting of essayMeetings) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers,
      payload: meeting,
    });
    if (response.statusCode !== 201) throw new Error(`capture failed: ${response.body}`);
  }
}
