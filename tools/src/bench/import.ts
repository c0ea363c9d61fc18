// Benchmark: importing questions until all are searchable, beside the raw baseline of a Postgres
// COPY plus a direct Meilisearch add of the same rows.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { questionDocument } from '@kb/search';
import postgres from 'postgres';
import { importQuestions, systemActor } from '@kb/api';
import { generateQuestions } from './dataset.ts';
import { round, startStack, waitForOutbox } from './setup.ts';

export async function benchImport(quick: boolean): Promise<Record<string, number>> {
  const size = quick ? 10_000 : 100_000;
  const rows = [...generateQuestions(size, 21)];
  const csv = [
    'text,date,categories',
    ...rows.map((r) => `"${r.text.replace(/"/g, '""')}",${r.week},${r.categories.join(';')}`),
  ].join('\n');

  const stack = await startStack();
  try {
    // The product's path, as POST /api/import takes it: validate, redact and write a chunk at a
    // time, each written chunk sent to the engine while the next is redacted.
    const started = performance.now();
    const report = await importQuestions(
      stack.handle.db,
      stack.app.redactor,
      { format: 'csv', content: csv, dryRun: false },
      systemActor,
      { search: stack.search, onIndexed: () => stack.app.searchSync?.nudge() },
    );
    if (report.rejected.length > 0)
      throw new Error(`import rejected ${report.rejected.length} rows`);
    const written = performance.now();
    stack.app.searchSync?.nudge();
    if (!(await waitForOutbox(stack.handle.db, { intervalMs: 100, timeoutMs: 600_000 }))) {
      throw new Error('the import was not searchable within 10 minutes');
    }
    const importSeconds = (performance.now() - started) / 1000;
    const writeSeconds = (written - started) / 1000;

    // The baseline: COPY into a plain table and one direct add to a fresh index.
    const sqlClient = postgres(stack.databaseUrl!, { max: 1, onnotice: () => {} });
    const baselineStart = performance.now();
    await sqlClient`create table bench_copy (id uuid, text text, week date, categories text)`;
    const copy =
      await sqlClient`copy bench_copy (id, text, week, categories) from stdin`.writable();
    await pipeline(
      Readable.from(
        rows.map(
          (r) =>
            `${randomUUID()}\t${r.text.replace(/[\t\n\\]/g, ' ')}\t${r.week}\t${r.categories.join(';')}\n`,
        ),
      ),
      copy,
    );
    const docs = rows.map((r) =>
      questionDocument({
        id: randomUUID(),
        text: r.text,
        week: r.week,
        status: 'open',
        categories: r.categories.map((c) => ({ slug: c, name: c })),
      }),
    );
    await stack.search.ensureIndex('bench_raw');
    await stack.search.waitFor(
      stack.search.index('bench_raw').addDocuments(docs, { primaryKey: 'id' }),
      { timeoutMs: 900_000 },
    );
    const baselineSeconds = (performance.now() - baselineStart) / 1000;
    await sqlClient.end({ timeout: 5 });

    const result = {
      importSeconds: round(importSeconds, 1),
      importWriteSeconds: round(writeSeconds, 1),
      importBaselineSeconds: round(baselineSeconds, 1),
      importRatio: round(importSeconds / baselineSeconds),
    };
    console.log(
      `import     ${size} questions until searchable: ${result.importSeconds} s (${result.importWriteSeconds} s to validate, redact and write); COPY + raw add ${result.importBaselineSeconds} s; ratio ${result.importRatio} (target ≤ 1.5)`,
    );
    return result;
  } finally {
    await stack.close();
  }
}
