// Several app processes behind one port (PROCESSES > 1): the primary forks them with Node's
// cluster, which hands each new connection to the next one, and restarts any that dies. The
// processes share nothing in memory; Postgres coordinates their background work (the outbox is
// claimed row by row, a recompute takes an advisory lock) and their start (migrate and seed under
// one lock).
import cluster, { type Worker } from 'node:cluster';

/** What a worker tells its primary once it listens: the lines to show the operator. */
export interface ReadyMessage {
  kind: 'ready';
  lines: string[];
}

const isReady = (message: unknown): message is ReadyMessage =>
  typeof message === 'object' &&
  message !== null &&
  (message as { kind?: unknown }).kind === 'ready' &&
  Array.isArray((message as { lines?: unknown }).lines);

/** A worker that stayed up this long counts as healthy: its next death restarts it at once. */
const HEALTHY_AFTER_MS = 60_000;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
/** How long a shutdown waits for the workers to close before ending them outright. */
const SHUTDOWN_GRACE_MS = 20_000;
/** A configuration error: restarting would fail the same way. */
const CONFIG_EXIT_CODE = 2;

export interface SupervisorOptions {
  processes: number;
  /** Where the operator reads what happens: the terminal. */
  write?: (line: string) => void;
  /** Called with the exit code once the primary should end. */
  exit?: (code: number) => void;
}

/** Runs in the primary: forks the workers, shows one Ready line, restarts, shuts down. */
export function superviseProcesses({
  processes,
  write = (line) => process.stdout.write(line),
  exit = (code) => process.exit(code),
}: SupervisorOptions): { shutdown(signal: 'SIGINT' | 'SIGTERM'): void } {
  let stopping = false;
  let announced = false;
  const ready = new Set<number>();
  /** Consecutive quick deaths, per slot: the backoff grows with them. */
  const failures = new Map<number, number>();
  // A worker leaves this list before its last 'exit' event is emitted.
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);

  const fork = (slot: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (!isReady(message)) return;
      ready.add(slot);
      if (!announced && ready.size === processes) {
        announced = true;
        const [first = 'Ready', ...rest] = message.lines;
        const lines = [`${first}, ${processes} processes`, ...rest];
        write(`\n  ${lines.join('\n  ')}\n\n`);
      }
    });
    worker.on('exit', (code, signal) => {
      ready.delete(slot);
      if (stopping) {
        if (live().length === 0) exit(0);
        return;
      }
      if (code === CONFIG_EXIT_CODE) {
        // The same configuration would stop every restart too.
        stopping = true;
        for (const other of live()) other.process.kill('SIGTERM');
        exit(CONFIG_EXIT_CODE);
        return;
      }
      const quick = Date.now() - startedAt < HEALTHY_AFTER_MS;
      const count = quick ? (failures.get(slot) ?? 0) + 1 : 0;
      failures.set(slot, count);
      const delay = count === 0 ? 0 : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (count - 1));
      write(
        `App process ${slot} ended (${signal ?? `exit ${code}`}); starting it again in ${delay} ms\n`,
      );
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, delay);
    });
  };

  for (let slot = 1; slot <= processes; slot++) fork(slot);

  return {
    shutdown(signal) {
      if (stopping) return;
      stopping = true;
      const workers = live();
      if (workers.length === 0) {
        exit(0);
        return;
      }
      for (const worker of workers) worker.process.kill(signal);
      setTimeout(() => {
        for (const worker of live()) worker.process.kill('SIGKILL');
        exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
    },
  };
}
