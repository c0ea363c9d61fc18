import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { Role } from '../constants.ts';
import { sessions, users, type User } from '../schema/users.ts';

/** A user as other code may see it: never the password hash. */
export type PublicUser = Pick<User, 'id' | 'email' | 'role' | 'createdAt'>;

const publicColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  createdAt: users.createdAt,
};

export function listUsers(db: Db): Promise<PublicUser[]> {
  return db.select(publicColumns).from(users).orderBy(asc(users.email));
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function findUser(db: Db, id: string): Promise<PublicUser | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row;
}

/** Returns undefined when the email is taken. */
export async function insertUser(
  db: Db,
  input: { email: string; passwordHash: string; role: Role },
): Promise<PublicUser | undefined> {
  const [row] = await db
    .insert(users)
    .values(input)
    .onConflictDoNothing({ target: users.email })
    .returning(publicColumns);
  return row;
}

export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<{ email: string; passwordHash: string; role: Role }>,
): Promise<PublicUser | undefined> {
  const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning(publicColumns);
  return row;
}

export async function deleteUser(db: Db, id: string): Promise<PublicUser | undefined> {
  const [row] = await db.delete(users).where(eq(users.id, id)).returning(publicColumns);
  return row;
}

export async function countUsers(db: Db, role?: Role): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(role ? eq(users.role, role) : undefined);
  return row?.n ?? 0;
}

export async function insertSession(
  db: Db,
  input: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(input);
}

/** The user behind a live session, or undefined when it is unknown or expired. */
export async function findSessionUser(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<(PublicUser & { expiresAt: Date }) | undefined> {
  const [row] = await db
    .select({ ...publicColumns, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
