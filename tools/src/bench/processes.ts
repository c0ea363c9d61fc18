// Benchmark: the server as deployed on Postgres, one app process against two behind one port
// (PROCESSES=2), on the same database and engine. The same mixed reads run against each, while
// editors capture through it; afterwards the index must match Postgres with nothing lost, as both
// processes' outbox workers share the queue.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';
import { createDb, queryRows } from '@kb/db';
import { checkIndex, freePort, launchMeilisearch, SearchService } from '@kb/search';
import { sql } from 'drizzle-orm';
import { generateQuestions } from './dataset.ts';
import {
  BENCH_PASSWORD,
  createBenchDatabase,
  round,
  runLoadScript,
  waitForOutbox,
} from './setup.ts';

const serverScript = fileURLToPath(new URL('../../../api/src/server.ts', import.meta.url));
const ADMIN = 'bench-admin@example.com';
/** The people reading while the admin captures: leadership, not the executive. */
const READER = 'bench-reader@example.com';

const PATHS = [
  '/api/search?q=career',
  '/api/search?q=priorites&category=priorities',
  '/api/questions?limit=20',
  '/api/questions?category=diversity',
  '/api/trends?by=category&bucket=month',
  '/api/themes',
  '/api/alerts',
];

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `api/src/server.ts` as an operator would, and waits for its Ready line. */
async function startServer(env: Record<string, string>, processes: number): Promise<Running> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', serverScript], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PROCESSES: String(processes),
      // As shipped: a line per request on stdout, read (and dropped) here as a log collector would.
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    let ready = false;
    const timer = setTimeout(() => reject(new Error('the server did not start in 120 s')), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return;
      text += chunk.toString();
      if (text.includes('Ready:')) {
        ready = true;
        text = '';
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in answered ${login.status}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Captures meetings of five questions one after another until `stop` resolves; counts failures. */
async function captureUntil(
  baseUrl: string,
  cookie: string,
  marker: string,
  stop: Promise<unknown>,
): Promise<{ sent: number; failed: number }> {
  let done = false;
  void stop.then(() => (done = true));
  const questions = [...generateQuestions(2_000, 17)];
  let sent = 0;
  let failed = 0;
  for (let i = 0; !done && i + 5 <= questions.length; i += 5) {
    const batch = questions.slice(i, i + 5);
    const response = await fetch(`${baseUrl}/api/meetings`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        heldOn: batch[0]!.week,
        questions: batch.map((q, j) => ({
          text: `${q.text} [${marker} ${i + j}]`,
          categories: q.categories,
        })),
      }),
    });
    await response.arrayBuffer();
    sent += 5;
    if (response.status !== 201) failed += 5;
  }
  return { sent, failed };
}

export async function benchProcesses(quick: boolean): Promise<Record<string, number>> {
  const database = await createBenchDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-bench-processes-'));
  const meili = await launchMeilisearch({
    dataDir: path.join(dataDir, 'meili'),
    masterKey: randomBytes(24).toString('hex'),
  });
  const env = {
    DATABASE_URL: database.url,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN,
    ADMIN_PASSWORD: BENCH_PASSWORD,
    // The demo history: two years of 1:1s, themes and answers, as a new installation has.
    DEMO_DATA: 'true',
  };
  const duration = quick ? 8 : 20;
  const results: Record<string, number> = {};
  const handle = createDb({ kind: 'postgres', url: database.url, maxConnections: 2 });
  const search = new SearchService({ url: meili.url, masterKey: meili.masterKey });
  try {
    const drained = () => waitForOutbox(handle.db);
    // The first start seeds the demo history and indexes it: both runs then start from the same
    // installation, settled.
    const seeding = await startServer(env, 1);
    await drained();
    const created = await fetch(`${seeding.baseUrl}/api/users`, {
      method: 'POST',
      headers: { cookie: await signIn(seeding.baseUrl, ADMIN), 'content-type': 'application/json' },
      body: JSON.stringify({ email: READER, password: BENCH_PASSWORD, role: 'viewer' }),
    });
    if (created.status !== 201) throw new Error(`creating the reader answered ${created.status}`);
    await seeding.stop();
    for (const processes of [1, 2]) {
      const running = await startServer(env, processes);
      try {
        const cookie = await signIn(running.baseUrl, ADMIN);
        const reader = await signIn(running.baseUrl, READER);
        // Every process loads what it keeps in memory (the placement model, the summary) first.
        await runLoadScript('./load.ts', {
          url: running.baseUrl,
          cookie: reader,
          paths: PATHS,
          connections: 20,
          duration: 3,
        });
        await captureUntil(running.baseUrl, cookie, `warm-up-${processes}`, delay(2_000));
        await drained();
        const load = runLoadScript('./load.ts', {
          url: running.baseUrl,
          cookie: reader,
          paths: PATHS,
          connections: 100,
          duration,
        });
        const marker = `processes-${processes}`;
        const captured = await captureUntil(running.baseUrl, cookie, marker, load);
        const result = JSON.parse(await load) as autocannon.Result;
        // Every capture reaches the index through the shared outbox, whichever process took it.
        await drained();
        const [row] = await queryRows<{ n: number }>(
          handle.db,
          sql`select count(*)::int as n from questions where text like ${`%[${marker} %`}`,
        );
        const drift = await checkIndex(handle.db, search);
        const prefix = `processes${processes}`;
        results[`${prefix}RequestsPerSecond`] = round(result.requests.average, 0);
        results[`${prefix}P99Ms`] = result.latency.p99;
        results[`${prefix}Errors`] = result.errors + result.timeouts + result.non2xx;
        results[`${prefix}Captured`] = captured.sent - captured.failed;
        results[`${prefix}Lost`] = captured.sent - captured.failed - (row?.n ?? 0);
        results[`${prefix}IndexDrift`] =
          drift.missing.length + drift.extra.length + drift.stale.length;
        console.log(
          `processes  ${processes} on one port, 100 connections for ${duration} s: ${round(result.requests.average, 0)} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${results[`${prefix}Errors`]} errors; ${captured.sent} questions captured meanwhile (${captured.failed} failed, ${results[`${prefix}Lost`]} lost), index drift ${results[`${prefix}IndexDrift`]}`,
        );
      } finally {
        await running.stop();
      }
    }
    results.processesSpeedup = round(
      results.processes2RequestsPerSecond! / Math.max(results.processes1RequestsPerSecond!, 1),
    );
    console.log(`           two processes serve ${results.processesSpeedup}× the requests of one`);
    return results;
  } finally {
    await handle.close();
    await meili.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}
