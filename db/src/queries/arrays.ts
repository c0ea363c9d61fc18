// Lists sent as one parameter, and membership tests against them. drizzle's inArray sends one
// parameter per value, and a sync batch or an import holds thousands of ids.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Values that never hold a comma (uuids, days, whole numbers) as one comma-joined text parameter
 * that Postgres splits. An array parameter would have the driver escape every element, which
 * took a quarter of a second of an import of 100,000 rows.
 */
function joined(values: readonly string[], type: 'uuid' | 'date' | 'bigint'): SQL {
  if (values.some((value) => value.includes(','))) {
    throw new TypeError(`A ${type} list holds a value with a comma.`);
  }
  // An empty text splits into an empty array.
  return sql`string_to_array(${values.join(',')}::text, ',')::${sql.raw(type)}[]`;
}

/** A list of uuids as one parameter. */
export function uuidArray(ids: readonly string[]): SQL {
  return joined(ids, 'uuid');
}

/** A list of days (YYYY-MM-DD) as one parameter. */
export function dateArray(days: readonly string[]): SQL {
  return joined(days, 'date');
}

/** `column = any(ids)` for uuid columns. */
export function inUuids(column: AnyColumn | SQL, ids: readonly string[]): SQL {
  return sql`${column} = any(${uuidArray(ids)})`;
}

/** `column = any(ids)` for bigint columns. */
export function inBigints(column: AnyColumn | SQL, ids: readonly number[]): SQL {
  return sql`${column} = any(${joined(ids.map(String), 'bigint')})`;
}
