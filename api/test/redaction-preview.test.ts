// What the capture page is told before and after saving: placeholders at the offsets of what was
// typed, hidden characters included, and re-identification warnings with their details and a
// coarser wording, through the routes' own response schemas.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, queryRows, signIn, type TestApp } from './support.ts';

let t: TestApp;
let editor: { cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  const admin = await signIn(t.app, 'admin');
  editor = await signIn(t.app, 'editor');
  const added = await t.app.inject({
    method: 'POST',
    url: '/api/roster',
    headers: admin,
    payload: { name: 'Robert (Bob) Okonkwo-Mensah' },
  });
  expect(added.statusCode).toBe(201);
});
afterAll(() => t.close());

const preview = (text: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/redactions/preview',
    headers: editor,
    payload: { text },
  });

const combined =
  'As the only designer in the Lisbon office after 14 years, I asked Bob why nothing changes.';

describe('the redaction preview', () => {
  it('replaces a name spelt with hidden and look-alike letters at the offsets typed', async () => {
    // A soft hyphen from a pasted document, and a Cyrillic "о" in the nickname.
    const typed = 'Why did R\u00adobert leave, and why does B\u043eb stay?';
    const response = await preview(typed);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.text).toBe('Why did [name] leave, and why does [name] stay?');
    expect(
      body.spans.map((s: { start: number; end: number }) => typed.slice(s.start, s.end)),
    ).toEqual(['R\u00adobert', 'B\u043eb']);
  });

  it('returns a combination warning with its details and a coarser form', async () => {
    const response = await preview(combined);
    expect(response.statusCode).toBe(200);
    const warning = response
      .json()
      .warnings.find((w: { kind: string }) => w.kind === 'combination');
    expect(
      warning.parts.map((p: { start: number; end: number }) => combined.slice(p.start, p.end)),
    ).toEqual(['As the only designer', 'in the Lisbon office', 'after 14 years']);
    expect(warning.suggestion).toBe(
      'As a designer in one of our offices after many years, I asked [name] why nothing changes.',
    );
  });
});

describe('a capture', () => {
  it('answers with the warning and stores neither the name nor the suggestion', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: editor,
      payload: { heldOn: '2026-03-12', questions: [{ text: combined }] },
    });
    expect(response.statusCode).toBe(201);
    const [question] = response.json().questions;
    expect(question.text).toBe(
      'As the only designer in the Lisbon office after 14 years, I asked [name] why nothing changes.',
    );
    expect(question.warnings.map((w: { kind: string }) => w.kind)).toContain('combination');

    const stored = await queryRows<{ text: string }>(t.db.handle, sql`select text from questions`);
    expect(stored.map((r) => r.text).join('\n')).not.toMatch(/Bob|one of our offices/);
  });
});
