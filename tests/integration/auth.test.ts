import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ADDRESS_ATTEMPTS, getAccountByUsername, setModerator, signIn, signUp } from '@/lib/auth/accounts';
import { accounts, rateLimits } from '@/lib/db/schema';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';

const PASSWORD = 'correct horse battery';
const from = (clientAddress = '203.0.113.7') => ({ clientAddress });

describe.each(BACKENDS)('accounts on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('signs up, stores the username normalised and only a scrypt hash, and signs in', async () => {
    const db = await freshDb();
    const up = await signUp(db, { username: '  Reader ', password: PASSWORD });
    expect(up).toEqual({
      ok: true,
      account: { id: expect.any(Number), username: 'reader', isModerator: false, referralCode: expect.stringMatching(/^[a-z2-7]{10}$/), feathers: 0, createdAt: expect.any(Date) },
    });

    const rows = await db.select().from(accounts);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.username).toBe('reader');
    expect(rows[0]!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(rows[0]!.passwordHash).not.toContain(PASSWORD);

    const inside = await signIn(db, { username: 'READER', password: PASSWORD, ...from() });
    expect(inside).toEqual({ ok: true, account: up.ok ? up.account : undefined });
    expect(await getAccountByUsername(db, 'Reader')).toEqual(up.ok ? up.account : undefined);
    expect(await getAccountByUsername(db, 'nobody')).toBeNull();
  });

  it('refuses a wrong password and an unknown username alike', async () => {
    const db = await freshDb();
    await signUp(db, { username: 'reader', password: PASSWORD });
    expect(await signIn(db, { username: 'reader', password: 'wrong password', ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await signIn(db, { username: 'nobody', password: PASSWORD, ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
    // Input no account can have is refused the same way, not thrown.
    expect(await signIn(db, { username: 'x', password: '', ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await signIn(db, { username: 'reader', password: 'p'.repeat(10_000), ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
  });

  it('treats usernames differing only in case or width as the same', async () => {
    const db = await freshDb();
    expect(await signUp(db, { username: 'Reader', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await signUp(db, { username: 'reader', password: 'another password' })).toEqual({ ok: false, code: 'username_taken' });
    expect(await signUp(db, { username: 'Ｒｅａｄｅｒ', password: 'another password' })).toEqual({ ok: false, code: 'username_taken' });
    expect(await db.select().from(accounts)).toHaveLength(1);
    // The first password still holds.
    expect(await signIn(db, { username: 'reader', password: 'another password', ...from() })).toMatchObject({ ok: false });
    expect(await signIn(db, { username: 'reader', password: PASSWORD, ...from() })).toMatchObject({ ok: true });
  });

  it('lets exactly one of 10 concurrent sign-ups of one username through', async () => {
    const db = await freshDb();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signUp(db, { username: i % 2 ? '鸟哥' : '鸟哥 ', password: `${PASSWORD} ${i}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, code: 'username_taken' }));
    const rows = await db.select().from(accounts);
    expect(rows.map((r) => r.username)).toEqual(['鸟哥']);
  });

  it('gives each account its own referral code', async () => {
    const db = await freshDb();
    await Promise.all(['a1', 'a2', 'a3', 'a4'].map((username) => signUp(db, { username, password: PASSWORD })));
    const codes = (await db.select().from(accounts)).map((r) => r.referralCode);
    expect(new Set(codes).size).toBe(4);
  });

  it('refuses the 6th attempt after 5 wrong passwords, even a right one, until the window ends', async () => {
    const db = await freshDb();
    await signUp(db, { username: 'reader', password: PASSWORD });
    const t0 = new Date('2030-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      const at = new Date(t0.getTime() + i * 1000);
      expect(await signIn(db, { username: 'reader', password: 'wrong password', ...from(), now: at })).toEqual({ ok: false, code: 'invalid_credentials' });
    }
    const refused = await signIn(db, { username: 'Reader', password: PASSWORD, clientAddress: '198.51.100.1', now: new Date(t0.getTime() + 60_000) });
    expect(refused).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 15 * 60 - 60 });
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, 'signin:user:reader'))).toEqual([
      { key: 'signin:user:reader', windowStart: t0, count: 6 },
    ]);

    const later = new Date(t0.getTime() + 15 * 60_000);
    expect(await signIn(db, { username: 'reader', password: PASSWORD, ...from(), now: later })).toMatchObject({ ok: true });
    // Success clears the username's count: five more mistakes are allowed again.
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, 'signin:user:reader'))).toEqual([]);
    for (let i = 0; i < 5; i++) {
      expect(await signIn(db, { username: 'reader', password: 'wrong password', clientAddress: '192.0.2.9', now: later })).toEqual({ ok: false, code: 'invalid_credentials' });
    }
    expect(await signIn(db, { username: 'reader', password: PASSWORD, clientAddress: '192.0.2.9', now: later })).toMatchObject({ code: 'rate_limited' });
  });

  it('limits attempts per client address across usernames, an IPv6 /64 as one address', async () => {
    const db = await freshDb();
    await signUp(db, { username: 'reader', password: PASSWORD });
    const now = new Date('2030-01-01T00:00:00Z');
    // As many guesses as the limit allows, at different usernames, from addresses in one /64.
    const guesses = await Promise.all(
      Array.from({ length: ADDRESS_ATTEMPTS.limit }, (_, i) => signIn(db, { username: `guess${i}`, password: PASSWORD, clientAddress: `2001:db8:0:1::${i + 1}`, now })),
    );
    expect(guesses.every((g) => !g.ok && g.code === 'invalid_credentials')).toBe(true);
    expect(await signIn(db, { username: 'reader', password: PASSWORD, clientAddress: '2001:db8::1:ffff:0:0:1', now })).toMatchObject({
      ok: false,
      code: 'rate_limited',
      retryAfterSeconds: 900,
    });
    // Another address is not affected.
    expect(await signIn(db, { username: 'reader', password: PASSWORD, clientAddress: '2001:db8:0:2::1', now })).toMatchObject({ ok: true });
  });

  it('grants and revokes moderation, and reports an unknown user', async () => {
    const db = await freshDb();
    await signUp(db, { username: 'reader', password: PASSWORD });
    expect(await setModerator(db, 'Reader', true)).toEqual({ ok: true });
    expect((await db.select().from(accounts))[0]!.isModerator).toBe(true);
    expect(await setModerator(db, 'reader', false)).toEqual({ ok: true });
    expect((await db.select().from(accounts))[0]!.isModerator).toBe(false);
    expect(await setModerator(db, 'nobody', true)).toEqual({ ok: false, code: 'unknown_user' });
  });
});
