// Keeps the compiled redaction roster in step with the roster table, across processes.
import { listRoster, type Db } from '@kb/db';
import { compileRoster, redact, type RedactionResult, type Roster } from './redaction/index.ts';

export class Redactor {
  private names: string | undefined;
  private roster: Roster = compileRoster([]);

  constructor(private readonly db: Db) {}

  /**
   * Reads the roster on every call: another process may have added a name a moment ago, and a name
   * that slips through redaction cannot be taken back. Compiling happens only when it changed.
   */
  async current(db: Db = this.db): Promise<Roster> {
    const entries = await listRoster(db);
    const names = entries.map((e) => e.name).join('\n');
    if (names !== this.names) {
      this.roster = compileRoster(entries.map((e) => e.name));
      this.names = names;
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
