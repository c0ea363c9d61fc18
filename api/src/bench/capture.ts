// Benchmark: meetings of 5 questions posted by 8 concurrent clients through the HTTP API.
import { generateQuestions } from './dataset.ts';
import { percentile, round, startStack } from './setup.ts';

export async function benchCapture(quick: boolean): Promise<Record<string, number>> {
  const stack = await startStack();
  try {
    const meetings = quick ? 200 : 1000;
    const questions = [...generateQuestions(meetings * 5, 11)];
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let m = next++; m < meetings; m = next++) {
          const batch = questions.slice(m * 5, m * 5 + 5);
          const t0 = performance.now();
          const response = await fetch(`${stack.baseUrl}/api/meetings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: stack.cookie },
            body: JSON.stringify({
              heldOn: batch[0]!.week,
              questions: batch.map(({ text, categories }) => ({ text, categories })),
            }),
          });
          await response.arrayBuffer();
          if (response.status !== 201) throw new Error(`capture answered ${response.status}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const result = {
      captureQuestionsPerSecond: round((meetings * 5) / seconds, 0),
      captureP50Ms: round(percentile(latencies, 50)),
      captureP95Ms: round(percentile(latencies, 95)),
    };
    console.log(
      `capture    ${meetings} meetings × 5 by 8 clients: ${result.captureQuestionsPerSecond} questions/s, p50 ${result.captureP50Ms} ms, p95 ${result.captureP95Ms} ms (target ≤ 20 ms)`,
    );
    return result;
  } finally {
    await stack.close();
  }
}
