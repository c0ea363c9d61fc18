// Keeps the compiled redaction roster in step with the roster table, across processes.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataVersion, listRoster, type Db } from '@kb/db';
import { Piscina } from 'piscina';
import { compileRoster, redact, type RedactionResult, type Roster } from './redaction/index.ts';
import type { RedactionTask } from './redaction/worker.ts';

/** The worker module beside this one: TypeScript when run from source, JavaScript when built. */
const workerFile = fileURLToPath(
  new URL(`./redaction/worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/** A worker runs source only through the loader the app runs with; tests may not pass it on. */
function workerExecArgv(): string[] {
  const loaded = /--import[ =](?:tsx|\S*\/tsx\/dist\/loader)/.test(process.execArgv.join(' '));
  return workerFile.endsWith('.ts') && !loaded
    ? [...process.execArgv, '--import', 'tsx']
    : process.execArgv;
}

/** One worker thread, and what settles as soon as it cannot start (the pool would keep trying). */
interface RedactionWorker {
  pool: Piscina<RedactionTask, RedactionResult[]>;
  failed: Promise<never>;
}

export class Redactor {
  private version: number | undefined;
  private names: readonly string[] = [];
  private roster: Roster = compileRoster([]);
  private worker: RedactionWorker | undefined;
  /** Set once a worker could not start or died: redaction stays on the calling thread. */
  private workerBroken = false;

  constructor(private readonly db: Db) {}

  /**
   * Checks the roster's version on every call: another process may have added a name a moment
   * ago, and a name that slips through redaction cannot be taken back. The names are read and
   * compiled again only when the version moved.
   */
  async current(db: Db = this.db): Promise<Roster> {
    const version = await dataVersion(db, 'roster');
    if (version !== this.version) {
      this.names = (await listRoster(db)).map((e) => e.name);
      this.roster = compileRoster(this.names);
      this.version = version;
    }
    return this.roster;
  }

  async redact(text: string, db: Db = this.db): Promise<RedactionResult> {
    return redact(text, await this.current(db));
  }

  /** Many texts against one read of the roster. */
  async redactAll(texts: readonly string[], db: Db = this.db): Promise<RedactionResult[]> {
    const roster = await this.current(db);
    return texts.map((text) => redact(text, roster));
  }

  /**
   * The same in a worker thread, so this thread is free meanwhile (an import writes the previous
   * chunk). One worker: on a small machine the database and the engine need the other cores. It
   * stops after a minute unused and starts again on the next call.
   */
  async redactAllInWorker(texts: readonly string[], db: Db = this.db): Promise<RedactionResult[]> {
    await this.current(db);
    if (this.workerBroken) return texts.map((text) => redact(text, this.roster));
    const worker = (this.worker ??= startWorker());
    try {
      const running = worker.pool.run({
        rosterVersion: this.version!,
        rosterNames: this.names,
        texts,
      });
      // Should the worker fail first, this settles only when the pool is destroyed: nobody waits.
      running.catch(() => undefined);
      return await Promise.race([running, worker.failed]);
    } catch {
      // A worker that cannot start (or died) costs speed, not the import: redact here instead. A
      // fault in redaction itself fails here the same way.
      this.workerBroken = true;
      await this.close();
      return texts.map((text) => redact(text, this.roster));
    }
  }

  /**
   * Starts the worker thread without waiting for it, so that its start (about half a second of
   * loading the redaction rules) overlaps what the caller does before its first chunk.
   */
  warmWorker(): void {
    if (this.workerBroken || this.worker) return;
    const worker = (this.worker = startWorker());
    worker.pool.run({ rosterVersion: -1, rosterNames: [], texts: [] }).catch(() => undefined);
  }

  /** Whether a worker thread is up (it starts with the first large import). */
  get inWorker(): boolean {
    return this.worker !== undefined;
  }

  /** Stops the worker thread, if one runs. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.pool.destroy();
  }
}

function startWorker(): RedactionWorker {
  const pool = new Piscina<RedactionTask, RedactionResult[]>({
    filename: workerFile,
    execArgv: workerExecArgv(),
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 60_000,
  });
  const failed = new Promise<never>((_, reject) => pool.once('error', reject));
  failed.catch(() => undefined);
  return { pool, failed };
}
