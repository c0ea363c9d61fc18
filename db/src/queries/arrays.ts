// Lists sent as one array parameter, and membership tests against them. drizzle's inArray sends one
// parameter per value, and a sync batch or an import holds thousands of ids.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** A list of uuids as one array parameter. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${sql.param([...ids])}::text[]::uuid[]`;
}

/** `column = any(ids)` for uuid columns. */
export function inUuids(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${uuidArray(ids)})`;
}

/** `column = any(ids)` for bigint columns. */
export function inBigints(column: AnyColumn, ids: readonly number[]): SQL {
  return sql`${column} = any(${sql.param(ids.map(String))}::text[]::bigint[])`;
}
