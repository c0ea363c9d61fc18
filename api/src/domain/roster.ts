// The redaction roster: names redaction always removes. Adding or removing one moves the roster's
// data version (a trigger does it in the same statement), so every process's redactor recompiles
// before its next text.
import { deleteRosterEntry, insertRosterEntry, type Db, type RosterEntry } from '@kb/db';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError, notFound } from './errors.ts';

export async function addToRoster(db: Db, name: string, actor: Actor): Promise<RosterEntry> {
  return db.transaction(async (tx) => {
    const entry = await insertRosterEntry(tx, name);
    if (!entry) {
      throw new AppError('conflict', 409, 'This name is on the roster already.', [
        { path: 'body.name', message: 'is on the roster already' },
      ]);
    }
    // The audit log records that the roster changed, never the name itself.
    await audit(tx, actor, 'roster.add', { entity: 'roster', id: entry.id });
    return entry;
  });
}

export async function removeFromRoster(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteRosterEntry(tx, id))) throw notFound('The roster entry');
    await audit(tx, actor, 'roster.remove', { entity: 'roster', id });
  });
}
