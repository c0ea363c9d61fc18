import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { DataVersionName } from '../constants.ts';
import { dataVersions } from '../schema/versions.ts';

/** The current value of one data version. */
export async function dataVersion(db: Db, name: DataVersionName): Promise<number> {
  const [row] = await db
    .select({ version: dataVersions.version })
    .from(dataVersions)
    .where(eq(dataVersions.name, name));
  return row?.version ?? 0;
}

/** Moves a data version on and returns the new one. Run in the transaction that changed the data. */
export async function bumpDataVersion(db: Db, name: DataVersionName): Promise<number> {
  const [row] = await db
    .update(dataVersions)
    .set({ version: sql`${dataVersions.version} + 1` })
    .where(eq(dataVersions.name, name))
    .returning({ version: dataVersions.version });
  return row?.version ?? 0;
}
