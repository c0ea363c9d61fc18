import { desc, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog, type AuditEntry } from '../schema/audit.ts';

export interface AuditInput {
  actorId: string | null;
  actorEmail: string;
  action: string;
  entity: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
  /** When it happened, as coarse as the action needs; now when absent. */
  at?: Date;
}

export async function insertAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} });
}

/** Where a page of the log ends: the next page starts after this entry. */
export interface AuditCursor {
  at: Date;
  id: string;
}

/**
 * Newest first; `after` pages back. Many entries share a time (captures are logged by their week),
 * so the page boundary is an entry, not a time.
 */
export function listAudit(
  db: Db,
  params: { limit: number; after?: AuditCursor },
): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(
      params.after
        ? sql`(${auditLog.at}, ${auditLog.id}) < (${params.after.at.toISOString()}::timestamptz, ${params.after.id}::uuid)`
        : undefined,
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(params.limit);
}
