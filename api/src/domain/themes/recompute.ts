// Keeping questions grouped into themes: a full recompute (background job and CLI), and the
// assignment of each new question to its nearest theme at capture.
import { randomUUID } from 'node:crypto';
import {
  deleteThemes,
  enqueueSearchChangesInBulk,
  insertTheme,
  insertThemesInBulk,
  questionsForThemes,
  setQuestionThemes,
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

    // New themes first, then their members, then the old themes: each question is written once.
    const stale = await unpinnedThemeIds(tx);
    const created = described.map((theme) => ({
      id: randomUUID(),
      label: theme.label,
      keywords: theme.keywords,
      centralQuestionId: free[theme.central]!.id,
    }));
    await insertThemesInBulk(tx, created);
    await setQuestionThemes(
      tx,
      described.flatMap((theme, t) =>
        theme.members.map((i) => ({ questionId: free[i]!.id, themeId: created[t]!.id })),
      ),
    );
    await deleteThemes(tx, stale);
    // Search documents carry how recurrent each question's theme is.
    await enqueueSearchChangesInBulk(
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
  centroids: Map<string, Centroid>;
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
    const centroids = new Map<string, Centroid>();
    for (const row of rows) {
      if (row.themeId) addTo(centroids, row.themeId, representation.embed(row.text));
    }
    this.model = { representation, centroids };
    return this.model;
  }

  /**
   * Chooses the theme each question belongs in, opening a theme for a question near none, and
   * returns them by question id. Writes only the new themes: the caller stores the questions with
   * their theme in the same transaction, and calls `commit()` once that transaction committed.
   * Until then no other capture sees the new themes (they do not exist for it yet) or the new
   * members.
   */
  async place(db: Db, questions: readonly { id: string; text: string }[]): Promise<ThemePlacement> {
    const model = await this.load(db);
    const themes = new Map<string, string>();
    // Centroids this call changed or opened, seen only by its own later questions.
    const touched = new Map<string, Centroid>();
    const added: [string, SparseVector][] = [];
    for (const question of questions) {
      model.representation.learn(question.text);
      const vector = model.representation.embed(question.text);
      let bestTheme: string | undefined;
      let bestScore = THEME_SIMILARITY_THRESHOLD;
      const consider = (themeId: string, centroid: Centroid) => {
        let score = 0;
        vector.ids.forEach((id, k) => (score += vector.weights[k]! * (centroid.sum.get(id) ?? 0)));
        score = centroid.norm > 0 ? score / centroid.norm : 0;
        if (score >= bestScore) {
          bestScore = score;
          bestTheme = themeId;
        }
      };
      for (const [themeId, centroid] of model.centroids) {
        consider(themeId, touched.get(themeId) ?? centroid);
      }
      for (const [themeId, centroid] of touched) {
        if (!model.centroids.has(themeId)) consider(themeId, centroid);
      }
      let theme: string | undefined = bestTheme;
      if (!theme) {
        const [own] = describeThemes([question.text], [vector], [0]);
        theme = (
          await insertTheme(db, {
            label: own!.label,
            keywords: own!.keywords,
            centralQuestionId: question.id,
          })
        ).id;
      }
      if (!touched.has(theme)) touched.set(theme, copyOf(model.centroids.get(theme)));
      addTo(touched, theme, vector);
      added.push([theme, vector]);
      themes.set(question.id, theme);
    }
    return {
      themes,
      commit: () => {
        // A recompute may have replaced the model meanwhile; it read the committed questions.
        if (this.model !== model) return;
        for (const [theme, vector] of added) addTo(model.centroids, theme, vector);
      },
    };
  }
}

export interface ThemePlacement {
  /** The theme of each question, by question id. */
  themes: Map<string, string>;
  /** Makes the placement count for later captures; call after the transaction committed. */
  commit(): void;
}

interface Centroid {
  sum: Map<number, number>;
  norm: number;
}

const copyOf = (centroid: Centroid | undefined): Centroid => ({
  sum: new Map(centroid?.sum),
  norm: centroid?.norm ?? 0,
});

function addTo(centroids: Map<string, Centroid>, themeId: string, vector: SparseVector) {
  const centroid = centroids.get(themeId) ?? copyOf(undefined);
  vector.ids.forEach((id, k) =>
    centroid.sum.set(id, (centroid.sum.get(id) ?? 0) + vector.weights[k]!),
  );
  let norm = 0;
  for (const w of centroid.sum.values()) norm += w * w;
  centroid.norm = Math.sqrt(norm);
  centroids.set(themeId, centroid);
}
