// The load generator, in a process of its own so it does not share the server's event loop.
// Reads its settings as JSON from argv[2]; prints autocannon's result as JSON.
import autocannon from 'autocannon';

const { url, cookie, paths, connections, duration } = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  cookie: string;
  paths: string[];
  connections: number;
  duration: number;
};
let next = 0;
const result = await autocannon({
  url,
  connections,
  duration,
  timeout: 10,
  headers: { cookie },
  requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
});
process.stdout.write(JSON.stringify(result));
