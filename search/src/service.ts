// The one place that talks to Meilisearch: index setup, queries, and whether it is reachable.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type Index,
  type SearchParams,
  type SearchResponse,
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

/** The engine gave no answer within the time the call allowed: frozen or swamped, not gone. */
export class SearchTimeoutError extends SearchUnavailableError {
  override name = 'SearchTimeoutError';
}

class NoAnswerInTime extends Error {
  override name = 'NoAnswerInTime';
}

class StaleConnection extends Error {
  override name = 'StaleConnection';
}

/** The engine refused a search (a 4xx answer): the query, not the engine, is at fault. */
export class SearchQueryError extends Error {
  override name = 'SearchQueryError';
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`Meilisearch refused the search (${status}${code ? `, ${code}` : ''})`);
  }
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
  /** Kept-alive connections for `search`, and the request function of the engine's protocol. */
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;
  private readonly origin: URL;
  /** The engine's URL may carry a path prefix (behind a proxy); searches go under it. */
  private readonly basePath: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(readonly config: SearchConfig) {
    this.timeoutMs = config.timeoutMs ?? 5000;
    this.client = new Meilisearch({
      host: config.url,
      apiKey: config.masterKey,
      timeout: this.timeoutMs,
      // Node's fetch asks for compressed answers, and the engine's compressed answers reach it in
      // pieces that wait out the peer's delayed ACK: 44 ms a search on loopback against under 1 ms
      // uncompressed. Answers are a page of hits; the bytes saved are not worth a round of waiting.
      requestInit: { headers: { 'accept-encoding': 'identity' } },
    });
    this.indexName = config.indexName ?? QUESTIONS_INDEX;
    this.origin = new URL(config.url);
    this.basePath = this.origin.pathname.replace(/\/+$/, '');
    this.authorization = `Bearer ${config.masterKey}`;
    const https = this.origin.protocol === 'https:';
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.send = https ? httpsRequest : httpRequest;
  }

  /**
   * Searches an index. Every search page waits on this one call, so it goes over node:http on
   * kept-alive connections rather than through the client's fetch, whose streams and header
   * objects cost about 0.8 ms more per search on a two-core machine. Like the client's calls, it
   * throws SearchUnavailableError when the engine cannot be reached or fails (5xx), and its
   * SearchTimeoutError when it gives no answer within `timeoutMs` (the service's own unless told),
   * dropping the request. A refused query throws SearchQueryError.
   */
  async search<T extends object>(
    query: string,
    params: SearchParams,
    {
      index = this.indexName,
      timeoutMs = this.timeoutMs,
    }: { index?: string; timeoutMs?: number } = {},
  ): Promise<SearchResponse<T>> {
    const body = JSON.stringify({ ...params, q: query });
    const path = `/indexes/${encodeURIComponent(index)}/search`;
    const deadline = performance.now() + timeoutMs;
    let answer: { status: number; text: string };
    try {
      answer = await this.post(path, body, timeoutMs).catch((error: unknown) => {
        // A kept-alive connection the engine closed as this search went out: send it once more on
        // a fresh one, as Node's documentation advises (a search changes nothing), in what is left
        // of the time.
        if (error instanceof StaleConnection) {
          return this.post(path, body, Math.max(1, deadline - performance.now()));
        }
        throw error;
      });
    } catch (error) {
      if (error instanceof NoAnswerInTime) {
        throw new SearchTimeoutError(`The search engine gave no answer within ${timeoutMs} ms.`, {
          cause: error,
        });
      }
      throw new SearchUnavailableError('The search engine is not reachable.', { cause: error });
    }
    const parsed: unknown = answer.text === '' ? undefined : JSON.parse(answer.text);
    if (answer.status >= 500) {
      throw new SearchUnavailableError(`The search engine failed (${answer.status}).`);
    }
    if (answer.status >= 400) {
      const code = (parsed as { code?: unknown } | undefined)?.code;
      throw new SearchQueryError(answer.status, typeof code === 'string' ? code : undefined);
    }
    return parsed as SearchResponse<T>;
  }

  private post(
    path: string,
    body: string,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = this.send(
        {
          protocol: this.origin.protocol,
          hostname: this.origin.hostname,
          port: this.origin.port,
          path: `${this.basePath}${path}`,
          method: 'POST',
          agent: this.agent,
          headers: {
            authorization: this.authorization,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      // A plain timer: an AbortSignal per search costs more, and the search is dropped all the same.
      const timer = setTimeout(
        () => req.destroy(new NoAnswerInTime(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleConnection() : error);
      });
      req.end(body);
    });
  }

  /** Closes the kept-alive connections of `search`. */
  close(): void {
    this.agent.destroy();
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
