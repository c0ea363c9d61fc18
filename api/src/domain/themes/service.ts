// The theme aggregate: the one place that changes themes. Recomputes, capture-time placement,
// curation (rename, pin, merge, split, moving questions) and the weekly summary's refresh after a
// recompute go through here; routes and the CLI only call it. Every change that moves questions
// between themes or retires one holds the themes still (captures wait) and moves the themes'
// version, so the placement model of every process rebuilds before its next capture.
//
// People's work stays: a theme is retired, never deleted. A merged or emptied theme keeps its
// answer and pack entries and points at the theme that took its questions (`merged_into`); that
// theme shows the answer while it has none of its own, and packs follow the pointer.
import {
  assignQuestionsToTheme,
  bumpDataVersion,
  enqueueSearchChanges,
  findTheme,
  holdThemesForChange,
  insertTheme,
  liveSuccessors,
  moveThemeQuestions,
  questionIdsInThemes,
  questionsOfTheme,
  retireEmptyThemes,
  themeIdsOfQuestions,
  updateTheme,
  type Db,
  type Theme,
} from '@kb/db';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Redactor } from '../redactor.ts';
import { refreshWeekCounts } from '../week-counts.ts';
import { ThemeAssigner } from './placement.ts';
import { describeGroups, recomputeThemes, type RecomputeReport } from './recompute.ts';

export interface ThemeServiceOptions {
  /** Told after a commit that queued search changes, so the outbox worker need not wait. */
  onSearchChanges?: () => void;
  /** Told after a recompute committed, whatever it changed: answers kept for readers are old. */
  onRecomputed?: () => void;
}

export interface ThemePatch {
  /** An editor's name; null gives the theme back its computed label. */
  name?: string | null;
  pinned?: boolean;
}

export class ThemeService {
  /** Capture-time placement (see captureMeeting); it follows the themes' version by itself. */
  readonly assigner = new ThemeAssigner();

  constructor(
    private readonly db: Db,
    private readonly redactor: Redactor,
    private readonly options: ThemeServiceOptions = {},
  ) {}

  /** Regroups every unpinned theme, keeping what people wrote; `actor` when a person asked. */
  async recompute(actor?: Actor): Promise<RecomputeReport> {
    const report = await recomputeThemes(this.db, actor ? { actor } : {});
    if (report.searchUpdates > 0) this.options.onSearchChanges?.();
    // A recompute moves questions between themes in many weeks: rebuild the summary now rather
    // than in the next dashboard request.
    await refreshWeekCounts(this.db);
    this.options.onRecomputed?.();
    return report;
  }

  /** Renames (redacted, as every text a person types) or pins a live theme. */
  async update(id: string, patch: ThemePatch, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await liveTheme(tx, id);
      const name =
        typeof patch.name === 'string'
          ? (await this.redactor.redact(patch.name, tx)).text
          : patch.name;
      await updateTheme(tx, id, {
        ...(name === undefined ? {} : { name }),
        ...(patch.pinned === undefined ? {} : { pinned: patch.pinned }),
      });
      await audit(tx, actor, 'theme.update', {
        entity: 'theme',
        id,
        detail: {
          fields: Object.keys(patch).filter((k) => patch[k as keyof ThemePatch] !== undefined),
        },
      });
    });
  }

  /**
   * Moves every question of the sources into the target and retires the sources, merged into it.
   * A merge is a person's decision, so the target is pinned: recomputes keep it as it is.
   */
  async merge(targetId: string, sourceIds: readonly string[], actor: Actor): Promise<void> {
    if (sourceIds.includes(targetId)) {
      throw new AppError('validation', 400, 'body.themeIds: a theme cannot be merged into itself', [
        { path: 'body.themeIds', message: 'must not contain the target theme' },
      ]);
    }
    await this.db.transaction(async (tx) => {
      await holdThemesForChange(tx);
      await liveTheme(tx, targetId);
      let moved = 0;
      for (const source of sourceIds) {
        await liveTheme(tx, source, `Theme ${source}`);
        moved += (await moveThemeQuestions(tx, source, targetId)).length;
      }
      await retireEmptyThemes(
        tx,
        sourceIds.map((id) => ({ id, mergedInto: targetId })),
      );
      // The target keeps its title: people know the theme by it.
      await updateTheme(tx, targetId, { pinned: true });
      await bumpDataVersion(tx, 'themes');
      // Their theme, its recurrence or the answer they show changed.
      await enqueueSearchChanges(tx, await questionIdsInThemes(tx, [targetId]), 'upsert');
      await audit(tx, actor, 'theme.merge', {
        entity: 'theme',
        id: targetId,
        detail: { merged: sourceIds, questions: moved },
      });
    });
    this.options.onSearchChanges?.();
  }

  /**
   * Moves the chosen questions of a theme into a new theme, named by the editor or described from
   * them. Both themes are pinned: a recompute would otherwise join them again. The answer and pack
   * entries stay with the theme being split. Returns the new theme's id.
   */
  async split(
    sourceId: string,
    input: { questionIds: readonly string[]; name?: string | undefined },
    actor: Actor,
  ): Promise<string> {
    const created = await this.db.transaction(async (tx) => {
      await holdThemesForChange(tx);
      const source = await liveTheme(tx, sourceId);
      const members = await questionsOfTheme(tx, sourceId);
      const inTheme = new Set(members.map((m) => m.id));
      const outside = input.questionIds.findIndex((id) => !inTheme.has(id));
      if (outside >= 0) {
        const path = `body.questionIds.${outside}`;
        throw new AppError('validation', 400, `${path}: not a question of this theme`, [
          { path, message: 'not a question of this theme' },
        ]);
      }
      if (input.questionIds.length >= members.length) {
        throw new AppError(
          'validation',
          400,
          'body.questionIds: leave at least one question in the theme (to rename it, send a name instead)',
          [{ path: 'body.questionIds', message: 'must leave at least one question in the theme' }],
        );
      }
      const chosen = new Set(input.questionIds);
      const moving = members.filter((m) => chosen.has(m.id));
      const [description] = describeGroups(
        moving.map((m) => m.text),
        moving.map(() => 0),
      );
      const name = input.name ? (await this.redactor.redact(input.name, tx)).text : null;
      const theme = await insertTheme(tx, {
        label: description!.label,
        keywords: description!.keywords,
        centralQuestionId: moving[description!.central]!.id,
        name,
        pinned: true,
      });
      await assignQuestionsToTheme(tx, theme.id, input.questionIds);
      // The theme split keeps its title unless the question it was described by left with them.
      if (source.centralQuestionId && chosen.has(source.centralQuestionId)) {
        await describe(tx, sourceId);
      }
      await updateTheme(tx, sourceId, { pinned: true });
      await bumpDataVersion(tx, 'themes');
      await enqueueSearchChanges(tx, await questionIdsInThemes(tx, [sourceId, theme.id]), 'upsert');
      await audit(tx, actor, 'theme.split', {
        entity: 'theme',
        id: sourceId,
        detail: { created: theme.id, questions: input.questionIds.length },
      });
      return theme.id;
    });
    this.options.onSearchChanges?.();
    return created;
  }
}

/**
 * Moves questions into a live theme, inside the caller's transaction (an edit of the question). A
 * person put them there, so the theme is pinned and recomputes leave them; a theme this empties is
 * retired, merged into the target. Call it before writing the questions: it waits for a recompute
 * to finish, and must not hold their rows meanwhile. Returns the themes they were in.
 */
export async function moveQuestionsToTheme(
  tx: Db,
  questionIds: readonly string[],
  themeId: string,
): Promise<(string | null)[]> {
  await holdThemesForChange(tx);
  const target = await findTheme(tx, themeId);
  if (!target || target.retiredAt) {
    const message = target ? 'the theme was merged or retired' : 'no such theme';
    throw new AppError('validation', 400, `body.themeId: ${message}`, [
      { path: 'body.themeId', message },
    ]);
  }
  const previous = [...(await themeIdsOfQuestions(tx, questionIds)).values()];
  await assignQuestionsToTheme(tx, themeId, questionIds);
  await updateTheme(tx, themeId, { pinned: true });
  await retireEmptyThemes(
    tx,
    [...new Set(previous)].flatMap((id) =>
      id && id !== themeId ? [{ id, mergedInto: themeId }] : [],
    ),
  );
  await bumpDataVersion(tx, 'themes');
  return previous;
}

export interface ThemeRetirement {
  /** The day the theme was retired. */
  on: string;
  /** The live theme that holds its questions now, through any later merges; null if none does. */
  mergedInto: { id: string; name: string } | null;
}

/** How each retired theme among these ended, by id; live themes are absent. */
export async function themeRetirements(
  db: Db,
  themes: readonly Pick<Theme, 'id' | 'retiredAt'>[],
): Promise<Map<string, ThemeRetirement>> {
  const retired = themes.filter((t) => t.retiredAt);
  const successors = await liveSuccessors(
    db,
    retired.map((t) => t.id),
  );
  const result = new Map<string, ThemeRetirement>();
  for (const theme of retired) {
    const successor = successors.get(theme.id);
    const live = successor ? await findTheme(db, successor) : undefined;
    result.set(theme.id, {
      on: theme.retiredAt!.toISOString().slice(0, 10),
      mergedInto: live ? { id: live.id, name: live.name ?? live.label } : null,
    });
  }
  return result;
}

/** A theme that exists and is live; curating a retired one is refused with where it went. */
async function liveTheme(tx: Db, id: string, what = 'The theme') {
  const theme = await findTheme(tx, id);
  if (!theme) throw notFound(what);
  if (theme.retiredAt) {
    throw new AppError(
      'conflict',
      409,
      `${what} was merged or retired; curate the theme that holds its questions now.`,
    );
  }
  return theme;
}

/** Describes a theme again from the questions it holds now. */
async function describe(tx: Db, themeId: string) {
  const members = await questionsOfTheme(tx, themeId);
  const [description] = describeGroups(
    members.map((m) => m.text),
    members.map(() => 0),
  );
  if (!description) return;
  await updateTheme(tx, themeId, {
    label: description.label,
    keywords: description.keywords,
    centralQuestionId: members[description.central]!.id,
  });
}
