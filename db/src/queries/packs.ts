import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { prepPackItems, prepPacks, type PrepPack, type PrepPackItem } from '../schema/packs.ts';

export async function insertPack(
  db: Db,
  input: { name: string; eventOn: string | null; createdBy: string | null },
): Promise<PrepPack> {
  const [row] = await db.insert(prepPacks).values(input).returning();
  return row!;
}

export function listPacks(db: Db): Promise<PrepPack[]> {
  return db.select().from(prepPacks).orderBy(desc(prepPacks.createdAt));
}

export async function findPack(db: Db, id: string): Promise<PrepPack | undefined> {
  const [row] = await db.select().from(prepPacks).where(eq(prepPacks.id, id));
  return row;
}

export async function updatePack(
  db: Db,
  id: string,
  patch: Partial<{ name: string; eventOn: string | null }>,
): Promise<PrepPack | undefined> {
  if (Object.keys(patch).length === 0) return findPack(db, id);
  const [row] = await db.update(prepPacks).set(patch).where(eq(prepPacks.id, id)).returning();
  return row;
}

export async function deletePack(db: Db, id: string): Promise<PrepPack | undefined> {
  const [row] = await db.delete(prepPacks).where(eq(prepPacks.id, id)).returning();
  return row;
}

export function packItems(db: Db, packId: string): Promise<PrepPackItem[]> {
  return db
    .select()
    .from(prepPackItems)
    .where(eq(prepPackItems.packId, packId))
    .orderBy(asc(prepPackItems.position));
}

export type PackItemInput = (
  { themeId: string; questionId?: undefined } | { questionId: string; themeId?: undefined }
) & { draftAnswer?: string };

/** Replaces the pack's items with this ordered list. */
export async function replacePackItems(
  db: Db,
  packId: string,
  items: readonly PackItemInput[],
): Promise<void> {
  await db.delete(prepPackItems).where(eq(prepPackItems.packId, packId));
  if (items.length === 0) return;
  await db.insert(prepPackItems).values(
    items.map((item, position) => ({
      packId,
      themeId: item.themeId ?? null,
      questionId: item.questionId ?? null,
      draftAnswer: item.draftAnswer ?? '',
      position,
    })),
  );
}
