// DATA_DIR holds the embedded database (roster, password hashes) and the search engine's copy of
// every question: only the account that runs the server may read it, whatever umask it started with.
import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { secureDataDir } from '../src/data-dir.ts';
import { testConfig } from './support.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'kb-data-dir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const installation = path.join(scratch, 'installation');

/** Everything under `dir`, itself included, that its group or others may read, write or enter. */
function openToOthers(dir: string): string[] {
  const open: string[] = [];
  const visit = (entry: string) => {
    const stat = lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) {
      open.push(`${(stat.mode & 0o777).toString(8)} ${path.relative(dir, entry) || '.'}`);
    }
    if (stat.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
  return open;
}

/** What `npm start` and `npm run cli` get for the embedded default in `dataDir`, and no more. */
const embeddedEnvironment = (dataDir: string) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
});

/** Runs an entry point under umask 000, so that nothing is owed to the umask of whoever starts it. */
const underUmask000 = (script: string, ...args: string[]) => [
  '-c',
  'umask 000 && exec "$@"',
  'sh',
  process.execPath,
  '--import',
  'tsx',
  script,
  ...args,
];

/** The server as `npm start` runs it, with the embedded database and search engine. */
async function startServer(dataDir: string) {
  const server = spawn('/bin/sh', underUmask000('api/src/server.ts'), {
    cwd: root,
    env: embeddedEnvironment(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = /Ready: (http:\/\/[^/\s]+)\//.exec(output);
      if (ready) resolve(ready[1]!);
    };
    server.stdout.on('data', collect);
    server.stderr.on('data', collect);
    void exited.then((code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return {
    url,
    async stop() {
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  };
}

describe('DATA_DIR', () => {
  it('is private to the server account after a start, an older installation included', async () => {
    // What an earlier version left behind, as loose as a umask of 000 made it.
    mkdirSync(path.join(installation, 'meili'), { recursive: true });
    writeFileSync(path.join(installation, 'meili', 'meilisearch.log'), '');
    chmodSync(installation, 0o777);
    chmodSync(path.join(installation, 'meili'), 0o777);
    chmodSync(path.join(installation, 'meili', 'meilisearch.log'), 0o666);

    const server = await startServer(installation);
    try {
      // Once the essay's questions are indexed, the engine has written its index files too.
      await expect
        .poll(
          async () => {
            const health = (await (await fetch(`${server.url}/api/health`)).json()) as {
              search: { status: string; pendingChanges: number | null };
            };
            return health.search;
          },
          { timeout: 30_000 },
        )
        .toMatchObject({ status: 'ok', pendingChanges: 0 });
    } finally {
      await server.stop();
    }

    expect(readdirSync(installation).sort()).toEqual(['meili', 'pglite']);
    expect(openToOthers(installation)).toEqual([]);
  }, 90_000); // A first start: a new database, the engine and the essay, on a busy machine.

  it('stays private after a command-line run on it', async () => {
    await promisify(execFile)(
      '/bin/sh',
      underUmask000('api/src/cli/index.ts', 'recompute-themes'),
      {
        cwd: root,
        env: embeddedEnvironment(installation),
      },
    );
    expect(openToOthers(installation)).toEqual([]);
  });

  it("changes nothing it does not keep: what a link points at, the operator's own files", () => {
    const dataDir = path.join(scratch, 'linked');
    const elsewhere = path.join(scratch, 'elsewhere.txt');
    const operatorNotes = path.join(dataDir, 'notes.txt');
    mkdirSync(path.join(dataDir, 'pglite'), { recursive: true, mode: 0o755 });
    for (const file of [elsewhere, operatorNotes]) {
      writeFileSync(file, '');
      chmodSync(file, 0o644);
    }
    symlinkSync(elsewhere, path.join(dataDir, 'pglite', 'link'));
    const config = testConfig({
      dataDir,
      database: { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    });

    expect(secureDataDir(config)).toEqual({ tightened: 2, refused: [], stoppedEarly: false });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dataDir, 'pglite')).mode & 0o777).toBe(0o700);
    expect(statSync(elsewhere).mode & 0o777).toBe(0o644);
    expect(statSync(operatorNotes).mode & 0o777).toBe(0o644);
  });
});
