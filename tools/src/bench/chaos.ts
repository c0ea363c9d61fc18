// Load and faults on loopback: mixed reads under 200 connections, Meilisearch killed during 1,000
// captures, Postgres connections terminated mid-load. Prints a table, then one JSON object.
//   npm run chaos -- [--quick]
import type autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { outboxLag } from '@kb/db';
import { generateQuestions } from './dataset.ts';
import { round, runLoadScript, startStack, type Stack } from './setup.ts';

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
  while ((await outboxLag(stack.handle.db)).pending > 0) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const paths = [
    '/api/search?q=career',
    '/api/search?q=priorites&category=priorities',
    '/api/search?q=',
    '/api/questions?limit=20',
    '/api/questions?category=diversity',
    '/api/trends?by=category&bucket=month',
    '/api/themes',
  ];
  const settings = {
    url: stack.baseUrl,
    cookie: stack.cookie,
    paths,
    connections: 200,
    duration: quick ? 10 : 30,
  };
  const output = await runLoadScript('./load.ts', settings);
  const result = JSON.parse(output) as autocannon.Result;
  results.loadErrors = result.errors + result.timeouts + result.non2xx;
  results.loadP99Ms = result.latency.p99;
  results.loadRequests = result.requests.total;
  console.log(
    `load      ${result.requests.total} requests in ${result.duration} s, ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
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
  const [half] = (await admin.execute(sql`
    select count(*)::int as n from meetings m
    where (select count(*) from questions q where q.meeting_id = m.id) not in (1, 5)`)) as unknown as {
    n: number;
  }[];
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
  await terminatePostgres(stack);
} finally {
  await stack.close();
}
console.log(JSON.stringify(results));
