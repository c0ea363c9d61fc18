// The committed deployment files are valid: docker-compose resolves them with the documented example.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const haveCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
if (!haveCompose && process.env.CI) {
  throw new Error(
    'CI needs docker-compose (apt-get install docker-compose) to validate docker-compose.yml',
  );
}

describe.skipIf(!haveCompose)('docker-compose.yml', () => {
  it('passes `docker-compose config -q` with the example environment', () => {
    execFileSync('docker-compose', ['--env-file', '.env.example', 'config', '-q'], { cwd: root });
  });

  it('pins the Meilisearch image to the version the tests run', () => {
    const config = execFileSync('docker-compose', ['--env-file', '.env.example', 'config'], {
      cwd: root,
    }).toString();
    expect(config).toContain('getmeili/meilisearch:v1.21.0');
    expect(config).toContain('postgres:16');
  });
});
