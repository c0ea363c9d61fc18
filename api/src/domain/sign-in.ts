// Password checks under a per-account limit on wrong passwords, counted in Postgres so that every
// app process sees the same count.
//
// The policy: four wrong passwords in a row cost nothing; the fifth pauses the account for 30
// seconds, and each further one (given after the pause) doubles it, up to 5 minutes. While paused,
// attempts are refused unchecked, so they neither extend the pause nor cost an argon2 verification.
// A count with no new failure for 15 minutes starts again; the right password clears it. A wrong
// password alone therefore never keeps an account closed for more than 5 minutes at a time, and
// the right one works as soon as the pause passes. Clients are limited separately, per address.
import { createHash } from 'node:crypto';
import {
  clearSignInFailures,
  deleteStaleSignInFailures,
  findSignInFailures,
  findUserByEmail,
  recordSignInFailure,
  type Db,
  type SignInFailures,
  type User,
} from '@kb/db';
import { AppError, RetryLaterError } from './errors.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';

const FREE_FAILURES = 4;
const FIRST_PAUSE_MS = 30_000;
const LONGEST_PAUSE_MS = 5 * 60_000;
const FAILURE_MEMORY_MS = 15 * 60_000;

/** How long the account pauses after its latest failure, in milliseconds; 0 for none. */
export function pauseAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (failures - FREE_FAILURES - 1));
}

/** When the account may be tried again, or null when it may be now. */
export function pausedUntil(
  count: Pick<SignInFailures, 'failures' | 'lastFailureAt'>,
  now: Date,
): Date | null {
  const until = new Date(count.lastFailureAt.getTime() + pauseAfter(count.failures));
  return until > now ? until : null;
}

/**
 * Failures are counted per normalised email whether or not an account has it, so a pause tells
 * nothing about which accounts exist; only a digest is stored.
 */
const accountKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

function accountPaused(until: Date, now: Date): RetryLaterError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new RetryLaterError(
    `Too many failed sign-ins for this account; try again in ${wait}.`,
    seconds,
  );
}

/**
 * The account with this email when the password is its own; null when it is wrong or no account
 * has the email (the same work is done either way). Throws while the account is paused.
 */
export async function verifyAccountPassword(
  db: Db,
  email: string,
  password: string,
  now: Date,
): Promise<User | null> {
  const key = accountKey(email);
  const count = await findSignInFailures(db, key);
  const until = count ? pausedUntil(count, now) : null;
  if (until) throw accountPaused(until, now);

  const user = await findUserByEmail(db, email.trim().toLowerCase());
  // Verify against a decoy when the email is unknown, so timing does not reveal accounts.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (user && valid) {
    if (count) await clearSignInFailures(db, key);
    return user;
  }
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS);
  await recordSignInFailure(db, key, now, forgetBefore);
  // Counts that would start again anyway are deleted, so emails tried once do not stay.
  await deleteStaleSignInFailures(db, forgetBefore);
  return null;
}

/** Signs in with an email and password: the account, or a 401 that is the same for every cause. */
export async function signIn(db: Db, email: string, password: string, now: Date): Promise<User> {
  const user = await verifyAccountPassword(db, email, password, now);
  if (!user) throw new AppError('unauthenticated', 401, 'Email or password is incorrect.');
  return user;
}
