import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rosterEntries, type RosterEntry } from '../schema/roster.ts';

export function listRoster(db: Db): Promise<RosterEntry[]> {
  return db.select().from(rosterEntries).orderBy(asc(rosterEntries.name));
}

/** Returns undefined when the name is on the roster already. */
export async function insertRosterEntry(db: Db, name: string): Promise<RosterEntry | undefined> {
  const [row] = await db
    .insert(rosterEntries)
    .values({ name })
    .onConflictDoNothing({ target: rosterEntries.name })
    .returning();
  return row;
}

export async function deleteRosterEntry(db: Db, id: string): Promise<RosterEntry | undefined> {
  const [row] = await db.delete(rosterEntries).where(eq(rosterEntries.id, id)).returning();
  return row;
}
