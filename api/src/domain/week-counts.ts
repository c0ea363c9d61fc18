// The weekly summary behind trends, alerts, digests and theme counts. Writes only mark their weeks
// stale (database triggers); the next reader rebuilds those weeks first. What a process computes
// from the summary and the group names is kept until either moves on (their versions, kept in
// Postgres, so every app process sees the same), and a dashboard that many people open between two
// captures costs one computation.
import {
  analyzeWeekCountsAfter,
  bumpDataVersion,
  listCategories,
  listThemes,
  rebuildWeekCounts,
  recordRebuiltWeeks,
  summaryState,
  takeStaleWeeks,
  type BucketCount,
  type Db,
  type PeriodFilter,
  type SummaryState,
  type ThemeWithStats,
  type TrendBucket,
  type TrendGroup,
} from '@kb/db';
import { summaryAt, type SummarySnapshot } from './summary-mirror.ts';

/** Results kept per process and database, for one version of the summary and the names. */
interface SummaryCache {
  version: string;
  results: Map<string, Promise<unknown>>;
}

const caches = new WeakMap<Db, SummaryCache>();
/** Distinct periods asked for are up to the callers: past this many, start over. */
const MAX_KEPT_RESULTS = 200;

/**
 * Brings `week_counts` up to date with every committed write and returns where it stands. Readers
 * that race rebuild each stale week once: the second waits on the first one's rows, then finds
 * none.
 */
async function refreshSummary(db: Db): Promise<SummaryState> {
  let state = await summaryState(db);
  if (state.stale) {
    const rebuilt = await db.transaction(async (tx) => {
      const weeks = await takeStaleWeeks(tx);
      if (weeks.length > 0) {
        await rebuildWeekCounts(tx, weeks);
        await recordRebuiltWeeks(tx, weeks, await bumpDataVersion(tx, 'week_counts'));
      }
      return { weeks: weeks.length, state: await summaryState(tx) };
    });
    state = rebuilt.state;
    await analyzeWeekCountsAfter(db, rebuilt.weeks);
  }
  return state;
}

/** Brings `week_counts` up to date and returns the version of what readers see. */
export async function refreshWeekCounts(db: Db): Promise<string> {
  const state = await refreshSummary(db);
  return `${state.counts}.${state.names}`;
}

/**
 * A result computed from the summary and the group names only, shared with every caller until
 * either changes. The versions are read before the data, so what is kept under a version is never
 * older than it. `compute` may ask for the summary's rows at that version; callers must not change
 * what they get.
 */
export async function fromSummary<T>(
  db: Db,
  what: readonly unknown[],
  compute: (summary: () => Promise<SummarySnapshot>, namesVersion: number) => Promise<T>,
): Promise<T> {
  const key = JSON.stringify(what);
  const state = await refreshSummary(db);
  const version = `${state.counts}.${state.names}`;
  let cache = caches.get(db);
  if (!cache || cache.version !== version || cache.results.size >= MAX_KEPT_RESULTS) {
    cache = { version, results: new Map() };
    caches.set(db, cache);
  }
  const kept = cache.results.get(key) as Promise<T> | undefined;
  if (kept) return kept;
  const result = compute(() => summaryAt(db, state.counts), state.names);
  const results = cache.results;
  results.set(key, result);
  result.catch(() => results.delete(key));
  return result;
}

/** Questions and distinct meetings per week or month, all questions together. */
export function bucketTotals(
  db: Db,
  bucket: TrendBucket,
  filter: PeriodFilter,
): Promise<readonly BucketCount[]> {
  return fromSummary(db, ['totals', bucket, filter.from, filter.to], async (summary) =>
    (await summary()).totals(bucket, filter),
  );
}

export interface GroupCount extends BucketCount {
  /** A category's slug or a theme's id. */
  key: string;
  name: string;
}

/** Questions and distinct meetings per week or month and category or theme, with their names. */
export function groupCounts(
  db: Db,
  by: TrendGroup,
  bucket: TrendBucket,
  filter: PeriodFilter,
): Promise<readonly GroupCount[]> {
  return fromSummary(db, ['groups', by, bucket, filter.from, filter.to], async (summary, v) => {
    const [snapshot, names] = await Promise.all([summary(), groupNames(db, by, v)]);
    const rows = snapshot.groups(by, bucket, filter);
    const counts: GroupCount[] = [];
    for (const row of rows) {
      // A group deleted since the last rebuild has no name any more, and no place in the figures.
      const group = names.get(row.groupId);
      if (group) {
        counts.push({ ...group, bucket: row.bucket, count: row.count, meetings: row.meetings });
      }
    }
    return counts;
  });
}

/** Per theme, the meetings of its months that each hold fewer than k: see `SummarySnapshot.themeThinMonths`. */
export function themeThinMeetings(db: Db, k: number): Promise<ReadonlyMap<string, number>> {
  return fromSummary(db, ['theme-thin', k], async (summary) =>
    (await summary()).themeThinMonths(k),
  );
}

/** The names of the groups, per database and kind, at the version they were read at. */
const namesKept = new WeakMap<
  Db,
  Map<TrendGroup, { version: number; names: Promise<GroupNames> }>
>();
export type GroupNames = ReadonlyMap<string, { key: string; name: string }>;

/**
 * The key and name of every category or theme by id. Kept apart from the counts: a capture moves
 * the counts on, not the names, and the names are read again only when a category or theme
 * changes (`version` is the names' version, read before them).
 */
export function groupNames(db: Db, by: TrendGroup, version: number): Promise<GroupNames> {
  let kept = namesKept.get(db);
  if (!kept) namesKept.set(db, (kept = new Map()));
  const known = kept.get(by);
  if (known && known.version >= version) return known.names;
  const names = readGroupNames(db, by);
  const entry = { version, names };
  kept.set(by, entry);
  names.catch(() => kept.get(by) === entry && kept.delete(by));
  return names;
}

async function readGroupNames(db: Db, by: TrendGroup): Promise<GroupNames> {
  const names = new Map<string, { key: string; name: string }>();
  if (by === 'category') {
    for (const c of await listCategories(db)) names.set(c.id, { key: c.slug, name: c.name });
  } else {
    for (const t of await listThemes(db)) names.set(t.id, { key: t.id, name: t.name ?? t.label });
  }
  return names;
}

/** Every theme with its counts over all time, most meetings first. */
export async function themesWithStats(db: Db): Promise<ThemeWithStats[]> {
  const [themes, totals] = await Promise.all([
    listThemes(db),
    fromSummary(db, ['theme-totals'], async (summary) => (await summary()).themeTotals()),
  ]);
  const byTheme = new Map(totals.map((t) => [t.groupId, t]));
  return themes
    .map((theme) => {
      const stats = byTheme.get(theme.id);
      return {
        ...theme,
        questionCount: stats?.questions ?? 0,
        meetingCount: stats?.meetings ?? 0,
        firstWeek: stats?.firstWeek ?? null,
        lastWeek: stats?.lastWeek ?? null,
      };
    })
    .sort((a, b) => b.meetingCount - a.meetingCount || a.label.localeCompare(b.label));
}
