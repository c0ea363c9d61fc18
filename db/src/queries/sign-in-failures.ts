import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { signInFailures, type SignInFailures } from '../schema/sign-in-failures.ts';

type FailureCount = Pick<SignInFailures, 'failures' | 'lastFailureAt'>;

const countColumns = {
  failures: signInFailures.failures,
  lastFailureAt: signInFailures.lastFailureAt,
};

export async function findSignInFailures(
  db: Db,
  accountKey: string,
): Promise<FailureCount | undefined> {
  const [row] = await db
    .select(countColumns)
    .from(signInFailures)
    .where(eq(signInFailures.accountKey, accountKey));
  return row;
}

/**
 * Counts one more failure in a single statement, so processes failing at once never lose one; a
 * count whose last failure is older than `forgetBefore` starts again at one.
 */
export async function recordSignInFailure(
  db: Db,
  accountKey: string,
  now: Date,
  forgetBefore: Date,
): Promise<FailureCount> {
  const [row] = await db
    .insert(signInFailures)
    .values({ accountKey, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInFailures.accountKey,
      set: {
        failures: sql`case when ${lt(signInFailures.lastFailureAt, forgetBefore)} then 1 else ${signInFailures.failures} + 1 end`,
        lastFailureAt: now,
      },
    })
    .returning(countColumns);
  return row!;
}

export async function clearSignInFailures(db: Db, accountKey: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.accountKey, accountKey));
}

export async function deleteStaleSignInFailures(db: Db, before: Date): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.lastFailureAt, before));
}
