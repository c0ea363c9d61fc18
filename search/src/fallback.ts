// Search that always answers: the engine when it answers in time, else Postgres full-text search
// with the same filters, flagged as a fallback. An engine that failed is left alone for a few
// seconds, then probed in the background: a hung one costs the reads of one moment a short wait,
// not one per request, and not one every few seconds for as long as it stays away.
import { searchQuestionsInDatabase, type Db } from '@kb/db';
import {
  highlightSegments,
  highlightTags,
  searchQuestions,
  type QuestionSearch,
  type SearchResult,
} from './query.ts';
import type { SearchService } from './service.ts';

export interface FallbackOptions {
  /** How long a read waits for the engine before answering from Postgres. */
  engineTimeoutMs?: number;
  /** How long the engine is skipped after it failed or was too slow, before it is probed again. */
  coolOffMs?: number;
  /** Told once each time a read gives up on the engine (a logger's warn); failed probes are not told. */
  onEngineTrouble?: (reason: string) => void;
}

export type ResilientSearchResult = SearchResult & {
  /** True when Postgres answered because the engine could not: no typo tolerance then. */
  fallback: boolean;
};

class EngineTooSlow extends Error {
  override name = 'EngineTooSlow';
}

/** The promise's outcome, or an EngineTooSlow failure should it take longer than `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineTooSlow(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class ResilientSearch {
  /** Set while the engine is given up on: reads go to Postgres, and a probe decides when to return. */
  private away = false;
  private probeAfter = 0;
  private probing = false;
  private readonly engineTimeoutMs: number;
  private readonly coolOffMs: number;

  constructor(
    private readonly db: Db,
    private readonly engine: SearchService | null,
    private readonly options: FallbackOptions = {},
  ) {
    // A read must answer within a second: this wait and a Postgres answer under load fit in one.
    this.engineTimeoutMs = options.engineTimeoutMs ?? 600;
    this.coolOffMs = options.coolOffMs ?? 5_000;
  }

  async search(search: QuestionSearch): Promise<ResilientSearchResult> {
    if (this.engine && !this.away) {
      try {
        // The engine's request is dropped when the time is up, freeing its connection.
        const found = await searchQuestions(this.engine, search, {
          timeoutMs: this.engineTimeoutMs,
        });
        return { ...found, fallback: false };
      } catch (error) {
        this.away = true;
        this.probeAfter = Date.now() + this.coolOffMs;
        this.options.onEngineTrouble?.(error instanceof Error ? error.name : 'unknown');
      }
    } else if (this.engine && Date.now() >= this.probeAfter) {
      void this.probe(this.engine);
    }
    return { ...(await this.searchDatabase(search)), fallback: true };
  }

  /** Whether reads go to Postgres now because the engine failed lately. */
  get engineAway(): boolean {
    return this.away;
  }

  /**
   * Asks the engine a search of its own, off any reader's path: answered in time, reads go back to
   * the engine; otherwise it is left alone for another cool-off. One probe at a time.
   */
  private async probe(engine: SearchService): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await engine.search('', { limit: 1 }, { timeoutMs: this.engineTimeoutMs });
      this.away = false;
    } catch {
      this.probeAfter = Date.now() + this.coolOffMs;
    } finally {
      this.probing = false;
    }
  }

  private async searchDatabase(search: QuestionSearch): Promise<SearchResult> {
    const started = performance.now();
    const found = await searchQuestionsInDatabase(this.db, {
      q: search.q,
      ...(search.categories ? { categories: search.categories } : {}),
      ...(search.status ? { status: search.status } : {}),
      ...(search.from ? { from: search.from } : {}),
      ...(search.to ? { to: search.to } : {}),
      ...(search.sort ? { sort: search.sort } : {}),
      page: search.page,
      limit: search.limit,
      highlightTags,
    });
    return {
      hits: found.hits.map((hit) => ({
        id: hit.id,
        text: hit.text,
        highlight: highlightSegments(hit.headline),
        categories: hit.categories,
        status: hit.status,
        week: hit.week,
        themeId: hit.themeId,
      })),
      total: found.total,
      page: search.page,
      limit: search.limit,
      facets: found.facets,
      processingTimeMs: Math.round(performance.now() - started),
    };
  }
}
