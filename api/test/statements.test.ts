// How the app talks to Postgres: statements with parameters are prepared once per connection, so
// statements sent together in a transaction travel together and run in the order sent.
import { createDb, dataVersion, queryRows, type DbHandle } from '@kb/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support.ts';

let database: TestDatabase;
let single: DbHandle | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  // One connection: what one statement prepared, the next one on the pool finds.
  if (database.url) single = createDb({ kind: 'postgres', url: database.url, maxConnections: 1 });
});
afterAll(async () => {
  await single?.close();
  await database.drop();
});

describe('statements', () => {
  it.runIf(inject('postgresServerUrl'))(
    'prepares statements with parameters, in and out of transactions',
    async () => {
      const db = single!.db;
      const prepared = async () =>
        (
          await queryRows<{ statement: string }>(
            db,
            sql`select statement from pg_prepared_statements`,
          )
        ).map((r) => r.statement);

      await dataVersion(db, 'roster');
      expect((await prepared()).some((s) => s.includes('data_versions'))).toBe(true);

      await db.transaction(async (tx) => {
        await tx.execute(sql`select ${'inside'}::text as marker`);
        await tx.transaction((savepoint) => savepoint.execute(sql`select ${2}::int as nested`));
      });
      const statements = await prepared();
      expect(statements.some((s) => s.includes('as marker'))).toBe(true);
      expect(statements.some((s) => s.includes('as nested'))).toBe(true);
    },
  );

  // As the query functions of @kb/db are written: async functions whose first step is the
  // statement. (A bare drizzle query is lazy: it starts only when awaited, so one passed straight to
  // Promise.all beside such functions would go out after them.)
  it('runs statements started together in a transaction in the order started', async () => {
    const db = (single ?? database.handle).db;
    const seen = await db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table sent_together (n int) on commit drop`);
      const insert = async (n: number) => {
        await tx.execute(sql`insert into sent_together values (${n})`);
      };
      const [, , rows, count] = await Promise.all([
        insert(1),
        insert(2),
        queryRows<{ n: number }>(tx, sql`select n from sent_together order by n`),
        queryRows<{ count: number }>(
          tx,
          sql`select count(*)::int as count from sent_together where n > ${0}`,
        ),
      ]);
      return { rows: rows.map((r) => r.n), count: count[0]!.count };
    });
    expect(seen).toEqual({ rows: [1, 2], count: 2 });
  });

  it('rolls the whole transaction back when one of the statements sent together fails', async () => {
    const db = (single ?? database.handle).db;
    await db.execute(sql`create table if not exists sent_together_kept (n int)`);
    await expect(
      db.transaction(async (tx) => {
        await Promise.all([
          tx.execute(sql`insert into sent_together_kept values (${1})`),
          tx.execute(sql`insert into sent_together_kept values (${'not a number'})`),
          tx.execute(sql`insert into sent_together_kept values (${3})`),
        ]);
      }),
    ).rejects.toThrow();
    const rows = await queryRows<{ n: number }>(db, sql`select n from sent_together_kept`);
    expect(rows).toEqual([]);
    // The connection is usable afterwards.
    expect(await dataVersion(db, 'roster')).toBeGreaterThanOrEqual(0);
  });
});
