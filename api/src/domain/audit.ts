// The audit log: who created, changed, deleted, imported or exported what. Every service writes its
// row through `audit`, in the transaction of the change it records (an export, which changes
// nothing, writes it alone), so each row names its actor the same way and says what happened in
// ids, counts, slugs and field names.
import { insertAudit, type Db } from '@kb/db';
import type { Actor } from './actor.ts';

/** Every action the log records; admins read the log by these names. */
export const auditActions = [
  'meeting.create',
  'question.update',
  'question.delete',
  'category.create',
  'category.update',
  'category.delete',
  'roster.add',
  'roster.remove',
  'user.create',
  'user.update',
  'user.delete',
  'answer.save',
  'pack.create',
  'pack.update',
  'pack.delete',
  'event.create',
  'event.update',
  'event.delete',
  'theme.update',
  'theme.merge',
  'theme.split',
  'theme.recompute',
  'import',
  'export',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEntity =
  'meeting' | 'question' | 'category' | 'roster' | 'user' | 'theme' | 'pack' | 'event';

export interface AuditSubject {
  entity: AuditEntity;
  /** The row acted on; absent when the action covers many (an import, an export of everything). */
  id?: string;
  /**
   * Ids, counts, slugs and field names. Never a text a person typed (a question, a name on the
   * roster, a pack's name) nor a date finer than a week: nothing redacts or coarsens what goes
   * in here, and admins read it.
   */
  detail?: Record<string, unknown>;
}

/**
 * Actions that tell when a 1:1 happened: they are logged at the start of their week (UTC), as
 * coarse as the questions' own time, so the log cannot date a meeting more finely than the product.
 */
const LOGGED_BY_WEEK: ReadonlySet<AuditAction> = new Set(['meeting.create', 'import']);

function startOfWeek(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

export function audit(
  db: Db,
  actor: Actor,
  action: AuditAction,
  subject: AuditSubject,
): Promise<void> {
  return insertAudit(db, {
    actorId: actor.id,
    actorEmail: actor.email,
    action,
    entity: subject.entity,
    entityId: subject.id ?? null,
    detail: subject.detail ?? {},
    ...(LOGGED_BY_WEEK.has(action) ? { at: startOfWeek(new Date()) } : {}),
  });
}
