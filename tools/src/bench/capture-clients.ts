// The capture load, in a process of its own so the clients do not share the server's event loop:
// `clients` concurrent clients post meetings until all are sent. Reads its settings as JSON from
// argv[2]; prints each request's latency in milliseconds as JSON.
import { generateQuestions } from './dataset.ts';

const { url, cookie, meetings, clients, seed } = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  cookie: string;
  meetings: number;
  clients: number;
  seed: number;
};
const questions = [...generateQuestions(meetings * 5, seed)];
const latencies: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: clients }, async () => {
    for (let m = next++; m < meetings; m = next++) {
      const batch = questions.slice(m * 5, m * 5 + 5);
      const started = performance.now();
      const response = await fetch(`${url}/api/meetings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          heldOn: batch[0]!.week,
          questions: batch.map(({ text, categories }) => ({ text, categories })),
        }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`capture answered ${response.status}`);
      latencies.push(performance.now() - started);
    }
  }),
);
process.stdout.write(JSON.stringify(latencies));
