// The taxonomy: admins add, rename and remove categories; tagged questions get their search
// documents refreshed, since they carry category names.
import {
  deleteCategory,
  enqueueSearchChanges,
  insertCategory,
  questionIdsInCategory,
  updateCategory,
  type Category,
  type CategoryInput,
  type Db,
} from '@kb/db';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError, isUniqueViolation, notFound } from './errors.ts';

export async function addCategory(db: Db, input: CategoryInput, actor: Actor): Promise<Category> {
  return db.transaction(async (tx) => {
    const category = await insertCategory(tx, input).catch((error: unknown) => {
      throw isUniqueViolation(error) ? slugTaken() : error;
    });
    await audit(tx, actor, 'category.create', {
      entity: 'category',
      id: category.id,
      detail: { slug: category.slug },
    });
    return category;
  });
}

export async function changeCategory(
  db: Db,
  id: string,
  patch: Partial<CategoryInput>,
  actor: Actor,
): Promise<Category> {
  return db.transaction(async (tx) => {
    const category = await updateCategory(tx, id, patch).catch((error: unknown) => {
      throw isUniqueViolation(error) ? slugTaken() : error;
    });
    if (!category) throw notFound('The category');
    await enqueueSearchChanges(tx, await questionIdsInCategory(tx, id), 'upsert');
    await audit(tx, actor, 'category.update', {
      entity: 'category',
      id,
      detail: { fields: Object.keys(patch) },
    });
    return category;
  });
}

export async function removeCategory(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const tagged = await questionIdsInCategory(tx, id);
    const category = await deleteCategory(tx, id);
    if (!category) throw notFound('The category');
    await enqueueSearchChanges(tx, tagged, 'upsert');
    await audit(tx, actor, 'category.delete', {
      entity: 'category',
      id,
      detail: { slug: category.slug, untagged: tagged.length },
    });
  });
}

const slugTaken = () =>
  new AppError('conflict', 409, 'A category with this slug exists already.', [
    { path: 'body.slug', message: 'is taken' },
  ]);
