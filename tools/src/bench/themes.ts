// Benchmark: recomputing themes over 10,000 and 100,000 questions, and placing one new question in
// its theme.
import { randomBytes, randomUUID } from 'node:crypto';
import { recomputeThemes, ThemeAssigner } from '@kb/api';
import {
  createDb,
  insertMeeting,
  insertMeetingsInBulk,
  insertQuestions,
  insertQuestionsInBulk,
  type DbHandle,
} from '@kb/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { generateQuestions } from './dataset.ts';

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function openDatabase(): Promise<{
  handle: DbHandle;
  kind: string;
  drop: () => Promise<void>;
}> {
  const admin = postgres(server, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin`select 1`;
  } catch {
    await admin.end({ timeout: 1 }).catch(() => {});
    const handle = createDb({ kind: 'pglite', dataDir: null });
    await handle.migrate();
    return { handle, kind: 'PGlite (no Postgres server answered)', drop: () => handle.close() };
  }
  const name = `kb_bench_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = createDb({ kind: 'postgres', url: url.toString() });
  await handle.migrate();
  return {
    handle,
    kind: 'Postgres',
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function load(handle: DbHandle, count: number) {
  // Five questions a meeting, written in bulk: the benchmark is about themes, not capture.
  const questions = [...generateQuestions(count)];
  const meetings = questions
    .filter((_, i) => i % 5 === 0)
    .map((q) => ({ id: randomUUID(), week: q.week }));
  await handle.db.transaction(async (tx) => {
    await insertMeetingsInBulk(tx, meetings);
    await insertQuestionsInBulk(
      tx,
      questions.map((q, i) => ({
        id: randomUUID(),
        meetingId: meetings[Math.floor(i / 5)]!.id,
        text: q.text,
        week: meetings[Math.floor(i / 5)]!.week,
      })),
    );
  });
}

export async function benchThemes(quick: boolean): Promise<Record<string, number>> {
  const { handle, kind, drop } = await openDatabase();
  const results: Record<string, number> = {};
  const sizes = quick ? [2_000] : [10_000, 100_000];
  console.log(`Themes benchmark on ${kind}`);
  console.log('questions  recompute s  themes  assign one ms (median of 21)');
  try {
    for (const size of sizes) {
      await handle.db.execute(sql`truncate meetings, themes, search_outbox cascade`);
      await load(handle, size);
      const report = await recomputeThemes(handle.db);
      const assigner = new ThemeAssigner();
      // The model loaded once, as a running server has it; then placement as a capture runs it.
      const place = (questions: { id: string; text: string }[]) =>
        handle.db.transaction(async (tx) => assigner.place(tx, questions, await assigner.hold(tx)));
      await place([]);
      const timings: number[] = [];
      for (const [i, q] of [...generateQuestions(21, 7)].entries()) {
        const meeting = await insertMeeting(handle.db, q.week);
        const [question] = await insertQuestions(handle.db, [
          { meetingId: meeting.id, text: `${q.text} (${i})`, week: q.week },
        ]);
        const started = performance.now();
        (await place([{ id: question!.id, text: question!.text }])).commit();
        timings.push(performance.now() - started);
      }
      const median = timings.sort((a, b) => a - b)[10]!;
      console.log(
        `${String(size).padStart(9)}  ${report.seconds.toFixed(2).padStart(11)}  ${String(report.themes).padStart(6)}  ${median.toFixed(2)}`,
      );
      results[`recompute${size / 1000}kSeconds`] = Math.round(report.seconds * 100) / 100;
      results.assignMs = Math.round(median * 100) / 100;
    }
  } finally {
    await drop();
  }
  return results;
}
