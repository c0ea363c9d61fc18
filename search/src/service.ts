// The one place that talks to Meilisearch: index setup, queries, and whether it is reachable.
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type Index,
  type Task,
} from 'meilisearch';
import type { QuestionDocument } from './documents.ts';
import { QUESTIONS_INDEX, questionIndexSettings } from './settings.ts';

export interface SearchConfig {
  url: string;
  masterKey: string;
  /** Index name; tests use their own. */
  indexName?: string;
  /** Per-request timeout: a slow engine must not hold requests for long. */
  timeoutMs?: number;
}

/** The engine could not be reached or did not answer in time. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

/** The engine took a task and reported that it failed; `code` is the engine's, e.g. "invalid_document_id". */
export class SearchTaskError extends Error {
  override name = 'SearchTaskError';
  readonly code: string | undefined;
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.code ?? ''}`);
    this.code = task.error?.code;
  }
}

export class SearchService {
  readonly client: Meilisearch;
  readonly indexName: string;

  constructor(readonly config: SearchConfig) {
    this.client = new Meilisearch({
      host: config.url,
      apiKey: config.masterKey,
      timeout: config.timeoutMs ?? 5000,
      // Node's fetch asks for compressed answers, and the engine's compressed answers reach it in
      // pieces that wait out the peer's delayed ACK: 44 ms a search on loopback against under 1 ms
      // uncompressed. Answers are a page of hits; the bytes saved are not worth a round of waiting.
      requestInit: { headers: { 'accept-encoding': 'identity' } },
    });
    this.indexName = config.indexName ?? QUESTIONS_INDEX;
  }

  index(name = this.indexName): Index<QuestionDocument> {
    return this.client.index<QuestionDocument>(name);
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === 'available';
    } catch {
      return false;
    }
  }

  /** Creates the index with its settings when missing; safe to call at every start. */
  async ensureIndex(name = this.indexName): Promise<void> {
    await this.run(async () => {
      await this.waitFor(this.client.createIndex(name, { primaryKey: 'id' }), {
        allowFailure: true,
      });
      await this.waitFor(this.index(name).updateSettings(questionIndexSettings));
    });
  }

  /** Awaits an enqueued task and fails unless it succeeded. */
  async waitFor(
    task: { waitTask(options?: { timeout?: number; interval?: number }): Promise<Task> },
    options: { allowFailure?: boolean; timeoutMs?: number } = {},
  ): Promise<Task> {
    const done = await task.waitTask({ timeout: options.timeoutMs ?? 60_000, interval: 25 });
    if (done.status !== 'succeeded' && !options.allowFailure) throw new SearchTaskError(done);
    return done;
  }

  /** Runs an engine call, turning "cannot reach it" into SearchUnavailableError. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isUnavailable(error))
        throw new SearchUnavailableError('The search engine is not reachable.', { cause: error });
      throw error;
    }
  }
}

export function isUnavailable(error: unknown): boolean {
  if (error instanceof SearchUnavailableError) return true;
  // No answer at all: the connection failed, or the client's timeout struck (it comes as a
  // request error whose cause is the timeout).
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError)
    return true;
  if (error instanceof MeilisearchTaskTimeOutError) return true;
  if (error instanceof MeilisearchApiError) return (error.response?.status ?? 0) >= 500;
  return false;
}
