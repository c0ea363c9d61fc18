// Accounts: creation with argon2id hashes of strong passwords, changes that keep at least one admin.
import {
  countUsers,
  deleteUser,
  deleteUserSessions,
  findUser,
  insertUser,
  updateUser,
  type Db,
  type PublicUser,
  type Role,
} from '@kb/db';
import { actorOf, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError, isUniqueViolation, notFound } from './errors.ts';
import { hashPassword, passwordWeakness } from './passwords.ts';
import { verifyAccountPassword } from './sign-in.ts';

export async function createUser(
  db: Db,
  input: { email: string; password: string; role: Role },
  actor: Actor,
): Promise<PublicUser> {
  const passwordHash = await hashChosenPassword(input.password, input.email, 'body.password');
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, {
      email: input.email.toLowerCase(),
      passwordHash,
      role: input.role,
    });
    if (!user) throw emailTaken();
    await audit(tx, actor, 'user.create', {
      entity: 'user',
      id: user.id,
      detail: { role: user.role },
    });
    return user;
  });
}

export async function changeUser(
  db: Db,
  id: string,
  patch: { email?: string; password?: string; role?: Role },
  actor: Actor,
): Promise<PublicUser> {
  let passwordHash: string | undefined;
  if (patch.password) {
    const email = patch.email ?? (await findUser(db, id))?.email;
    if (!email) throw notFound('The user');
    passwordHash = await hashChosenPassword(patch.password, email, 'body.password');
  }
  return db.transaction(async (tx) => {
    const before = await findUser(tx, id);
    if (!before) throw notFound('The user');
    if (patch.role && patch.role !== 'admin' && before.role === 'admin') await keepOneAdmin(tx);
    let updated: PublicUser | undefined;
    try {
      updated = await updateUser(tx, id, {
        ...(patch.email ? { email: patch.email.toLowerCase() } : {}),
        ...(patch.role ? { role: patch.role } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    // A new password or a lower role ends the sessions opened under the old ones.
    if (passwordHash || (patch.role && patch.role !== before.role))
      await deleteUserSessions(tx, id);
    await audit(tx, actor, 'user.update', {
      entity: 'user',
      id,
      detail: { fields: Object.keys(patch), ...(patch.role ? { role: patch.role } : {}) },
    });
    return updated!;
  });
}

/**
 * The signed-in user replaces their own password. The current one must be given, and a wrong one
 * counts toward the account's sign-in limit like a wrong sign-in. Every session of the user ends;
 * the caller opens a new one for the browser that made the change.
 */
export async function changeOwnPassword(
  db: Db,
  user: PublicUser,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  if (!(await verifyAccountPassword(db, user.email, input.currentPassword, now))) {
    throw new AppError('validation', 400, 'The current password is not right.', [
      { path: 'body.currentPassword', message: 'is not your current password' },
    ]);
  }
  const passwordHash = await hashChosenPassword(input.newPassword, user.email, 'body.newPassword');
  await db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await deleteUserSessions(tx, user.id);
    await audit(tx, actorOf(user), 'user.update', {
      entity: 'user',
      id: user.id,
      detail: { fields: ['password'] },
    });
  });
}

export async function removeUser(db: Db, id: string, actor: Actor): Promise<void> {
  if (actor.id === id) throw new AppError('conflict', 409, 'You cannot delete your own account.');
  await db.transaction(async (tx) => {
    const user = await findUser(tx, id);
    if (!user) throw notFound('The user');
    if (user.role === 'admin') await keepOneAdmin(tx);
    await deleteUser(tx, id);
    await audit(tx, actor, 'user.delete', { entity: 'user', id });
  });
}

async function keepOneAdmin(db: Db) {
  if ((await countUsers(db, 'admin')) <= 1) {
    throw new AppError('conflict', 409, 'The last admin cannot lose the admin role.');
  }
}

/** Hashes a password somebody chose, once it is long enough and hard to guess for the account. */
async function hashChosenPassword(password: string, email: string, field: string) {
  const weakness = passwordWeakness(password, email);
  if (weakness) {
    throw new AppError('validation', 400, weakness.detail, [
      { path: field, message: weakness.message },
    ]);
  }
  return hashPassword(password);
}

const emailTaken = () =>
  new AppError('conflict', 409, 'A user with this email exists already.', [
    { path: 'body.email', message: 'is taken' },
  ]);
