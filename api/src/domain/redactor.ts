// Keeps the compiled redaction roster in step with the roster table, across processes.
import { dataVersion, listRoster, type Db } from '@kb/db';
import { compileRoster, redact, type RedactionResult, type Roster } from './redaction/index.ts';

export class Redactor {
  private version: number | undefined;
  private roster: Roster = compileRoster([]);

  constructor(private readonly db: Db) {}

  /**
   * Checks the roster's version on every call: another process may have added a name a moment
   * ago, and a name that slips through redaction cannot be taken back. The names are read and
   * compiled again only when the version moved.
   */
  async current(db: Db = this.db): Promise<Roster> {
    const version = await dataVersion(db, 'roster');
    if (version !== this.version) {
      const entries = await listRoster(db);
      this.roster = compileRoster(entries.map((e) => e.name));
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
}
