// Keeps DATA_DIR, where the embedded database and search engine live, to the account that runs the
// server: it holds the roster, password hashes and every question.
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

/** What the entry points set before anything writes: new files and folders are the owner's alone. */
export const PRIVATE_UMASK = 0o077;

/** Far beyond what an installation holds (about 1,100 entries): only a bound on a strange folder. */
const MAX_ENTRIES = 100_000;

export interface DataDirReport {
  /** Entries the group's and others' permissions were taken off. */
  tightened: number;
  /** Entries this account may not change (another's files): they stay as they are. */
  refused: string[];
  /** The walk stopped at its bound before it saw everything. */
  stoppedEarly: boolean;
}

/** The folders in DATA_DIR that the embedded database and engine write; none with servers. */
function embeddedFolders(config: Config): string[] {
  const folders: string[] = [];
  if (config.database.kind === 'pglite' && config.database.dataDir) {
    folders.push(config.database.dataDir);
  }
  if (config.search.kind === 'embedded') folders.push(config.search.dataDir);
  return folders;
}

/**
 * Creates DATA_DIR private, and takes group and other permissions off it and off everything in the
 * folders the product keeps there: an installation made before this was done, and the files PGlite
 * writes, since it sets their modes itself (0666 for a new database) whatever the umask. Anything
 * else the operator keeps in DATA_DIR is left as it is, behind the private folder, and symbolic
 * links are not followed. Null when nothing embedded is in use.
 */
export function secureDataDir(config: Config): DataDirReport | null {
  const folders = embeddedFolders(config);
  if (folders.length === 0) return null;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const report: DataDirReport = { tightened: 0, refused: [], stoppedEarly: false };

  const tighten = (entry: string, follow: boolean) => {
    try {
      const stat = follow ? statSync(entry) : lstatSync(entry);
      if (stat.isSymbolicLink()) return [];
      if (stat.mode & 0o077) {
        chmodSync(entry, stat.mode & 0o700);
        report.tightened++;
      }
      return stat.isDirectory() ? readdirSync(entry).map((name) => path.join(entry, name)) : [];
    } catch (error) {
      // A file the running database removed meanwhile, or a folder not made yet, needs nothing.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report.refused.push(entry);
      return [];
    }
  };

  // DATA_DIR itself may be a link to where the operator keeps it.
  tighten(config.dataDir, true);
  const pending = [...folders];
  for (let seen = 0; pending.length > 0; seen++) {
    if (seen === MAX_ENTRIES) {
      report.stoppedEarly = true;
      break;
    }
    pending.push(...tighten(pending.pop()!, false));
  }
  return report;
}
