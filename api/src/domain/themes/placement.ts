// Capture-time placement: each new question goes to the nearest live theme, or opens one. The model
// (vocabulary and theme centroids) is kept in memory for the version of the themes it was built
// from, and built again when that version moved, in this process or any other.
import { randomUUID } from 'node:crypto';
import {
  bumpDataVersion,
  dataVersion,
  holdThemesForPlacement,
  insertThemesInBulk,
  questionsForThemes,
  type Db,
  type ThemeDescriptionRow,
} from '@kb/db';
import { describeThemes } from './describe.ts';
import { THEME_SIMILARITY_THRESHOLD, themeRepresentation } from './grouping.ts';
import { TfidfRepresentation, type SparseVector } from './vectors.ts';

interface ThemeModel {
  /** The `themes` data version the model was built from. */
  version: number;
  representation: TfidfRepresentation;
  /** Unnormalised sum of member vectors per live theme, and its length. */
  centroids: Map<string, Centroid>;
}

export interface ThemePlacement {
  /** The theme of each question, by question id. */
  themes: Map<string, string>;
  /** Makes the placement count for later captures; call after the transaction committed. */
  commit(): void;
}

/**
 * Places new questions in the nearest live theme, or opens a theme of their own. One per process,
 * owned by the themes service; nothing resets it from outside, since it follows the themes'
 * version: a recompute or a curation anywhere moves that version, and the next placement here
 * rebuilds the model before choosing.
 */
export class ThemeAssigner {
  private model: ThemeModel | undefined;

  /** The model for `version`, the one now committed, built again only when the version moved. */
  private async current(db: Db, version: number): Promise<ThemeModel> {
    if (this.model?.version === version) return this.model;
    const rows = await questionsForThemes(db);
    const representation = themeRepresentation(rows.map((r) => r.text));
    const centroids = new Map<string, Centroid>();
    for (const row of rows) {
      if (row.themeId && row.live) addTo(centroids, row.themeId, representation.embed(row.text));
    }
    const model = { version, representation, centroids };
    // Two captures may build at once; the model of the later version wins.
    if (!this.model || this.model.version <= version) this.model = model;
    return model;
  }

  /**
   * Holds the themes live until the transaction ends (a recompute or curation waits) and returns
   * their version, for `place`. Sent together, run in turn: the version is read once the lock is
   * held, so it is not older. A capture sends it beside its first statements.
   */
  async hold(db: Db): Promise<number> {
    const [, version] = await Promise.all([holdThemesForPlacement(db), dataVersion(db, 'themes')]);
    return version;
  }

  /**
   * Chooses the theme each question belongs in, opening a theme for a question near none, and
   * returns them by question id. Run it in the transaction `hold` was given, with the version it
   * returned; the caller stores the questions with their theme in the same transaction, and calls
   * `commit()` once it committed. Until then no other capture sees the new themes or members.
   *
   * Most captures join themes that exist and send no statement here. Rebuilding the model and
   * opening themes run in savepoints: should either fail, this throws and the transaction goes on,
   * so the capture commits and the next recompute places its questions.
   */
  async place(
    db: Db,
    questions: readonly { id: string; text: string }[],
    version: number,
  ): Promise<ThemePlacement> {
    const model =
      this.model?.version === version
        ? this.model
        : await db.transaction((savepoint) => this.current(savepoint, version));
    const themes = new Map<string, string>();
    // Centroids this call changed or opened, seen only by its own later questions.
    const touched = new Map<string, Centroid>();
    const added: [string, SparseVector][] = [];
    const opened: ThemeDescriptionRow[] = [];
    for (const question of questions) {
      model.representation.learn(question.text);
      const vector = model.representation.embed(question.text);
      let bestTheme: string | undefined;
      let bestScore = THEME_SIMILARITY_THRESHOLD;
      const { ids, weights } = vector;
      const consider = (themeId: string, centroid: Centroid) => {
        if (centroid.norm <= 0) return;
        // Every live theme, for each question of every capture: a plain loop, no closure per term.
        let score = 0;
        for (let k = 0; k < ids.length; k++) {
          const sum = centroid.sum.get(ids[k]!);
          if (sum !== undefined) score += weights[k]! * sum;
        }
        score /= centroid.norm;
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
        const [own] = describeThemes([question.text], [0]);
        theme = randomUUID();
        opened.push({
          id: theme,
          label: own!.label,
          keywords: own!.keywords,
          centralQuestionId: question.id,
        });
      }
      if (!touched.has(theme)) touched.set(theme, copyOf(model.centroids.get(theme)));
      addTo(touched, theme, vector);
      added.push([theme, vector]);
      themes.set(question.id, theme);
    }
    // Other processes learn of a new theme through the version; joining one moves nothing they
    // must know to place correctly (their centroid misses a member until their next rebuild).
    const moved =
      opened.length > 0
        ? await db.transaction(async (savepoint) => {
            await insertThemesInBulk(savepoint, opened);
            return bumpDataVersion(savepoint, 'themes');
          })
        : undefined;
    return {
      themes,
      commit: () => {
        // The version moved meanwhile, here or elsewhere: the next placement builds the model again.
        if (this.model !== model) return;
        for (const [theme, vector] of added) addTo(model.centroids, theme, vector);
        // Only this capture's own move of the version (the row lock orders the moves) keeps the
        // model current; any other means something changed that the model does not hold.
        if (moved === model.version + 1) model.version = moved;
      },
    };
  }
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
