// The load generator, in a process of its own so it does not share the server's event loop.
// Reads its settings as JSON from argv[2]; prints autocannon's result as JSON. With `coldSearches`,
// every search path gets a page and limit of its own, so no search is asked twice.
import autocannon from 'autocannon';

const { url, cookie, paths, coldSearches, connections, duration } = JSON.parse(
  process.argv[2] ?? '{}',
) as {
  url: string;
  cookie: string;
  paths: string[];
  coldSearches?: boolean;
  connections: number;
  duration: number;
};
let next = 0;
const pathAt = (n: number) => {
  const path = paths[n % paths.length]!;
  if (!coldSearches || !path.startsWith('/api/search?')) return path;
  // 20 pages × 50 limits of each search: a repeat comes seconds later, after a kept answer ended.
  const round = Math.floor(n / paths.length);
  return `${path}&page=${1 + (round % 20)}&limit=${1 + (Math.floor(round / 20) % 50)}`;
};
const result = await autocannon({
  url,
  connections,
  duration,
  timeout: 10,
  headers: { cookie },
  requests: [{ setupRequest: (req) => ({ ...req, path: pathAt(next++) }) }],
});
process.stdout.write(JSON.stringify(result));
