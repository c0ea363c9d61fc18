import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchMeilisearch } from './launcher.ts';

/** Processes whose command line mentions `text`, listed the way `ps` lists them to any local user. */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // Exited while we looked.
      }
    });
}

describe('launchMeilisearch', () => {
  it('runs the packaged server on loopback with a master key, and restarts it after a kill', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-meili-'));
    const meili = await launchMeilisearch({ dataDir, masterKey: 'test-master-key-0123456789' });
    try {
      expect(meili.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const unauthorized = await fetch(`${meili.url}/indexes`);
      expect(unauthorized.status).toBe(401);
      const authorized = await fetch(`${meili.url}/indexes`, {
        headers: { authorization: `Bearer ${meili.masterKey}` },
      });
      expect(authorized.status).toBe(200);

      await meili.kill();
      await expect(fetch(`${meili.url}/health`)).rejects.toThrow();
      await meili.restart();
      expect((await fetch(`${meili.url}/health`)).status).toBe(200);
    } finally {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("passes the master key in the environment only, with none of the server's own variables", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-meili-'));
    const masterKey = 'test-master-key-on-no-command-line';
    // A secret of the server's that the engine has no use for.
    const serverSecret = 'postgres://kb:server-only-password@db/kb';
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = serverSecret;
    const meili = await launchMeilisearch({ dataDir, masterKey }).finally(() => {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    });
    try {
      const [pid, ...others] = processesMentioning(dataDir);
      expect(others).toEqual([]);
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(masterKey);
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      expect(environment).toContain(`MEILI_MASTER_KEY=${masterKey}`);
      expect(environment.join('\n')).not.toContain(serverSecret);

      // The key still guards the engine.
      expect((await fetch(`${meili.url}/indexes`)).status).toBe(401);
      const authorized = await fetch(`${meili.url}/indexes`, {
        headers: { authorization: `Bearer ${masterKey}` },
      });
      expect(authorized.status).toBe(200);
    } finally {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts a supervised engine again after it dies, and not after it is stopped', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-meili-'));
    const restarts: number[] = [];
    const meili = await launchMeilisearch({
      dataDir,
      masterKey: 'test-master-key-0123456789',
      supervise: true,
      onRestart: (event) => restarts.push(event.restarts),
    });
    const healthy = async () => {
      try {
        return (await fetch(`${meili.url}/health`)).ok;
      } catch {
        return false;
      }
    };
    try {
      meili.crash();
      await expect.poll(() => meili.status().running, { timeout: 5_000 }).toBe(false);
      await expect.poll(healthy, { timeout: 30_000 }).toBe(true);
      expect(meili.status()).toEqual({ running: true, restarts: 1 });
      expect(restarts).toEqual([1]);
    } finally {
      await meili.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await healthy()).toBe(false);
    expect(meili.status().running).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
