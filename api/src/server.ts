// Starts the product: reads the config, builds the app, listens, prints where it is.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { describeError } from '@kb/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { PRIVATE_UMASK, secureDataDir, type DataDirReport } from './data-dir.ts';
import { superviseProcesses, type ReadyMessage } from './processes.ts';

/**
 * The embedded default must be usable on a fresh clone: with no admin configured, the first start
 * creates one with a random password and shows it once, on the terminal only.
 */
function withFirstAdmin(config: Config): { config: Config; generated: boolean } {
  if (config.admin || config.database.kind !== 'pglite') return { config, generated: false };
  const admin = { email: 'admin@example.com', password: randomBytes(12).toString('base64url') };
  return { config: { ...config, admin }, generated: true };
}

/** Tells the operator about files that were, or still are, open to other accounts. */
function reportDataDir(app: FastifyInstance, before: DataDirReport, after: DataDirReport) {
  const dataDir = app.config.dataDir;
  if (before.tightened > 0) {
    app.log.warn(
      { dataDir, entries: before.tightened },
      'DATA_DIR was open to other accounts: its files are now private to this one',
    );
  }
  const refused = [...new Set([...before.refused, ...after.refused])];
  if (refused.length > 0) {
    app.log.warn(
      { dataDir, paths: refused.slice(0, 20), count: refused.length },
      'DATA_DIR holds files this account cannot make private: fix their owner or mode',
    );
  }
  if (before.stoppedEarly || after.stoppedEarly) {
    app.log.warn({ dataDir }, 'DATA_DIR holds too many files to check them all at start');
  }
}

async function main() {
  // Before anything writes: what the server and its search engine (which inherits this) create is
  // readable by this account alone.
  process.umask(PRIVATE_UMASK);
  const { config, generated } = withFirstAdmin(loadConfig());
  if (cluster.isPrimary && config.processes > 1) {
    const supervisor = superviseProcesses({ processes: config.processes });
    process.once('SIGINT', () => supervisor.shutdown('SIGINT'));
    process.once('SIGTERM', () => supervisor.shutdown('SIGTERM'));
    return;
  }
  const dataDirBefore = secureDataDir(config);
  const app = await buildApp(config);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (dataDirBefore) {
    // PGlite ignores the umask (a new database's files are 0666): the 0700 folder has kept them
    // from others since it opened; now that it has, the files themselves are brought in line.
    reportDataDir(app, dataDirBefore, secureDataDir(config)!);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const where =
    config.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'Postgres';
  const lines = [`Ready: http://${host}:${port}/  (${where})`];
  if (generated && app.seedReport?.adminCreated) {
    lines.push(
      `First admin created: ${config.admin!.email} / ${config.admin!.password}`,
      'This password is shown once; change it with `npm run cli -- set-password`.',
    );
  } else if (!config.admin && app.seedReport && !app.seedReport.adminCreated) {
    lines.push('Create a user with `npm run cli -- create-user` if you have none.');
  }
  if (cluster.isWorker) {
    // The primary shows one line for all its processes.
    const ready: ReadyMessage = { kind: 'ready', lines };
    process.send?.(ready);
    return;
  }
  process.stdout.write(`\n  ${lines.join('\n  ')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(describeError(error));
  process.exit(1);
});
