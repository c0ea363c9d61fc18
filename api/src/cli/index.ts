// The command line for the people who run the installation: accounts and the search index.
// With the embedded default, stop the server first: its database and engine are single-process.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  createDb,
  describeError,
  findUserByEmail,
  insertMissingCategories,
  roles,
  type Role,
} from '@kb/db';
import { SearchService, SearchSync, checkIndex, launchMeilisearch, reindex } from '@kb/search';
import { z } from 'zod';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { PRIVATE_UMASK, secureDataDir } from '../data-dir.ts';
import { systemActor } from '../domain/actor.ts';
import { defaultCategories } from '../domain/default-categories.ts';
import { importQuestions } from '../domain/import.ts';
import { Redactor } from '../domain/redactor.ts';
import { ThemeService } from '../domain/themes/index.ts';
import { changeUser, createUser } from '../domain/users.ts';
import { AppError } from '../domain/errors.ts';
import { passwordSchema } from '../schemas/auth.ts';

const usage = `Usage:
  npm run cli -- create-user --email EMAIL --role admin|editor|viewer
  npm run cli -- set-password --email EMAIL
  npm run cli -- reindex        rebuild the search index from Postgres and swap it in
  npm run cli -- check-index    compare Postgres with the search index and report drift
  npm run cli -- sync           run the search outbox worker alone, until interrupted
  npm run cli -- recompute-themes   regroup every unpinned theme now
  npm run cli -- import FILE.csv|FILE.json [--dry-run]   import past questions (all or nothing)
The password is read from KB_PASSWORD, or asked for on the terminal.`;

const searchCommands = new Set(['reindex', 'check-index', 'sync']);

async function readPassword(): Promise<string> {
  const fromEnv = process.env.KB_PASSWORD;
  const password =
    fromEnv ??
    (await (async () => {
      if (!process.stdin.isTTY)
        throw new CliError('Set KB_PASSWORD: there is no terminal to ask on.');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question('Password (12+ characters): ');
      } finally {
        rl.close();
      }
    })());
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new CliError(`Password ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}

class CliError extends Error {}

/**
 * The config, with DATA_DIR made private before the command opens anything in it and again as the
 * command exits, since PGlite sets the modes of the files it writes itself. The server's next start
 * reports anything that could not be changed.
 */
function loadPrivateConfig(): Config {
  const config = loadConfig();
  secureDataDir(config);
  process.once('exit', () => secureDataDir(config));
  return config;
}

async function main(argv: string[]) {
  // As in the server: what a command writes is this account's alone.
  process.umask(PRIVATE_UMASK);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const [command = ''] = positionals;
  if (searchCommands.has(command)) return searchCommand(command);
  if (command === 'recompute-themes') return recomputeCommand();
  if (command === 'import') return importCommand(positionals[1], values['dry-run'] === true);
  if (command !== 'create-user' && command !== 'set-password') throw new CliError(usage);
  const email = z.email().safeParse(values.email?.toLowerCase());
  if (!email.success) throw new CliError(`--email must be an email address.\n${usage}`);

  const config = loadPrivateConfig();
  const handle = createDb(config.database);
  try {
    await handle.migrate();
    if (command === 'create-user') {
      const role = z.enum(roles).safeParse(values.role);
      if (!role.success) throw new CliError(`--role must be one of ${roles.join(', ')}.`);
      const user = await createUser(
        handle.db,
        { email: email.data, password: await readPassword(), role: role.data as Role },
        systemActor,
      );
      console.log(`Created ${user.email} (${user.role}).`);
    } else {
      const user = await findUserByEmail(handle.db, email.data);
      if (!user) throw new CliError(`No user has the email ${email.data}.`);
      await changeUser(handle.db, user.id, { password: await readPassword() }, systemActor);
      console.log(`Password changed for ${user.email}; their sessions were ended.`);
    }
  } finally {
    await handle.close();
  }
}

function progressBar(done: number, total: number) {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done >= total) process.stderr.write('\n');
}

async function importCommand(file: string | undefined, dryRun: boolean) {
  if (!file) throw new CliError(`Name the file to import.\n${usage}`);
  const format = file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`Cannot read ${file}.`);
  }
  const config = loadPrivateConfig();
  const handle = createDb(config.database);
  try {
    await handle.migrate();
    // A database the server never started on still needs the default categories.
    await insertMissingCategories(handle.db, defaultCategories);
    const report = await importQuestions(
      handle.db,
      new Redactor(handle.db),
      { format, content, dryRun },
      systemActor,
      { onProgress: progressBar },
    );
    console.log(`${report.rows} rows: ${report.valid} valid, ${report.rejected.length} rejected.`);
    for (const r of report.rejected.slice(0, 50)) console.log(`  line ${r.line}: ${r.reason}`);
    if (report.rejected.length > 50) console.log(`  … and ${report.rejected.length - 50} more`);
    const kinds = Object.entries(report.redacted.byKind).map(([kind, n]) => `${n} ${kind}`);
    console.log(
      `Redaction changes ${report.redacted.rows} rows${kinds.length ? ` (${kinds.join(', ')})` : ''}.`,
    );
    if (report.rejected.length > 0) {
      console.log(
        dryRun
          ? 'Fix or drop the rejected rows, then import.'
          : 'Nothing was imported: fix or drop the rejected rows first.',
      );
      process.exitCode = 1;
    } else if (dryRun) {
      console.log(
        `Dry run: nothing was written. Importing would create ${report.created.questions} questions as ${report.created.meetings} meetings; run again without --dry-run.`,
      );
    } else {
      console.log(
        `Imported ${report.created.questions} questions as ${report.created.meetings} meetings.`,
      );
      console.log('Placing them in themes…');
      const themes = await new ThemeService(handle.db, new Redactor(handle.db)).recompute(
        systemActor,
      );
      console.log(`${themes.themes} themes over ${themes.questions} questions.`);
    }
  } finally {
    await handle.close();
  }
}

async function recomputeCommand() {
  const config = loadPrivateConfig();
  const handle = createDb(config.database);
  try {
    await handle.migrate();
    const report = await new ThemeService(handle.db, new Redactor(handle.db)).recompute(
      systemActor,
    );
    console.log(
      `${report.themes} themes from ${report.questions} questions (${report.pinnedQuestions} kept in pinned themes; ${report.kept} kept, ${report.created} new, ${report.retired} retired) in ${report.seconds.toFixed(1)} s.`,
    );
    console.log('The search index catches up when the server (or `npm run cli -- sync`) runs.');
  } finally {
    await handle.close();
  }
}

async function searchCommand(command: string) {
  const config = loadPrivateConfig();
  if (config.search.kind === 'off') throw new CliError('Search is off (SEARCH=off).');
  const handle = createDb(config.database);
  const local =
    config.search.kind === 'embedded'
      ? await launchMeilisearch({
          dataDir: config.search.dataDir,
          masterKey: randomBytes(24).toString('hex'),
        })
      : undefined;
  const search = local
    ? new SearchService({ url: local.url, masterKey: local.masterKey })
    : new SearchService({
        url: (config.search as { url: string }).url,
        masterKey: (config.search as { masterKey: string }).masterKey,
      });
  try {
    await handle.migrate();
    if (command === 'reindex') {
      const report = await reindex(handle.db, search, (n) =>
        process.stdout.write(`\r  ${n} documents`),
      );
      console.log(
        `\nRebuilt the index: ${report.documents} documents, ${report.replayed} replayed, ${report.seconds.toFixed(1)} s.`,
      );
    } else if (command === 'check-index') {
      const drift = await checkIndex(handle.db, search);
      console.log(
        `Postgres ${drift.database}, index ${drift.index}: ${drift.missing.length} missing, ${drift.extra.length} extra, ${drift.stale.length} stale.`,
      );
      for (const [label, ids] of Object.entries({
        missing: drift.missing,
        extra: drift.extra,
        stale: drift.stale,
      })) {
        for (const id of ids.slice(0, 20)) console.log(`  ${label} ${id}`);
      }
      if (drift.missing.length + drift.extra.length + drift.stale.length > 0) process.exitCode = 1;
    } else {
      const sync = new SearchSync(handle.db, search, {
        logger: { info: (o, m) => console.log(m, o), warn: (o, m) => console.warn(m, o) },
      });
      sync.start();
      console.log('Draining the search outbox; Ctrl-C stops.');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await sync.stop();
    }
  } finally {
    await handle.close();
    await local?.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof AppError) {
    console.error(error.message);
    process.exit(2);
  }
  // Kinds, codes and frames only: a driver error's message repeats the query's parameters.
  console.error(describeError(error));
  process.exit(1);
});
