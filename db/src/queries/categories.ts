import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { CategoryAxis } from '../constants.ts';
import { categories, type Category } from '../schema/categories.ts';
import { questionCategories } from '../schema/questions.ts';

export interface CategoryInput {
  slug: string;
  name: string;
  description?: string;
  colour: string;
  axis: CategoryAxis;
  position?: number;
}

export function listCategories(db: Db): Promise<Category[]> {
  return db
    .select()
    .from(categories)
    .orderBy(asc(categories.axis), asc(categories.position), asc(categories.name));
}

export function findCategoriesBySlugs(db: Db, slugs: readonly string[]): Promise<Category[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(categories)
    .where(inArray(categories.slug, [...slugs]));
}

export async function insertCategory(db: Db, input: CategoryInput): Promise<Category> {
  const [row] = await db.insert(categories).values(input).returning();
  return row!;
}

/** Inserts the categories whose slug is not there yet; existing ones are left as curated. */
export async function insertMissingCategories(
  db: Db,
  inputs: readonly CategoryInput[],
): Promise<number> {
  const rows = await db
    .insert(categories)
    .values([...inputs])
    .onConflictDoNothing({ target: categories.slug })
    .returning({ id: categories.id });
  return rows.length;
}

export async function updateCategory(
  db: Db,
  id: string,
  patch: Partial<CategoryInput>,
): Promise<Category | undefined> {
  const [row] = await db.update(categories).set(patch).where(eq(categories.id, id)).returning();
  return row;
}

export async function deleteCategory(db: Db, id: string): Promise<Category | undefined> {
  const [row] = await db.delete(categories).where(eq(categories.id, id)).returning();
  return row;
}

/** Ids of the questions tagged with a category, so their search documents can be refreshed. */
export async function questionIdsInCategory(db: Db, categoryId: string): Promise<string[]> {
  const rows = await db
    .select({ questionId: questionCategories.questionId })
    .from(questionCategories)
    .where(eq(questionCategories.categoryId, categoryId));
  return rows.map((r) => r.questionId);
}
