// Sign-in limits: per account whichever clients guess, per client behind a trusted proxy.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { createUser } from '../src/domain/users.ts';
import { PASSWORD, createTestApp, expectProblem, queryRows, type TestApp } from './support.ts';

const PROXY = '127.0.0.1';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { trustProxy: PROXY } });
  for (const email of ['target@example.com', 'bystander@example.com']) {
    await createUser(t.app.db, { email, password: PASSWORD, role: 'editor' }, systemActor);
  }
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

/** A sign-in from a client behind the reverse proxy, which names it in X-Forwarded-For. */
const signInFrom = (client: string, email: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: PROXY,
    headers: { 'x-forwarded-for': client },
    payload: { email, password },
  });

/** Only the clock the limits read is moved; timers and I/O run as usual. */
function freezeClockAt(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

describe('sign-in limits', () => {
  it('pauses an account guessed at from 30 addresses, briefly and for that account alone', async () => {
    freezeClockAt('2026-03-02T09:00:00Z');
    const statuses: number[] = [];
    for (let i = 1; i <= 30; i++) {
      const guess = await signInFrom(`203.0.113.${i}`, 'target@example.com', `wrong guess ${i}`);
      statuses.push(guess.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(25).fill(429));

    // Paused even for the right password, and saying until when.
    const paused = await signInFrom('198.51.100.7', 'target@example.com', PASSWORD);
    expect(expectProblem(paused, 429).detail).toBe(
      'Too many failed sign-ins for this account; try again in 30 seconds.',
    );
    expect(paused.headers['retry-after']).toBe('30');

    // Nobody else is locked out, not even from an address that took part in the guessing.
    const bystander = await signInFrom('203.0.113.30', 'bystander@example.com', PASSWORD);
    expect(bystander.statusCode).toBe(200);

    vi.setSystemTime(new Date('2026-03-02T09:00:30Z'));
    const owner = await signInFrom('198.51.100.7', 'target@example.com', PASSWORD);
    expect(owner.statusCode).toBe(200);
    // The right password cleared the count: the next wrong one is an ordinary failure.
    expectProblem(await signInFrom('198.51.100.8', 'target@example.com', 'one more typo'), 401);
  });

  it('pauses an unknown email exactly like a known one, and stores no email', async () => {
    freezeClockAt('2026-03-02T10:00:00Z');
    const answers = [];
    for (let i = 1; i <= 6; i++) {
      answers.push(await signInFrom(`203.0.113.${100 + i}`, 'nobody@example.com', `guess ${i}`));
    }
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(expectProblem(answers[5]!, 429).detail).toBe(
      'Too many failed sign-ins for this account; try again in 30 seconds.',
    );
    const stored = await queryRows<{ account_key: string }>(
      t.db.handle,
      sql`select account_key from sign_in_failures`,
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain('nobody');
  });

  it('limits each client to 10 attempts a minute by its own address, not the proxy’s', async () => {
    const attempts = [];
    for (let i = 1; i <= 11; i++) {
      attempts.push(await signInFrom('192.0.2.44', `someone${i}@example.com`, 'a wrong guess'));
    }
    expect(attempts.slice(0, 10).every((a) => a.statusCode === 401)).toBe(true);
    expect(expectProblem(attempts[10]!, 429).detail).toBe('Try again in a minute.');
    // Another client behind the same proxy is not held up by that one.
    expect((await signInFrom('192.0.2.45', 'bystander@example.com', PASSWORD)).statusCode).toBe(
      200,
    );
  });

  it('ignores X-Forwarded-For from a client that is not the trusted proxy', async () => {
    const attempts = [];
    for (let i = 1; i <= 11; i++) {
      attempts.push(
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '192.0.2.99',
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
          payload: { email: `spoofer${i}@example.com`, password: 'a wrong guess' },
        }),
      );
    }
    expect(attempts[9]!.statusCode).toBe(401);
    expectProblem(attempts[10]!, 429);
  });
});
