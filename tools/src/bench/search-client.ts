// The search benchmark's client, in a process of its own as a browser would be: the server's event
// loop then does the server's work alone. Asks each query through GET /api/search, through a bare
// relay (the floor of any server between a browser and the engine) and straight to Meilisearch,
// one after the other, with Node's fetch on all three. Reads its settings as JSON from argv[2];
// prints the timings (ms) as JSON.
import { buildSearchParams } from '@kb/search';
import { Meilisearch } from 'meilisearch';

const { baseUrl, relayUrl, cookie, engine, coldQueries, queries } = JSON.parse(
  process.argv[2] ?? '{}',
) as {
  baseUrl: string;
  relayUrl: string;
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

async function through(server: string, q: string, encoding: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${server}/api/search?q=${encodeURIComponent(q)}`, {
    headers: { cookie, 'accept-encoding': encoding },
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`search answered ${response.status}`);
  return performance.now() - t0;
}

async function interleaved(asked: readonly string[]) {
  const timings = { api: [] as number[], relay: [] as number[], raw: [] as number[] };
  const ways: [keyof typeof timings, (q: string) => Promise<number>][] = [
    ['api', (q) => through(baseUrl, q, 'identity')],
    ['relay', (q) => through(relayUrl, q, 'identity')],
    [
      'raw',
      async (q) => {
        const t0 = performance.now();
        await index.search(q, buildSearchParams({ q, page: 1, limit: 20 }));
        return performance.now() - t0;
      },
    ],
  ];
  // Whoever asks after the first may find the engine's caches warm for that query: take turns.
  for (const [i, q] of asked.entries()) {
    for (let turn = 0; turn < ways.length; turn++) {
      const [name, ask] = ways[(i + turn) % ways.length]!;
      timings[name].push(await ask(q));
    }
  }
  return timings;
}

const cold = await interleaved(coldQueries);
const warm = await interleaved(queries);
// The same queries again once the kept answers have run out, compressed as a browser asks.
await new Promise((resolve) => setTimeout(resolve, 1_100));
const compressed: number[] = [];
for (const q of queries) compressed.push(await through(baseUrl, q, 'gzip, deflate, br'));
process.stdout.write(JSON.stringify({ cold, warm, compressed }));
