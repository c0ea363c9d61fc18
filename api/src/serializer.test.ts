import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from './serializer.ts';

const compile = (schema: unknown) =>
  serializerCompiler({ schema, method: 'GET', url: '/api/things', httpStatus: '200' });

describe('serializerCompiler', () => {
  const serialize = compile(
    z.object({ id: z.uuid(), text: z.string(), theme: z.object({ name: z.string() }).nullable() }),
  );
  const id = '3f0b6c1e-8a4c-4d6e-9f0a-1b2c3d4e5f60';

  it('writes only the fields the schema names, at every depth', () => {
    const row = { id, text: 'Why?', meetingId: 'm1', theme: { name: 'why', members: 9 } };
    expect(JSON.parse(serialize(row))).toEqual({ id, text: 'Why?', theme: { name: 'why' } });
  });

  it('fails an answer that does not fit its schema', () => {
    expect(() => serialize({ id: 'not a uuid', text: 'Why?', theme: null })).toThrow(
      ResponseSerializationError,
    );
  });
});
