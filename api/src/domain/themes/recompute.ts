// Keeping questions grouped into themes: a full recompute (background job and CLI), and the
// assignment of each new question to its nearest theme at capture.
import {
  assignQuestionsToTheme,
  deleteThemes,
  enqueueSearchChanges,
  insertTheme,
  questionsForThemes,
  unpinnedThemeIds,
  type Db,
} from '@kb/db';
import { sql } from 'drizzle-orm';
import { clusterByThreshold } from './cluster.ts';
import { describeThemes } from './describe.ts';
import { TfidfRepresentation, type SparseVector } from './vectors.ts';

/** Questions at least this alike (cosine of TF-IDF with word pairs) belong to one theme. */
export const THEME_SIMILARITY_THRESHOLD = 0.25;

// Any constant shared by every process: only one recompute runs at a time.
const RECOMPUTE_LOCK = 7_301_921;

export interface RecomputeReport {
  questions: number;
  themes: number;
  pinnedQuestions: number;
  seconds: number;
}

/** Rebuilds every unpinned theme from scratch; questions in pinned themes stay where they are. */
export async function recomputeThemes(db: Db): Promise<RecomputeReport> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RECOMPUTE_LOCK})`);
    const rows = await questionsForThemes(tx);
    const free = rows.filter((r) => !r.pinned);
    const representation = new TfidfRepresentation({ minDocumentFrequency: 1 });
    representation.fit(rows.map((r) => r.text));
    const vectors = free.map((r) => representation.embed(r.text));
    const assignment = clusterByThreshold(vectors, THEME_SIMILARITY_THRESHOLD);
    const described = describeThemes(
      free.map((r) => r.text),
      vectors,
      assignment,
    );

    await deleteThemes(tx, await unpinnedThemeIds(tx));
    for (const theme of described) {
      const created = await insertTheme(tx, {
        label: theme.label,
        keywords: theme.keywords,
        centralQuestionId: free[theme.central]!.id,
      });
      await assignQuestionsToTheme(
        tx,
        created.id,
        theme.members.map((i) => free[i]!.id),
      );
    }
    // Search documents carry how recurrent each question's theme is.
    await enqueueSearchChanges(
      tx,
      rows.map((r) => r.id),
      'upsert',
    );
    return {
      questions: rows.length,
      themes: described.length,
      pinnedQuestions: rows.length - free.length,
      seconds: (performance.now() - started) / 1000,
    };
  });
}

interface ThemeModel {
  representation: TfidfRepresentation;
  /** Unnormalised sum of member vectors per theme, and its length. */
  centroids: Map<string, { sum: Map<number, number>; norm: number }>;
}

/**
 * Places new questions in the nearest existing theme, or opens a theme of their own. The model is
 * built once from the database and kept; a recompute or a curation makes it stale, so `reset()`.
 */
export class ThemeAssigner {
  private model: ThemeModel | undefined;

  reset(): void {
    this.model = undefined;
  }

  private async load(db: Db): Promise<ThemeModel> {
    if (this.model) return this.model;
    const rows = await questionsForThemes(db);
    const representation = new TfidfRepresentation({ minDocumentFrequency: 1 });
    representation.fit(rows.map((r) => r.text));
    const centroids = new Map<string, { sum: Map<number, number>; norm: number }>();
    for (const row of rows) {
      if (row.themeId) addTo(centroids, row.themeId, representation.embed(row.text));
    }
    this.model = { representation, centroids };
    return this.model;
  }

  /** Returns the theme each question landed in. */
  async assign(
    db: Db,
    questions: readonly { id: string; text: string }[],
  ): Promise<Map<string, string>> {
    const model = await this.load(db);
    const placed = new Map<string, string>();
    for (const question of questions) {
      const vector = model.representation.embed(question.text);
      let bestTheme: string | undefined;
      let bestScore = THEME_SIMILARITY_THRESHOLD;
      for (const [themeId, centroid] of model.centroids) {
        let score = 0;
        vector.ids.forEach((id, k) => (score += vector.weights[k]! * (centroid.sum.get(id) ?? 0)));
        score = centroid.norm > 0 ? score / centroid.norm : 0;
        if (score >= bestScore) {
          bestScore = score;
          bestTheme = themeId;
        }
      }
      if (!bestTheme) {
        const [own] = describeThemes([question.text], [vector], [0]);
        bestTheme = (
          await insertTheme(db, {
            label: own!.label,
            keywords: own!.keywords,
            centralQuestionId: question.id,
          })
        ).id;
      }
      await assignQuestionsToTheme(db, bestTheme, [question.id]);
      addTo(model.centroids, bestTheme, vector);
      placed.set(question.id, bestTheme);
    }
    return placed;
  }
}

function addTo(
  centroids: Map<string, { sum: Map<number, number>; norm: number }>,
  themeId: string,
  vector: SparseVector,
) {
  const centroid = centroids.get(themeId) ?? { sum: new Map<number, number>(), norm: 0 };
  vector.ids.forEach((id, k) =>
    centroid.sum.set(id, (centroid.sum.get(id) ?? 0) + vector.weights[k]!),
  );
  let norm = 0;
  for (const w of centroid.sum.values()) norm += w * w;
  centroid.norm = Math.sqrt(norm);
  centroids.set(themeId, centroid);
}
