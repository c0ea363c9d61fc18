// A Meilisearch of a test's own, started as the product starts it, with a service on one index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchMeilisearch, type LocalMeilisearch } from '../src/launcher.ts';
import { SearchService } from '../src/service.ts';

export interface TestEngine {
  meili: LocalMeilisearch;
  service: SearchService;
  /** Stops the engine and removes its folder. */
  stop(): Promise<void>;
}

/** An engine in a temporary folder, its index `name` set up; `timeoutMs` is the service's. */
export async function startTestEngine(
  name: string,
  options: { timeoutMs?: number } = {},
): Promise<TestEngine> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `kb-${name}-meili-`));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  let meili: LocalMeilisearch | undefined;
  try {
    meili = await launchMeilisearch({ dataDir, masterKey: `${name}-test-master-key-0123456789` });
    const service = new SearchService({
      url: meili.url,
      masterKey: meili.masterKey,
      indexName: name,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    await service.ensureIndex();
    const started = meili;
    return {
      meili: started,
      service,
      async stop() {
        service.close();
        await started.stop();
        remove();
      },
    };
  } catch (error) {
    await meili?.stop();
    remove();
    throw error;
  }
}
