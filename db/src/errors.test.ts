import { describe, expect, it } from 'vitest';
import { describeError, describeErrorBriefly } from './errors.ts';

class PostgresError extends Error {
  override name = 'PostgresError';
  code = '23503';
  table_name = 'questions';
  constraint_name = 'questions_theme_id_themes_id_fk';
  detail = 'Key (theme_id)=(…) is not present in table "themes".';
}

class DrizzleQueryError extends Error {
  override name = 'DrizzleQueryError';
  constructor(
    readonly query: string,
    readonly params: unknown[],
    cause: Error,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`, { cause });
  }
}

describe('describeError', () => {
  it('keeps kinds, codes and names of a driver error, and none of its parameters', () => {
    const error = new DrizzleQueryError(
      'insert into questions (text) values ($1)',
      ['Will the Porto office close?'],
      new PostgresError('insert or update on table "questions" violates foreign key constraint'),
    );
    const described = describeError(error);
    expect(described).toMatchObject({
      type: 'DrizzleQueryError < PostgresError',
      code: '23503',
      table: 'questions',
      constraint: 'questions_theme_id_themes_id_fk',
    });
    expect(described.message).toBeUndefined();
    expect(described.frames?.length).toBeGreaterThan(0);
    expect(JSON.stringify(described)).not.toContain('Porto');
    expect(describeErrorBriefly(error)).toBe(
      'DrizzleQueryError < PostgresError: 23503: questions.questions_theme_id_themes_id_fk',
    );
  });

  it('takes a search engine error by its code, under either spelling of the client', () => {
    for (const name of ['MeilisearchApiError', 'MeiliSearchApiError']) {
      const error = Object.assign(new Error('Document `{"text":"Porto"}` is invalid'), {
        name,
        cause: { code: 'invalid_document_fields' },
      });
      expect(describeErrorBriefly(error)).toBe(`${name}: invalid_document_fields`);
    }
  });

  it('keeps the message of the application’s own errors', () => {
    expect(describeError(new TypeError('x is not a function'))).toMatchObject({
      type: 'TypeError',
      message: 'x is not a function',
    });
  });
});
