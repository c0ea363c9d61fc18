import { describe, expect, it } from 'vitest';
import { describeError, describeErrorBriefly } from './errors.ts';

const question = 'Will the Porto office close after the merger?';

class PostgresError extends Error {
  override name = 'PostgresError';
  code = '23503';
  table_name = 'questions';
  constraint_name = 'questions_theme_id_themes_id_fk';
  routine = 'ri_ReportViolation';
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

/** A class nobody listed anywhere, carrying a question in every field it has. */
class RenderingError extends Error {
  readonly row = { text: question };
  readonly table = question;
  readonly status = question;
  readonly code = question;
  constructor() {
    // A message over several lines, one of them shaped like a stack frame.
    super(`could not render\n    at ${question} (the row)\n${question}`, {
      cause: { code: 'E_RENDER', text: question, detail: question },
    });
    this.name = question;
  }
}

describe('describeError', () => {
  it('keeps kinds, codes and names of a driver error, and none of its parameters', () => {
    const error = new DrizzleQueryError(
      'insert into questions (text) values ($1)',
      [question],
      new PostgresError('insert or update on table "questions" violates foreign key constraint'),
    );
    const described = describeError(error);
    expect(described).toEqual({
      type: 'DrizzleQueryError < PostgresError',
      code: '23503',
      table: 'questions',
      constraint: 'questions_theme_id_themes_id_fk',
      routine: 'ri_ReportViolation',
      frames: expect.arrayContaining([expect.stringMatching(/errors\.test\.ts:\d+:\d+\)?$/)]),
    });
    expect(JSON.stringify(described)).not.toContain('Porto');
    expect(JSON.stringify(described)).not.toContain('violates');
    expect(describeErrorBriefly(error)).toBe(
      'DrizzleQueryError < PostgresError: 23503: questions.questions_theme_id_themes_id_fk',
    );
  });

  it('lets nothing of an unknown error class through but its class, safe fields and frames', () => {
    const error = new RenderingError();
    const described = describeError(error);
    expect(described).toEqual({
      type: 'RenderingError',
      code: 'E_RENDER',
      frames: expect.any(Array),
    });
    expect(described.frames!.length).toBeGreaterThan(0);
    for (const text of [JSON.stringify(described), describeErrorBriefly(error)]) {
      expect(text).not.toContain('Porto');
      expect(text).not.toContain('render');
    }
  });

  it('takes the code and status a service put on a cause that is not an error', () => {
    const error = Object.assign(new Error(`Document \`{"text":"${question}"}\` is invalid`), {
      name: 'ServiceApiError',
      response: { status: 400, body: question },
      cause: { code: 'invalid_document_fields', message: question },
    });
    expect(describeErrorBriefly(error)).toBe('ServiceApiError: invalid_document_fields: HTTP 400');
    expect(JSON.stringify(describeError(error))).not.toContain('Porto');
  });

  it('keeps no message, not even of a built-in error that quotes its input', () => {
    let error: unknown;
    try {
      JSON.parse(question);
    } catch (thrown) {
      error = thrown;
    }
    expect((error as Error).message).toContain('Will');
    expect(describeError(error)).toEqual({ type: 'SyntaxError', frames: expect.any(Array) });
    expect(JSON.stringify(describeError(error))).not.toContain('Will');
  });

  it('describes a thrown value that is not an error by its type alone', () => {
    expect(describeError(question)).toEqual({ type: 'string' });
    expect(describeError({ text: question })).toEqual({ type: 'object' });
  });
});
