// The search benchmark's client, in a process of its own as a browser would be: the server's event
// loop then does the server's work alone. Asks each query through GET /api/search and straight to
// Meilisearch, one after the other, with Node's fetch on both sides. Reads its settings as JSON
// from argv[2]; prints the timings (ms) as JSON.
import { buildSearchParams } from '@kb/search';
import { Meilisearch } from 'meilisearch';

const { baseUrl, cookie, engine, coldQueries, queries } = JSON.parse(process.argv[2] ?? '{}') as {
  baseUrl: string;
  cookie: string;
  engine: { url: string; key: string; index: string };
  coldQueries: string[];
  queries: string[];
};

// As the product's own client sets it up: answers uncompressed (see SearchService).
const index = new Meilisearch({
  host: engine.url,
  apiKey: engine.key,
  requestInit: { headers: { 'accept-encoding': 'identity' } },
}).index(engine.index);

async function throughApi(q: string, encoding: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(q)}`, {
    headers: { cookie, 'accept-encoding': encoding },
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`search answered ${response.status}`);
  return performance.now() - t0;
}

async function interleaved(asked: readonly string[]) {
  const api: number[] = [];
  const raw: number[] = [];
  const straight = async (q: string) => {
    const t0 = performance.now();
    await index.search(q, buildSearchParams({ q, page: 1, limit: 20 }));
    return performance.now() - t0;
  };
  // Whichever asks second may find the engine's caches warm for that query: take turns going first.
  for (const [i, q] of asked.entries()) {
    if (i % 2 === 0) {
      api.push(await throughApi(q, 'identity'));
      raw.push(await straight(q));
    } else {
      raw.push(await straight(q));
      api.push(await throughApi(q, 'identity'));
    }
  }
  return { api, raw };
}

const cold = await interleaved(coldQueries);
const warm = await interleaved(queries);
// The same queries again once the kept answers have run out, compressed as a browser asks.
await new Promise((resolve) => setTimeout(resolve, 1_100));
const compressed: number[] = [];
for (const q of queries) compressed.push(await throughApi(q, 'gzip, deflate, br'));
process.stdout.write(JSON.stringify({ cold, warm, compressed }));
