// Benchmark: meetings of 5 questions posted through the HTTP API, the clients in a process of their
// own: first one client (how long a capture takes), then 8 at once (how many questions a second).
import { percentile, round, runLoadScript, startStack } from './setup.ts';

interface CaptureRun {
  latencies: number[];
  seconds: number;
}

export async function benchCapture(quick: boolean): Promise<Record<string, number>> {
  const stack = await startStack();
  try {
    const run = async (clients: number, meetings: number, seed: number) =>
      JSON.parse(
        await runLoadScript('./capture-clients.ts', {
          url: stack.baseUrl,
          cookie: stack.cookie,
          meetings,
          clients,
          seed,
        }),
      ) as CaptureRun;

    const alone = await run(1, quick ? 100 : 300, 11);
    const together = await run(8, quick ? 300 : 1500, 12);
    const result = {
      captureOneClientP50Ms: round(percentile(alone.latencies, 50)),
      captureOneClientP95Ms: round(percentile(alone.latencies, 95)),
      captureQuestionsPerSecond: round((together.latencies.length * 5) / together.seconds, 0),
      captureP50Ms: round(percentile(together.latencies, 50)),
      captureP95Ms: round(percentile(together.latencies, 95)),
    };
    console.log(
      `capture    1 client, ${alone.latencies.length} meetings × 5: p50 ${result.captureOneClientP50Ms} ms, p95 ${result.captureOneClientP95Ms} ms (target ≤ 25 ms)`,
    );
    console.log(
      `capture    8 clients, ${together.latencies.length} meetings × 5: ${result.captureQuestionsPerSecond} questions/s (target ≥ 800), p50 ${result.captureP50Ms} ms, p95 ${result.captureP95Ms} ms`,
    );
    return result;
  } finally {
    await stack.close();
  }
}
