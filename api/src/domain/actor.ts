import type { PublicUser } from '@kb/db';

/** Who is doing something, as the audit log records it. */
export interface Actor {
  id: string | null;
  email: string;
}

export const actorOf = (user: Pick<PublicUser, 'id' | 'email'>): Actor => ({
  id: user.id,
  email: user.email,
});

/** Work the product does by itself (seeding, CLI) is recorded under this name. */
export const systemActor: Actor = { id: null, email: 'system' };
