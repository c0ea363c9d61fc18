// Benchmark: the same 200 different queries through GET /api/search and straight to Meilisearch.
import { buildSearchParams, questionDocument } from '@kb/search';
import { randomUUID } from 'node:crypto';
import { generateQuestions } from './dataset.ts';
import { percentile, round, startStack } from './setup.ts';

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

export async function benchSearch(quick: boolean): Promise<Record<string, number>> {
  const stack = await startStack();
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
    const api: number[] = [];
    const apiCompressed: number[] = [];
    const raw: number[] = [];
    const index = stack.search.index();
    const throughApi = async (q: string, encoding: string) => {
      const t0 = performance.now();
      const response = await fetch(`${stack.baseUrl}/api/search?q=${encodeURIComponent(q)}`, {
        headers: { cookie: stack.cookie, 'accept-encoding': encoding },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`search answered ${response.status}`);
      return performance.now() - t0;
    };
    // Like for like: Node's fetch on both sides, the engine asked the very query the API asks it,
    // and both answers uncompressed, as the engine's client asks for them. What is left is the
    // API's own cost. Compression is timed apart: browsers ask for it, and it costs what it costs.
    for (const q of queries) {
      api.push(await throughApi(q, 'identity'));
      const t1 = performance.now();
      await index.search(q, buildSearchParams({ q, page: 1, limit: 20 }));
      raw.push(performance.now() - t1);
    }
    // The same queries again once the kept answers have run out, compressed as a browser asks.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (const q of queries) apiCompressed.push(await throughApi(q, 'gzip, deflate, br'));
    const result = {
      searchP50Ms: round(percentile(api, 50)),
      searchP95Ms: round(percentile(api, 95)),
      rawSearchP50Ms: round(percentile(raw, 50)),
      rawSearchP95Ms: round(percentile(raw, 95)),
      searchRatio: round(percentile(api, 50) / Math.max(percentile(raw, 50), 0.01)),
      searchCompressedP50Ms: round(percentile(apiCompressed, 50)),
    };
    console.log(
      `search     ${size} questions, 200 queries: API p50 ${result.searchP50Ms} ms p95 ${result.searchP95Ms} ms; Meilisearch p50 ${result.rawSearchP50Ms} ms p95 ${result.rawSearchP95Ms} ms; ratio ${result.searchRatio} (target ≤ 1.25); API compressed p50 ${result.searchCompressedP50Ms} ms`,
    );
    return result;
  } finally {
    await stack.close();
  }
}
