// Benchmark: meetings of 5 questions posted by 8 concurrent clients through the HTTP API, the
// clients in a process of their own.
import { percentile, round, runLoadScript, startStack } from './setup.ts';

export async function benchCapture(quick: boolean): Promise<Record<string, number>> {
  const stack = await startStack();
  try {
    const meetings = quick ? 200 : 1000;
    const started = performance.now();
    const latencies = JSON.parse(
      await runLoadScript('./capture-clients.ts', {
        url: stack.baseUrl,
        cookie: stack.cookie,
        meetings,
        clients: 8,
        seed: 11,
      }),
    ) as number[];
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
