import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signIn, type Account } from '@/lib/auth/accounts';
import { hashPassword } from '@/lib/auth/passwords';
import { createSession, createSessionIfPasswordIs, deleteExpiredSessions, deleteSession, getSessionAccount } from '@/lib/auth/sessions';
import { setPassword } from '@/lib/account/manage';
import type { Db } from '@/lib/db/client';
import { accounts, rateLimits, sessions } from '@/lib/db/schema';
import { addressKey } from '@/lib/http/address';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { housekeeping } from '@/lib/auth/housekeeping';
import { BACKENDS } from './support/databases';
import { waitForLockWait } from './support/lock-wait';
import { perTestDatabase, perTestDatabasePair } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const PASSWORD = 'correct horse battery';
const reader = (db: Db): Promise<Account> => testAccount(db, 'reader');

describe.each(BACKENDS)('sessions on %s', (backend) => {
  const freshDb = perTestDatabase(backend);
  const t0 = new Date('2030-01-01T00:00:00Z');

  it('authenticates its token, stores only the token’s SHA-256, and nothing else authenticates', async () => {
    const db = await freshDb();
    const account = await reader(db);
    const { token, expiresAt } = await createSession(db, account.id, { now: t0 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toEqual(new Date('2030-01-31T00:00:00Z'));
    expect(await db.select().from(sessions)).toEqual([
      { tokenHash: createHash('sha256').update(token).digest('hex'), accountId: account.id, createdAt: t0, expiresAt },
    ]);

    expect(await getSessionAccount(db, token, t0)).toEqual(account);
    const i = 10;
    const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    for (const bad of [tampered, randomBytes(32).toString('base64url'), '', 'x'.repeat(10_240), `${token}=`, ` ${token}`]) {
      expect(await getSessionAccount(db, bad, t0)).toBeNull();
    }
  });

  it('rejects and deletes an expired session', async () => {
    const db = await freshDb();
    const account = await reader(db);
    const { token, expiresAt } = await createSession(db, account.id, { now: t0, ttlDays: 1 });
    expect(await getSessionAccount(db, token, new Date(expiresAt.getTime() - 1))).toEqual(account);
    expect(await getSessionAccount(db, token, expiresAt)).toBeNull();
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it('signs out with deleteSession, leaving the account’s other sessions', async () => {
    const db = await freshDb();
    const account = await reader(db);
    const phone = await createSession(db, account.id, { now: t0 });
    const laptop = await createSession(db, account.id, { now: t0 });
    await deleteSession(db, phone.token);
    await deleteSession(db, 'not a token');
    expect(await getSessionAccount(db, phone.token, t0)).toBeNull();
    expect(await getSessionAccount(db, laptop.token, t0)).toEqual(account);
    expect(await db.select().from(sessions)).toHaveLength(1);
  });

  it('deletes only expired sessions in bulk', async () => {
    const db = await freshDb();
    const account = await reader(db);
    await createSession(db, account.id, { now: t0, ttlDays: 1 });
    await createSession(db, account.id, { now: t0, ttlDays: 2 });
    const kept = await createSession(db, account.id, { now: t0, ttlDays: 30 });
    expect(await deleteExpiredSessions(db, new Date('2030-01-03T00:00:00Z'))).toBe(2);
    expect((await db.select().from(sessions)).map((s) => s.expiresAt)).toEqual([kept.expiresAt]);
  });
});

describe.each(BACKENDS)('housekeeping on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('deletes expired sessions and dead rate-limit counters, and nothing live', async () => {
    const db = await freshDb();
    const up = { account: await testAccount(db, 'tidy') };
    const now = new Date('2026-11-25T12:00:00Z');
    await createSession(db, up.account.id, { now: new Date(now.getTime() - 31 * 86_400_000) }); // expired
    await createSession(db, up.account.id, { now }); // live
    await consumeAttempt(db, 'old', { limit: 5, windowSeconds: 900, now: new Date(now.getTime() - 25 * 3_600_000) });
    await consumeAttempt(db, 'fresh', { limit: 5, windowSeconds: 900, now });
    expect(await housekeeping(db, now)).toEqual({ sessions: 1, attempts: 1, retiredNames: 0, resetLinks: 0, skeletons: 0 });
    expect(await db.select().from(sessions)).toHaveLength(1);
    expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(['fresh']);
  });
});

describe.each(BACKENDS)('a sign-in racing a password change on %s', (backend) => {
  const freshPair = perTestDatabasePair(backend);

  it('writes no session from a password hash that is no longer the account’s', async () => {
    const [db] = await freshPair();
    const account = await reader(db);
    const [{ verified } = { verified: '' }] = await db.select({ verified: accounts.passwordHash }).from(accounts);
    await setPassword(db, account.id, 'the new password', null);
    expect(await createSessionIfPasswordIs(db, account.id, verified)).toBeNull();
    expect(await db.select().from(sessions)).toEqual([]);
    const [{ current } = { current: '' }] = await db.select({ current: accounts.passwordHash }).from(accounts);
    expect(await createSessionIfPasswordIs(db, account.id, current)).not.toBeNull();
  });

  it('a sign-in that checked the old password while the change was being written fails like a wrong password', async ({ skip }) => {
    // Two pools, as two app instances: PGlite is one connection and cannot interleave a transaction.
    if (backend === 'pglite') skip();
    const [a, b] = await freshPair();
    const account = await reader(a);
    const newHash = await hashPassword('the new password');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let changed!: () => void;
    const written = new Promise<void>((resolve) => (changed = resolve));
    // The settings change, stopped just before its commit: the new hash is written, the sessions it found are gone.
    const change = a.transaction(async (tx) => {
      await tx.update(accounts).set({ passwordHash: newHash }).where(eq(accounts.id, account.id));
      await tx.delete(sessions).where(eq(sessions.accountId, account.id));
      changed();
      await held;
    });
    await written;
    // The sign-in reads the committed (old) hash and the old password matches it.
    const signingIn = signIn(b, { username: 'reader', password: PASSWORD, address: addressKey('203.0.113.7') });
    await waitForLockWait(b);
    release();
    await change;
    expect(await signingIn).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await a.select().from(sessions)).toEqual([]);
    expect(await signIn(b, { username: 'reader', password: 'the new password', address: addressKey('203.0.113.7') })).toMatchObject({ ok: true });
  });
});
