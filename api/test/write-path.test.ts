// One write path: every write route calls a domain service that redacts what people typed and
// records the change through the one audit helper, naming its actor and nothing anyone wrote.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assignQuestionsToTheme, insertTheme } from '@kb/db';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../src/domain/audit.ts';
import { PASSWORD, createTestApp, queryRows, signIn, type TestApp } from './support.ts';

let t: TestApp;
interface Signed {
  cookie: string;
  id: string;
  email: string;
}
let admin: Signed;
let editor: Signed;
let viewer: Signed;

async function signedIn(role: 'admin' | 'editor' | 'viewer'): Promise<Signed> {
  const { cookie } = await signIn(t.app, role);
  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  return { cookie, ...me.json<{ user: { id: string; email: string } }>().user };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedIn('admin');
  editor = await signedIn('editor');
  viewer = await signedIn('viewer');
});
afterAll(() => t?.close());

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_email: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
}

const auditRows = () =>
  queryRows<AuditRow>(
    t.db.handle,
    sql`select id, actor_id, actor_email, action, entity, entity_id, detail::text from audit_log`,
  );

/** A word in every text typed below, so the audit rows can be searched for any of it. */
const TYPED = 'Zanzibar';
const DATE = /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}/;

describe('the audit log', () => {
  it('gets one row per write, naming its actor, holding no typed text and no time of its own', async () => {
    const seen = new Set<string>();
    /** Sends the request and returns its answer, once it left exactly one row of this action. */
    async function audited(actor: Signed, action: string, request: InjectOptions) {
      const before = new Set((await auditRows()).map((row) => row.id));
      const response = await t.app.inject({
        ...request,
        headers: { cookie: actor.cookie, ...request.headers },
      });
      expect(response.statusCode, `${action}: ${response.body}`).toBeLessThan(300);
      const added = (await auditRows()).filter((row) => !before.has(row.id));
      expect(added, action).toHaveLength(1);
      const [row] = added;
      expect(row).toMatchObject({ action, actor_id: actor.id, actor_email: actor.email });
      expect(row!.detail).not.toContain(TYPED);
      // The row's own `at` is the one time it keeps: a capture's day would undo its week.
      expect(row!.detail).not.toMatch(DATE);
      seen.add(action);
      return response;
    }

    const captured = await audited(editor, 'meeting.create', {
      method: 'POST',
      url: '/api/meetings',
      payload: {
        heldOn: '2026-03-12',
        questions: [
          { text: `Will the ${TYPED} office stay open next year?`, categories: ['tough'] },
          { text: `How do promotions work in the ${TYPED} team?`, categories: ['career'] },
          { text: `Why did ${TYPED} lose its budget?`, categories: [] },
        ],
      },
    });
    const [first, second, third] = captured.json<{ questions: { id: string }[] }>().questions;

    await audited(editor, 'question.update', {
      method: 'PATCH',
      url: `/api/questions/${first!.id}`,
      payload: { text: `Will the ${TYPED} office stay open after the move?` },
    });
    await audited(editor, 'answer.save', {
      method: 'PUT',
      url: `/api/questions/${first!.id}/answer`,
      payload: { body: `${TYPED} stays.`, status: 'answered', answeredIn: `${TYPED} town hall` },
    });

    // Two themes of a person's making, so that curation has something to work on.
    const themes = [];
    for (const question of [second!, third!]) {
      const theme = await insertTheme(t.app.db, {
        label: 'offices',
        keywords: ['office'],
        centralQuestionId: question.id,
      });
      await assignQuestionsToTheme(t.app.db, theme.id, [question.id]);
      themes.push(theme);
    }
    const [kept, merged] = themes;
    await audited(editor, 'theme.update', {
      method: 'PATCH',
      url: `/api/themes/${kept!.id}`,
      payload: { name: `${TYPED} questions` },
    });
    await audited(editor, 'answer.save', {
      method: 'PUT',
      url: `/api/themes/${kept!.id}/answer`,
      payload: { body: `About ${TYPED}: see the plan.`, status: 'follow-up' },
    });
    await audited(editor, 'theme.merge', {
      method: 'POST',
      url: `/api/themes/${kept!.id}/merge`,
      payload: { themeIds: [merged!.id] },
    });

    await audited(editor, 'theme.split', {
      method: 'POST',
      url: `/api/themes/${kept!.id}/split`,
      payload: { questionIds: [third!.id], name: `${TYPED} budget` },
    });

    const pack = await audited(editor, 'pack.create', {
      method: 'POST',
      url: '/api/packs',
      payload: { name: `${TYPED} all-hands`, eventOn: '2026-04-02', propose: false },
    });
    const packId = pack.json<{ pack: { id: string } }>().pack.id;
    await audited(editor, 'pack.update', {
      method: 'PATCH',
      url: `/api/packs/${packId}`,
      payload: { items: [{ themeId: kept!.id, draftAnswer: `Open with ${TYPED}.` }] },
    });
    const event = await audited(editor, 'event.create', {
      method: 'POST',
      url: '/api/events',
      payload: {
        name: `${TYPED} all-hands`,
        heldOn: '2026-04-02',
        file: {
          name: 'questions.txt',
          content: Buffer.from(`Is ${TYPED} moving?`).toString('base64'),
        },
      },
    });
    const eventId = event.json<{ event: { event: { id: string } } }>().event.event.id;
    await audited(editor, 'event.update', {
      method: 'PATCH',
      url: `/api/events/${eventId}`,
      payload: { packId },
    });
    await audited(editor, 'event.delete', { method: 'DELETE', url: `/api/events/${eventId}` });
    await audited(viewer, 'export', { method: 'GET', url: `/api/packs/${packId}/export` });
    await audited(editor, 'pack.delete', { method: 'DELETE', url: `/api/packs/${packId}` });
    await audited(viewer, 'export', { method: 'GET', url: '/api/export?format=json' });

    await audited(admin, 'theme.recompute', { method: 'POST', url: '/api/themes/recompute' });
    await audited(editor, 'import', {
      method: 'POST',
      url: '/api/import',
      payload: {
        format: 'csv',
        content: `text,date,categories\nIs ${TYPED} hiring again?,2026-02-02,career\n`,
        dryRun: false,
      },
    });
    await audited(editor, 'question.delete', {
      method: 'DELETE',
      url: `/api/questions/${third!.id}`,
    });

    const category = await audited(admin, 'category.create', {
      method: 'POST',
      url: '/api/categories',
      payload: { slug: 'offices', name: `${TYPED} offices`, colour: '#336699', axis: 'topic' },
    });
    const categoryId = category.json<{ category: { id: string } }>().category.id;
    await audited(admin, 'category.update', {
      method: 'PATCH',
      url: `/api/categories/${categoryId}`,
      payload: { name: `${TYPED} sites` },
    });
    await audited(admin, 'category.delete', {
      method: 'DELETE',
      url: `/api/categories/${categoryId}`,
    });

    const entry = await audited(admin, 'roster.add', {
      method: 'POST',
      url: '/api/roster',
      payload: { name: `Grace ${TYPED}` },
    });
    await audited(admin, 'roster.remove', {
      method: 'DELETE',
      url: `/api/roster/${entry.json<{ entry: { id: string } }>().entry.id}`,
    });

    const user = await audited(admin, 'user.create', {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'zed@example.com', password: PASSWORD, role: 'viewer' },
    });
    const userId = user.json<{ user: { id: string } }>().user.id;
    await audited(admin, 'user.update', {
      method: 'PATCH',
      url: `/api/users/${userId}`,
      payload: { role: 'editor' },
    });
    await audited(admin, 'user.delete', { method: 'DELETE', url: `/api/users/${userId}` });
    await audited(viewer, 'user.update', {
      method: 'PUT',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: `${PASSWORD} and a ${TYPED} ferry` },
    });

    // A new action joins the list in audit.ts, and then this walk, or this line fails.
    expect([...seen].sort()).toEqual([...auditActions].sort());
  });

  it('is written by the audit helper alone', () => {
    const src = path.resolve(import.meta.dirname, '../src');
    const helper = path.join(src, 'domain', 'audit.ts');
    const writers = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => path.join(src, name))
      .filter((file) => /\binsertAudit\b/.test(readFileSync(file, 'utf8')));
    expect(writers).toEqual([helper]);
  });
});

describe('what people type outside questions', () => {
  it('is redacted in prep packs and answers before it is stored', async () => {
    const { cookie } = editor;
    const captured = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: { cookie },
      payload: { heldOn: '2026-03-19', questions: [{ text: 'When is the reorg final?' }] },
    });
    const questionId = captured.json<{ questions: { id: string }[] }>().questions[0]!.id;

    const pack = await t.app.inject({
      method: 'POST',
      url: '/api/packs',
      headers: { cookie },
      payload: { name: 'Prep with tariq.haddad@northwind.io', propose: false },
    });
    expect(pack.statusCode).toBe(201);
    const packId = pack.json<{ pack: { id: string; name: string } }>().pack.id;
    expect(pack.json().pack.name).toBe('Prep with [email]');

    const filled = await t.app.inject({
      method: 'PATCH',
      url: `/api/packs/${packId}`,
      headers: { cookie },
      payload: { items: [{ questionId, draftAnswer: 'Call +1 (415) 555-0187 before answering.' }] },
    });
    expect(filled.statusCode).toBe(200);
    expect(filled.json().pack.entries[0].draftAnswer).toBe('Call [phone] before answering.');

    const answered = await t.app.inject({
      method: 'PUT',
      url: `/api/questions/${questionId}/answer`,
      headers: { cookie },
      payload: { body: 'Ask tariq.haddad@northwind.io for the plan.', status: 'answered' },
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().answer.body).toBe('Ask [email] for the plan.');

    const stored = await queryRows<{ text: string }>(
      t.db.handle,
      sql`select name as text from prep_packs union all select draft_answer from prep_pack_items
          union all select body from answers`,
    );
    expect(stored.map((row) => row.text).join('\n')).not.toMatch(/tariq|555-0187/);
  });
});
