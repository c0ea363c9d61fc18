// Benchmark: the same 200 different queries through GET /api/search, through a bare relay and
// straight to Meilisearch, once the server is warm, from a client process of its own.
import { buildSearchParams, questionDocument, type SearchService } from '@kb/search';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { generateQuestions } from './dataset.ts';
import { percentile, round, runLoadScript, startStack } from './setup.ts';

const words = [
  'career',
  'carreer',
  'priorities',
  'priorites',
  'diversity',
  'manager',
  'guidence',
  'roadmap',
  'mission',
  'reorg',
  'promotion',
  'salary',
  'hiring',
  'team lead',
  'five years',
  'all hands',
  'billing',
  'platform',
  'design',
  'sales',
];

/**
 * The least any server between a browser and the engine adds: a bare node:http server in the
 * API's process that asks the engine through the product's own client and passes the answer on,
 * with no framework, session, validation or shaping. The API's distance from it is what the
 * product's own work costs; the relay's from the engine is the extra hop's.
 */
async function startRelay(search: SearchService): Promise<{ url: string; close(): void }> {
  const server = createServer((request, response) => {
    const q = new URL(request.url ?? '/', 'http://relay').searchParams.get('q') ?? '';
    search.search(q, buildSearchParams({ q, page: 1, limit: 20 })).then(
      (answer) => {
        const body = JSON.stringify(answer);
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
      },
      () => response.writeHead(502).end(),
    );
  });
  // As the API keeps its connections.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export async function benchSearch(quick: boolean): Promise<Record<string, number>> {
  const stack = await startStack();
  const relay = await startRelay(stack.search);
  try {
    const size = quick ? 10_000 : 100_000;
    // The index is filled directly: this measures querying, not indexing.
    const docs = [...generateQuestions(size, 3)].map((q) =>
      questionDocument({
        id: randomUUID(),
        text: q.text,
        week: q.week,
        status: 'open',
        categories: q.categories.map((c) => ({ slug: c, name: c })),
      }),
    );
    for (let i = 0; i < docs.length; i += 10_000) {
      await stack.search.waitFor(
        stack.search.index().addDocuments(docs.slice(i, i + 10_000), { primaryKey: 'id' }),
        { timeoutMs: 600_000 },
      );
    }
    // 200 different queries: the API keeps an answer for a moment, and a repeat would measure that.
    const queries = [
      ...words,
      ...words.flatMap((a, i) => words.filter((_, j) => j !== i).map((b) => `${a} ${b}`)),
    ].slice(0, 200);
    // Others asked first: the first few hundred requests of a fresh process run before
    // V8 has optimized the route (the server is then about a third slower), and a server answers
    // for hours. They are timed too and printed as the cold figures.
    const coldQueries = words.flatMap((a, i) => words.slice(i + 1).map((b) => `${b} ${a} 2026`));
    const { cold, warm, compressed } = JSON.parse(
      await runLoadScript('./search-client.ts', {
        baseUrl: stack.baseUrl,
        relayUrl: relay.url,
        cookie: stack.cookie,
        engine: { url: stack.meili.url, key: stack.meili.masterKey, index: stack.search.indexName },
        coldQueries,
        queries,
      }),
    ) as Record<'cold' | 'warm', Record<'api' | 'relay' | 'raw', number[]>> & {
      compressed: number[];
    };
    const { api, relay: relayed, raw } = warm;
    const result = {
      searchP50Ms: round(percentile(api, 50)),
      searchP95Ms: round(percentile(api, 95)),
      rawSearchP50Ms: round(percentile(raw, 50)),
      rawSearchP95Ms: round(percentile(raw, 95)),
      searchRatio: round(percentile(api, 50) / Math.max(percentile(raw, 50), 0.01)),
      relaySearchP50Ms: round(percentile(relayed, 50)),
      relaySearchRatio: round(percentile(relayed, 50) / Math.max(percentile(raw, 50), 0.01)),
      searchCompressedP50Ms: round(percentile(compressed, 50)),
      searchColdP50Ms: round(percentile(cold.api, 50)),
      searchColdRatio: round(percentile(cold.api, 50) / Math.max(percentile(cold.raw, 50), 0.01)),
    };
    console.log(
      `search     ${size} questions, 200 queries: API p50 ${result.searchP50Ms} ms p95 ${result.searchP95Ms} ms; Meilisearch p50 ${result.rawSearchP50Ms} ms p95 ${result.rawSearchP95Ms} ms; ratio ${result.searchRatio} (target ≤ 1.25); bare relay p50 ${result.relaySearchP50Ms} ms, ratio ${result.relaySearchRatio}; API compressed p50 ${result.searchCompressedP50Ms} ms; cold (the first ${coldQueries.length} queries) API p50 ${result.searchColdP50Ms} ms, ratio ${result.searchColdRatio}`,
    );
    return result;
  } finally {
    relay.close();
    await stack.close();
  }
}
