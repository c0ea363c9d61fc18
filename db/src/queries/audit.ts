import { desc, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog, type AuditEntry } from '../schema/audit.ts';

export interface AuditInput {
  actorId: string | null;
  actorEmail: string;
  action: string;
  entity: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

export async function insertAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} });
}

/** Newest first; `before` pages back in time. */
export function listAudit(db: Db, params: { limit: number; before?: Date }): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(params.before ? lt(auditLog.at, params.before) : undefined)
    .orderBy(desc(auditLog.at))
    .limit(params.limit);
}
