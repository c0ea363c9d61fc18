// The capture load, in a process of its own so the clients do not share the server's event loop:
// `clients` concurrent clients post meetings until all are sent. Reads its settings as JSON from
// argv[2]; prints each request's latency in milliseconds and the seconds from the first request to
// the last answer, as JSON. The bodies are built before the clock starts, and the requests go
// through node:http on kept-alive connections: the client should cost the shared cores little.
import { Agent, request } from 'node:http';
import { generateQuestions } from './dataset.ts';

const { url, cookie, meetings, clients, seed } = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  cookie: string;
  meetings: number;
  clients: number;
  seed: number;
};
const questions = [...generateQuestions(meetings * 5, seed)];
const bodies = Array.from({ length: meetings }, (_, m) => {
  const batch = questions.slice(m * 5, m * 5 + 5);
  return JSON.stringify({
    heldOn: batch[0]!.week,
    questions: batch.map(({ text, categories }) => ({ text, categories })),
  });
});
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const target = new URL('/api/meetings', url);

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          cookie,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const latencies: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    for (let m = next++; m < meetings; m = next++) {
      const sent = performance.now();
      const status = await post(bodies[m]!);
      if (status !== 201) throw new Error(`capture answered ${status}`);
      latencies.push(performance.now() - sent);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(JSON.stringify({ latencies, seconds }));
