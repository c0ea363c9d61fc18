import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchMeilisearch } from './launcher.ts';

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
});
