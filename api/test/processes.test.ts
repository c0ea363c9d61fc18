// PROCESSES=2 as an operator runs it: the real server script against an empty Postgres database and
// a real Meilisearch. Both processes migrate and seed the same database at once (under the start-up
// lock), serve one port, and a process that dies is started again while the other keeps serving.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl } from './global-setup.ts';
import { startTestSearch } from './support.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const serverUrl = inject('postgresServerUrl');
const ADMIN = { email: 'first-admin@example.com', password: 'a long first admin password' };

/** The pids of a process's children, from /proc. */
function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!serverUrl)('several app processes behind one port', () => {
  let admin: postgres.Sql;
  let name: string;
  let dataDir: string;
  let search: Awaited<ReturnType<typeof startTestSearch>>;
  let primary: ChildProcessWithoutNullStreams;
  let output = '';
  let baseUrl: string;

  beforeAll(async () => {
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    // Empty, not the migrated template: both processes find the migrations to apply.
    name = `kb_processes_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    dataDir = mkdtempSync(path.join(tmpdir(), 'kb-processes-'));
    search = await startTestSearch();
    primary = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PROCESSES: '2',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl(serverUrl!, name),
        MEILI_URL: search.meili.url,
        MEILI_MASTER_KEY: search.meili.masterKey,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        // The demo's import and recompute would only slow the tests beside this one.
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    primary.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    primary.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    baseUrl = await until(async () => /Ready: (http:\/\/[^/\s]+)\//.exec(output)?.[1], 120_000);
  }, 150_000);

  afterAll(async () => {
    if (primary && primary.exitCode === null) {
      primary.kill('SIGKILL');
      for (const pid of childrenOf(primary.pid!)) process.kill(pid, 'SIGKILL');
    }
    await search?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });

  const signIn = async () => {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(response.status).toBe(200);
    return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  };

  it('starts both on one port, seeded once, and says so once', async () => {
    expect(output.match(/Ready: /g)).toHaveLength(1);
    expect(output).toContain('2 processes');
    // Neither stumbled over the other's migrations or seeding on the way up.
    expect(output).not.toMatch(/App process \d ended/);
    expect(childrenOf(primary.pid!)).toHaveLength(2);
    const db = postgres(databaseUrl(serverUrl!, name), { max: 1, onnotice: () => {} });
    try {
      const [users] = await db`select count(*)::int as n from users`;
      // One first admin, not one per process.
      expect(users!.n).toBe(1);
    } finally {
      await db.end({ timeout: 5 });
    }
  });

  it('serves a session made by one process in the other', async () => {
    const cookie = await signIn();
    // New connections go to each process in turn.
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${baseUrl}/api/questions?limit=5`, {
          headers: { cookie, connection: 'close' },
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('starts a process that dies again, while the other keeps answering', async () => {
    const cookie = await signIn();
    const [victim] = childrenOf(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    // A connection handed to the process in the instant it dies is lost with it, as with any
    // server that dies; from when the primary hears of it, the other process takes every one.
    await until(async () => (/App process \d ended/.test(output) ? true : undefined), 10_000);
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${baseUrl}/api/themes`, {
        headers: { cookie, connection: 'close' },
        signal: AbortSignal.timeout(10_000),
      });
      expect(response.status).toBe(200);
    }
    const replaced = await until(async () => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(victim!) ? now : undefined;
    }, 60_000);
    expect(replaced).toHaveLength(2);
  }, 90_000);

  it('shuts down every process on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => primary.once('exit', resolve));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
