// An import's redaction runs in a worker thread that gives way to the server's own thread.
import { readdirSync, readFileSync } from 'node:fs';
import { createDb, type DbHandle } from '@kb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../src/domain/redactor.ts';

/** The nice value of each of this process's threads, by thread id. */
function threadNiceness(): Map<number, number> {
  const niceness = new Map<number, number>();
  for (const thread of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    // Fields after the command's closing parenthesis; nice is the 19th field of the whole line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    niceness.set(Number(thread), Number(fields[16]));
  }
  return niceness;
}

let handle: DbHandle;
let redactor: Redactor;
beforeAll(async () => {
  handle = createDb({ kind: 'pglite', dataDir: null });
  await handle.migrate();
  redactor = new Redactor(handle.db);
});
afterAll(async () => {
  await redactor.close();
  await handle.close();
});

describe.runIf(process.platform === 'linux')('the redaction worker', () => {
  it('redacts as the server thread does, at a lower priority than it', async () => {
    const before = threadNiceness();
    const texts = ['Can Ingrid Halvorsen call me on +44 20 7946 0958?', 'Why the reorg?'];
    expect(await redactor.redactAllInWorker(texts)).toEqual(await redactor.redactAll(texts));
    const after = threadNiceness();
    expect(after.get(process.pid)).toBe(before.get(process.pid));
    const started = [...after].filter(([thread]) => !before.has(thread));
    expect(started.map(([, nice]) => nice)).toContain(10);
  });
});
