import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ADDRESS_FAILURES, USERNAME_FAILURES, getAccountByUsername, setModerator, signIn, signUp } from '@/lib/auth/accounts';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { addressKey } from '@/lib/http/address';
import { accounts, rateLimits } from '@/lib/db/schema';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { ANY_ADDRESS } from './support/sign-up';

const PASSWORD = 'correct horse battery';
const from = (address = '203.0.113.7') => ({ address: addressKey(address) });

describe.each(BACKENDS)('accounts on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('signs up, stores the username normalised and only a scrypt hash, and signs in', async () => {
    const db = await freshDb();
    const up = await signUp(db, { ...ANY_ADDRESS, username: '  Reader ', password: PASSWORD });
    expect(up).toEqual({
      ok: true,
      account: {
        id: expect.any(Number),
        username: 'reader',
        isModerator: false,
        referralCode: expect.stringMatching(/^[a-z2-7]{10}$/),
        feathers: 0,
        createdAt: expect.any(Date),
      },
    });

    const rows = await db.select().from(accounts);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.username).toBe('reader');
    expect(rows[0]!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(rows[0]!.passwordHash).not.toContain(PASSWORD);

    const inside = await signIn(db, { username: 'READER', password: PASSWORD, ...from() });
    expect(inside).toEqual({
      ok: true,
      account: up.ok ? up.account : undefined,
      session: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(Date) },
      deviceCookie: expect.stringMatching(/^\d+\.[A-Za-z0-9_-]{16}\.\d+\.[A-Za-z0-9_-]{43}$/),
    });
    expect(await getAccountByUsername(db, 'Reader')).toEqual(up.ok ? up.account : undefined);
    expect(await getAccountByUsername(db, 'nobody')).toBeNull();
  });

  it('refuses a wrong password and an unknown username alike', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'reader', password: PASSWORD });
    expect(await signIn(db, { username: 'reader', password: 'wrong password', ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await signIn(db, { username: 'nobody', password: PASSWORD, ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
    // Input no account can have is refused the same way, not thrown.
    expect(await signIn(db, { username: 'x', password: '', ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await signIn(db, { username: 'reader', password: 'p'.repeat(10_000), ...from() })).toEqual({ ok: false, code: 'invalid_credentials' });
  });

  it('treats usernames differing only in case or width as the same', async () => {
    const db = await freshDb();
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'Reader', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'reader', password: 'another password' })).toEqual({ ok: false, code: 'username_taken' });
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'Ｒｅａｄｅｒ', password: 'another password' })).toEqual({ ok: false, code: 'username_taken' });
    expect(await db.select().from(accounts)).toHaveLength(1);
    // The first password still holds.
    expect(await signIn(db, { username: 'reader', password: 'another password', ...from() })).toMatchObject({ ok: false });
    expect(await signIn(db, { username: 'reader', password: PASSWORD, ...from() })).toMatchObject({ ok: true });
  });

  it('lets exactly one of 10 concurrent sign-ups of one username through', async () => {
    const db = await freshDb();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signUp(db, { ...ANY_ADDRESS, username: i % 2 ? '鸟哥' : '鸟哥 ', password: `${PASSWORD} ${i}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, code: 'username_taken' }));
    const rows = await db.select().from(accounts);
    expect(rows.map((r) => r.username)).toEqual(['鸟哥']);
  });

  it('gives each account its own referral code', async () => {
    const db = await freshDb();
    await Promise.all(['a1', 'a2', 'a3', 'a4'].map((username) => signUp(db, { ...ANY_ADDRESS, username, password: PASSWORD })));
    const codes = (await db.select().from(accounts)).map((r) => r.referralCode);
    expect(new Set(codes).size).toBe(4);
  });

  it('refuses a sixth try from a new browser after 5 failures, even the right password, until the window ends; only failures count', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'reader', password: PASSWORD });
    const t0 = new Date('2030-01-01T00:00:00Z');
    // Successes are not counted: any number of them leaves room for five mistakes.
    for (let i = 0; i < 3; i++) expect(await signIn(db, { username: 'reader', password: PASSWORD, ...from(), now: t0 })).toMatchObject({ ok: true });
    for (let i = 0; i < USERNAME_FAILURES.limit; i++) {
      const at = new Date(t0.getTime() + i * 1000);
      expect(await signIn(db, { username: 'reader', password: 'wrong password', ...from(), now: at })).toEqual({ ok: false, code: 'invalid_credentials' });
    }
    const refused = await signIn(db, { username: 'Reader', password: PASSWORD, ...from('198.51.100.1'), now: new Date(t0.getTime() + 60_000) });
    expect(refused).toEqual({ ok: false, code: 'account_locked', retryAfterSeconds: 15 * 60 - 60 });
    // The refused attempt itself is not kept: the count is the five failures.
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, 'signin:user:reader'))).toEqual([
      { key: 'signin:user:reader', windowStart: t0, count: 5 },
    ]);

    const later = new Date(t0.getTime() + 15 * 60_000);
    expect(await signIn(db, { username: 'reader', password: PASSWORD, ...from(), now: later })).toMatchObject({ ok: true });
  });

  it('lets the owner in from a browser that signed in before while the username is being guessed elsewhere', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'owner', password: PASSWORD });
    const now = new Date('2030-01-01T00:00:00Z');
    const first = await signIn(db, { username: 'owner', password: PASSWORD, ...from('192.0.2.1'), now });
    if (!first.ok) throw new Error('first sign-in failed');
    // A guesser elsewhere locks the username out for every browser without its device cookie.
    for (let i = 0; i < USERNAME_FAILURES.limit + 2; i++) await signIn(db, { username: 'owner', password: `guess ${i}`, ...from('198.51.100.9'), now });
    expect(await signIn(db, { username: 'owner', password: PASSWORD, ...from('198.51.100.9'), now })).toMatchObject({ ok: false, code: 'account_locked' });
    // A forged or another account's device cookie is no key.
    const forged = first.deviceCookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await signIn(db, { username: 'owner', password: PASSWORD, ...from('198.51.100.9'), deviceCookie: forged, now })).toMatchObject({
      code: 'account_locked',
    });
    // The owner's browser is let in, and gets a fresh token.
    const back = await signIn(db, { username: 'owner', password: PASSWORD, ...from('192.0.2.1'), deviceCookie: first.deviceCookie, now });
    expect(back).toMatchObject({ ok: true });
    // Even that browser gets only a few tries: its own token is limited too.
    const tokens = back.ok ? back.deviceCookie : '';
    for (let i = 0; i < 10; i++) await signIn(db, { username: 'owner', password: `typo ${i}`, ...from('192.0.2.1'), deviceCookie: tokens, now });
    expect(await signIn(db, { username: 'owner', password: PASSWORD, ...from('192.0.2.1'), deviceCookie: tokens, now })).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
  });

  it('never lets concurrent guesses past the limit', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'reader', password: PASSWORD });
    const now = new Date('2030-01-01T00:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(db, { username: 'reader', password: `guess ${i}`, ...from(`203.0.113.${i}`), now })),
    );
    expect(results.filter((r) => !r.ok && r.code === 'invalid_credentials')).toHaveLength(USERNAME_FAILURES.limit);
    expect(results.filter((r) => !r.ok && r.code === 'account_locked')).toHaveLength(12 - USERNAME_FAILURES.limit);
  });

  it('limits failures per client address across usernames', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'reader', password: PASSWORD });
    const now = new Date('2030-01-01T00:00:00Z');
    const key = addressKey('2001:db8:0:1::1');
    // The address has failed all but once already (hashing 100 guesses would only slow the test).
    for (let i = 0; i < ADDRESS_FAILURES.limit - 1; i++) await consumeAttempt(db, `signin:addr:${key}`, { ...ADDRESS_FAILURES, now });
    expect(await signIn(db, { username: 'guess', password: PASSWORD, ...from('2001:db8:0:1::77'), now })).toEqual({ ok: false, code: 'invalid_credentials' });
    // Another address in the same /64 is the same client.
    expect(await signIn(db, { username: 'reader', password: PASSWORD, ...from('2001:db8::1:ffff:0:0:1'), now })).toMatchObject({
      ok: false,
      code: 'rate_limited',
      retryAfterSeconds: 900,
    });
    expect(await signIn(db, { username: 'reader', password: PASSWORD, ...from('2001:db8:0:2::1'), now })).toMatchObject({ ok: true });
  });

  it('lets a browser with the device cookie in from an address whose failures are at the limit (a guesser behind the same NAT)', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'natted', password: PASSWORD });
    const now = new Date('2030-01-01T00:00:00Z');
    const first = await signIn(db, { username: 'natted', password: PASSWORD, ...from('100.64.1.1'), now });
    if (!first.ok) throw new Error('sign-in failed');
    const key = addressKey('100.64.1.1');
    for (let i = 0; i < ADDRESS_FAILURES.limit; i++) await consumeAttempt(db, `signin:addr:${key}`, { ...ADDRESS_FAILURES, now });
    expect(await signIn(db, { username: 'natted', password: PASSWORD, ...from('100.64.1.1'), now })).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await signIn(db, { username: 'natted', password: PASSWORD, ...from('100.64.1.1'), deviceCookie: first.deviceCookie, now })).toMatchObject({
      ok: true,
    });
  });

  it('upgrades a hash made with older parameters at the next sign-in', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'old', password: PASSWORD });
    // scrypt N=2^15, r=8, p=1 of PASSWORD, as the site stored it before.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const oldHash = [
      'scrypt',
      32768,
      8,
      1,
      salt.toString('base64'),
      scryptSync(PASSWORD, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 128 * 1024 * 1024 }).toString('base64'),
    ].join('$');
    await db.update(accounts).set({ passwordHash: oldHash }).where(eq(accounts.username, 'old'));
    expect(await signIn(db, { username: 'old', password: PASSWORD, ...from() })).toMatchObject({ ok: true });
    const [row] = await db.select().from(accounts).where(eq(accounts.username, 'old'));
    expect(row!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await signIn(db, { username: 'old', password: PASSWORD, ...from() })).toMatchObject({ ok: true });
  });

  it('grants and revokes moderation, and reports an unknown user', async () => {
    const db = await freshDb();
    await signUp(db, { ...ANY_ADDRESS, username: 'reader', password: PASSWORD });
    expect(await setModerator(db, 'Reader', true)).toEqual({ ok: true });
    expect((await db.select().from(accounts))[0]!.isModerator).toBe(true);
    expect(await setModerator(db, 'reader', false)).toEqual({ ok: true });
    expect((await db.select().from(accounts))[0]!.isModerator).toBe(false);
    expect(await setModerator(db, 'nobody', true)).toEqual({ ok: false, code: 'unknown_user' });
  });
});
