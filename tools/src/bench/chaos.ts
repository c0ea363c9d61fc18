// Load and faults on loopback: mixed reads under 200 connections, Meilisearch killed during 1,000
// captures, Meilisearch frozen (SIGSTOP) for 20 s while people read and capture, the product's own
// engine killed outright, Postgres connections terminated mid-load. Prints a table, then one JSON
// object.
//   npm run chaos -- [--quick]
import type autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { outboxLag, queryRows } from '@kb/db';
import { generateQuestions } from './dataset.ts';
import {
  percentile,
  round,
  runLoadScript,
  startStack,
  waitForOutbox,
  type Stack,
} from './setup.ts';

const quick = process.argv.includes('--quick');
const results: Record<string, number | boolean> = {};

async function capture(
  stack: Stack,
  questions: { text: string; categories: string[]; week: string }[],
) {
  const response = await fetch(`${stack.baseUrl}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: stack.cookie },
    body: JSON.stringify({
      heldOn: questions[0]!.week,
      questions: questions.map(({ text, categories }) => ({ text, categories })),
    }),
  });
  return response;
}

async function seed(stack: Stack, count: number) {
  const all = [...generateQuestions(count, 7)];
  for (let i = 0; i < all.length; i += 5) await capture(stack, all.slice(i, i + 5));
}

async function load(stack: Stack) {
  // Steady state: reads measured once the seeded captures are in the index.
  stack.app.searchSync?.nudge();
  await waitForOutbox(stack.handle.db);
  const paths = [
    '/api/search?q=career',
    '/api/search?q=priorites&category=priorities',
    '/api/search?q=',
    '/api/questions?limit=20',
    '/api/questions?category=diversity',
    '/api/trends?by=category&bucket=month',
    '/api/themes',
  ];
  const run = async (coldSearches: boolean) =>
    JSON.parse(
      await runLoadScript('./load.ts', {
        url: stack.baseUrl,
        cookie: stack.cookie,
        paths,
        coldSearches,
        connections: 200,
        duration: quick ? 10 : 30,
      }),
    ) as autocannon.Result;
  const report = (name: string, result: autocannon.Result) =>
    console.log(
      `${name.padEnd(10)}${result.requests.total} requests in ${result.duration} s, ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );

  const result = await run(false);
  results.loadErrors = result.errors + result.timeouts + result.non2xx;
  results.loadP99Ms = result.latency.p99;
  results.loadRequests = result.requests.total;
  report('load', result);

  // The same mix with no search asked twice: every search goes to the engine, none is a kept
  // answer.
  const cold = await run(true);
  results.loadColdSearchErrors = cold.errors + cold.timeouts + cold.non2xx;
  results.loadColdSearchP99Ms = cold.latency.p99;
  report('load cold', cold);
}

async function killSearchDuringCaptures(stack: Stack) {
  const total = quick ? 250 : 1000;
  const questions = [...generateQuestions(total, 99)].map((q, i) => ({
    ...q,
    text: `${q.text} [outage ${i}]`,
  }));
  let failed = 0;
  for (let i = 0; i < questions.length; i += 5) {
    if (i === Math.floor(total / 10 / 5) * 5) await stack.meili.kill();
    const response = await capture(stack, questions.slice(i, i + 5));
    if (response.status !== 201) failed += 5;
  }
  const [row] = (await stack.handle.db.execute(
    sql`select count(*)::int as n from questions where text like '%[outage %'`,
  )) as unknown as { n: number }[];
  const stored = row?.n ?? 0;
  await stack.meili.restart();
  const restarted = performance.now();
  let indexed = 0;
  while (performance.now() - restarted < 120_000) {
    const lag = await outboxLag(stack.handle.db);
    const stats = await stack.search
      .index()
      .getStats()
      .catch(() => null);
    indexed = stats?.numberOfDocuments ?? 0;
    if (lag.pending === 0 && indexed >= stored) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  results.lostCaptures = total - stored + failed;
  results.catchUpSeconds = round((performance.now() - restarted) / 1000, 1);
  console.log(
    `meili     ${total} captures with the engine killed: ${failed} failed, ${stored} stored, index caught up ${results.catchUpSeconds} s after restart`,
  );
}

/** Questions stored whose text carries the marker, and documents the index holds. */
async function storedAndIndexed(stack: Stack, marker: string) {
  const [row] = await queryRows<{ n: number }>(
    stack.handle.db,
    sql`select count(*)::int as n from questions where text like ${`%${marker}%`}`,
  );
  const lag = await outboxLag(stack.handle.db);
  const stats = await stack.search
    .index()
    .getStats()
    .catch(() => null);
  return { stored: row?.n ?? 0, pending: lag.pending, indexed: stats?.numberOfDocuments ?? 0 };
}

/** Waits (at most two minutes) until the outbox is empty and the index holds every question. */
async function catchUp(stack: Stack): Promise<number> {
  const started = performance.now();
  const [all] = await queryRows<{ n: number }>(
    stack.handle.db,
    sql`select count(*)::int as n from questions`,
  );
  stack.app.searchSync?.nudge();
  while (performance.now() - started < 120_000) {
    const state = await storedAndIndexed(stack, '');
    if (state.pending === 0 && state.indexed >= (all?.n ?? 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return round((performance.now() - started) / 1000, 1);
}

/**
 * People read and capture while the engine is frozen: three readers and one capturer, as fast as
 * the answers come, for the length of the freeze. Reads must answer within a second (Postgres
 * answers searches, flagged), no answer may be a 5xx, and nothing captured may be lost.
 */
async function freezeSearchDuringUse(stack: Stack, label: string) {
  const seconds = quick ? 8 : 20;
  const reads = [
    '/api/search?q=career',
    '/api/search?q=priorites&category=priorities',
    '/api/questions?limit=20',
    '/api/trends?by=category&bucket=month',
    '/api/themes',
  ];
  const marker = `[${label} freeze]`;
  const questions = [...generateQuestions(2000, 4242)].map((q, i) => ({
    ...q,
    text: `${q.text} ${marker} ${i}`,
  }));
  const readMs: number[] = [];
  let fiveXx = 0;
  let sent = 0;
  let failed = 0;
  stack.meili.pause();
  const until = performance.now() + seconds * 1000;
  try {
    const readers = Array.from({ length: 3 }, async (_, r) => {
      for (let i = 0; performance.now() < until && i < 100_000; i++) {
        const started = performance.now();
        const response = await fetch(`${stack.baseUrl}${reads[(i + r) % reads.length]}`, {
          headers: { cookie: stack.cookie },
        });
        await response.arrayBuffer();
        readMs.push(performance.now() - started);
        if (response.status >= 500) fiveXx++;
      }
    });
    const capturer = (async () => {
      for (let i = 0; performance.now() < until && i + 5 <= questions.length; i += 5) {
        const response = await capture(stack, questions.slice(i, i + 5));
        sent += 5;
        if (response.status >= 500) fiveXx++;
        if (response.status !== 201) failed += 5;
      }
    })();
    await Promise.all([...readers, capturer]);
  } finally {
    stack.meili.resume();
  }
  const catchUpSeconds = await catchUp(stack);
  const { stored } = await storedAndIndexed(stack, marker);
  const key = `${label}Freeze`;
  results[`${key}ReadMaxMs`] = round(Math.max(0, ...readMs));
  results[`${key}ReadP99Ms`] = round(percentile(readMs, 99));
  results[`${key}Reads`] = readMs.length;
  results[`${key}5xx`] = fiveXx;
  results[`${key}Lost`] = sent - stored;
  results[`${key}CatchUpSeconds`] = catchUpSeconds;
  console.log(
    `${`freeze`.padEnd(10)}${label}: Meilisearch stopped (SIGSTOP) ${seconds} s: ${readMs.length} reads, slowest ${results[`${key}ReadMaxMs`]} ms (p99 ${results[`${key}ReadP99Ms`]} ms), ${fiveXx} × 5xx; ${sent} captured, ${failed} refused, ${sent - stored} lost; index caught up ${catchUpSeconds} s after it resumed`,
  );
}

/**
 * The embedded default (PGlite and the product's own Meilisearch): the engine frozen while people
 * read and capture, then killed outright (SIGKILL from outside) while they capture: the product
 * starts it again and the index catches up with what was captured meanwhile.
 */
async function faultEmbeddedEngine() {
  const embedded = await startStack({ embedded: true });
  try {
    await seed(embedded, quick ? 100 : 500);
    await catchUp(embedded);
    await freezeSearchDuringUse(embedded, 'embedded');
    const marker = '[embedded crash]';
    const questions = [...generateQuestions(quick ? 100 : 250, 77)].map((q, i) => ({
      ...q,
      text: `${q.text} ${marker} ${i}`,
    }));
    const killed = performance.now();
    embedded.meili.crash();
    let fiveXx = 0;
    for (let i = 0; i < questions.length; i += 5) {
      const response = await capture(embedded, questions.slice(i, i + 5));
      if (response.status >= 500) fiveXx++;
      const read = await fetch(`${embedded.baseUrl}/api/search?q=career`, {
        headers: { cookie: embedded.cookie },
      });
      await read.arrayBuffer();
      if (read.status >= 500) fiveXx++;
    }
    await catchUp(embedded);
    const { stored } = await storedAndIndexed(embedded, marker);
    const status = embedded.meili.status();
    results.crashRestarts = status.restarts;
    results.crash5xx = fiveXx;
    results.crashLost = questions.length - stored;
    results.crashCaughtUpSeconds = round((performance.now() - killed) / 1000, 1);
    console.log(
      `crash     the product's own Meilisearch killed: restarted ${status.restarts} time(s), running ${status.running}; ${questions.length} captured meanwhile, ${results.crashLost} lost, ${fiveXx} × 5xx; index caught up ${results.crashCaughtUpSeconds} s after the kill`,
    );
  } finally {
    await embedded.close();
  }
}

async function terminatePostgres(stack: Stack) {
  const statuses = new Map<number, number>();
  const badBodies: string[] = [];
  const questions = [...generateQuestions(quick ? 200 : 500, 5)];
  const admin = stack.handle.db;
  let stop = false;
  const killer = (async () => {
    for (let round = 0; round < 5 && !stop; round++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await admin
        .execute(
          sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        )
        .catch(() => undefined);
    }
  })();
  const workers = Array.from({ length: 8 }, async (_, w) => {
    for (let i = w * 5; i < questions.length; i += 40) {
      const response = await capture(stack, questions.slice(i, i + 5)).catch((error: unknown) => {
        // No answer at all is a failure too: the API must answer 503 while Postgres is away.
        badBodies.push(
          `no answer: ${error instanceof Error ? String(error.cause ?? error) : error}`,
        );
        return null;
      });
      const status = response?.status ?? 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (response && status >= 500 && status !== 503) badBodies.push(await response.text());
      if (
        response &&
        status === 503 &&
        !(response.headers.get('content-type') ?? '').startsWith('application/problem+json')
      ) {
        badBodies.push('503 without problem+json');
      }
    }
  });
  await Promise.all(workers);
  stop = true;
  await killer;
  // Recovered: health answers and a capture goes through, without restarting anything.
  let recovered = false;
  for (let attempt = 0; attempt < 50 && !recovered; attempt++) {
    const health = await fetch(`${stack.baseUrl}/api/health`).catch(() => null);
    const probe = health?.ok ? await capture(stack, [...generateQuestions(1, 1234)]) : null;
    recovered = probe?.status === 201;
    if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The benchmark's own pool may still hold a connection the terminations closed while it idled:
  // its first query fails, and the next one opens a fresh connection.
  let half: { n: number } | undefined;
  for (let attempt = 0; attempt < 3 && !half; attempt++) {
    const rows = (await admin
      .execute(
        sql`
    select count(*)::int as n from meetings m
    where (select count(*) from questions q where q.meeting_id = m.id) not in (1, 5)`,
      )
      .catch(() => null)) as unknown as { n: number }[] | null;
    half = rows?.[0];
  }
  results.pgRecovered = recovered && badBodies.length === 0;
  for (const body of new Set(badBodies)) console.log(`          ${body.slice(0, 300)}`);
  results.halfWrittenMeetings = half?.n ?? -1;
  results.pgUnavailableAnswers = statuses.get(503) ?? 0;
  console.log(
    `postgres  captures during terminations: ${JSON.stringify(Object.fromEntries(statuses))}; recovered ${recovered}; other 5xx or no answer ${badBodies.length}; half-written meetings ${results.halfWrittenMeetings}`,
  );
}

const stack = await startStack();
try {
  console.log(`Chaos on 127.0.0.1${quick ? ' (quick)' : ''}`);
  await seed(stack, quick ? 500 : 2000);
  await load(stack);
  await killSearchDuringCaptures(stack);
  await freezeSearchDuringUse(stack, 'postgres');
  await terminatePostgres(stack);
} finally {
  await stack.close();
}
await faultEmbeddedEngine();
console.log(JSON.stringify(results));
