import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, queryRows, type DbHandle } from '../client.ts';
import { dateArray, inBigints, uuidArray } from './arrays.ts';

let handle: DbHandle;
beforeAll(async () => {
  handle = createDb({ kind: 'pglite', dataDir: null });
});
afterAll(() => handle.close());

const values = async (list: ReturnType<typeof uuidArray>) =>
  (await queryRows<{ v: string }>(handle.db, sql`select unnest(${list})::text as v`)).map(
    (r) => r.v,
  );

describe('list parameters', () => {
  it('send uuids and days as Postgres reads them, in order, and none as an empty list', async () => {
    const ids = Array.from({ length: 1000 }, () => randomUUID());
    expect(await values(uuidArray(ids))).toEqual(ids);
    expect(await values(dateArray(['2026-03-02', '1990-01-01']))).toEqual([
      '2026-03-02',
      '1990-01-01',
    ]);
    expect(await values(uuidArray([]))).toEqual([]);
  });

  it('test membership of bigints', async () => {
    const rows = await queryRows<{ n: string }>(
      handle.db,
      sql`select n::text from generate_series(1, 5) as n where ${inBigints(sql.raw('n'), [2, 4])}`,
    );
    expect(rows.map((r) => r.n)).toEqual(['2', '4']);
  });

  it('refuse a value with a comma rather than read it as two', () => {
    const two = `${randomUUID()},${randomUUID()}`;
    expect(() => uuidArray([two])).toThrow(/comma/);
  });

  it('refuse what is not a uuid, as an array parameter did', async () => {
    await expect(values(uuidArray(['not a uuid']))).rejects.toThrow();
  });
});
