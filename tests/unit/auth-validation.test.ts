import { describe, expect, it } from 'vitest';
import { addressKey } from '@/lib/http/address';
import { hashPassword, verifyPassword } from '@/lib/auth/passwords';
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/auth/sessions';
import { Credentials, Password, Username, normalizeUsername } from '@/lib/auth/validation';

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.message);

describe('Username', () => {
  it.each([
    ['reader', 'reader'],
    ['  Reader\t', 'reader'],
    ['READER_2', 'reader_2'],
    ['Ｒｅａｄｅｒ', 'reader'], // full-width letters fold to ASCII (NFKC)
    ['鸟哥', '鸟哥'],
    ['鸟哥\u3000', '鸟哥'], // an ideographic space is trimmed
    ['𠀀𠀀', '𠀀𠀀'], // characters beyond the BMP count once each
    ['ab', 'ab'],
    ['a'.repeat(20), 'a'.repeat(20)],
    ['鸟'.repeat(20), '鸟'.repeat(20)],
    ['Ελένη', 'ελένη'],
    ['हिन्दी', 'हिन्दी'], // vowel signs (combining marks) after letters
    ['x_1', 'x_1'],
  ])('accepts %j as %j', (raw, normalised) => {
    expect(Username.parse(raw)).toBe(normalised);
  });

  it.each([
    ['', 'username_length'],
    ['   ', 'username_length'],
    ['a', 'username_length'],
    [' a ', 'username_length'],
    ['a'.repeat(21), 'username_length'],
    ['鸟'.repeat(21), 'username_length'],
    ['a b', 'username_characters'],
    ['a-b', 'username_characters'],
    ['a.b', 'username_characters'],
    ['me@example', 'username_characters'],
    ['ab🙂', 'username_characters'],
    ['\u0301ab', 'username_characters'], // cannot start with a combining mark
    ['ab\u200b', 'username_characters'], // zero-width space
    ['١٢٣', 'username_characters'], // digits of other scripts look like letters (b०b)
    ['<script>', 'username_characters'],
    ['鸟哥！', 'username_characters'],
  ])('rejects %j (%s)', (raw, code) => {
    expect(messages(Username.safeParse(raw))).toEqual([code]);
  });

  it('rejects what is not a string', () => {
    expect(messages(Username.safeParse(42))).toEqual(['username_required']);
    expect(messages(Username.safeParse(undefined))).toEqual(['username_required']);
  });

  it('normalises idempotently', () => {
    for (const raw of ['Reader', 'Ｒｅａｄｅｒ', 'İstanbul', 'ǅungla', 'ﬁne', 'Straße']) {
      const once = normalizeUsername(raw);
      expect(normalizeUsername(once)).toBe(once);
      const parsed = Username.safeParse(raw);
      if (parsed.success) expect(parsed.data).toBe(once);
    }
  });
});

describe('Password', () => {
  it('accepts 8 to 128 characters, kept as typed apart from NFKC', () => {
    expect(Password.parse('12345678')).toBe('12345678');
    expect(Password.parse(' pass word ')).toBe(' pass word ');
    expect(Password.parse('p'.repeat(128))).toBe('p'.repeat(128));
    expect(Password.parse('密码密码密码密码')).toBe('密码密码密码密码');
    expect(Password.parse('cafe\u0301 au lait')).toBe('café au lait'); // decomposed é composes
  });

  it.each([
    ['', 'password_length'],
    ['1234567', 'password_length'],
    ['p'.repeat(129), 'password_length'],
    ['        ', 'password_blank'],
    ['\t\n  \u3000   ', 'password_blank'],
  ])('rejects %j (%s)', (raw, code) => {
    expect(messages(Password.safeParse(raw))).toEqual([code]);
  });
});

describe('Credentials', () => {
  it('parses both fields, reporting each one', () => {
    expect(Credentials.parse({ username: 'Reader', password: 'correct horse' })).toEqual({ username: 'reader', password: 'correct horse' });
    const result = Credentials.safeParse({ username: 'a', password: 'short' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['username', 'username_length'],
      ['password', 'password_length'],
    ]);
  });
});

// Six scrypt runs at N=32768 take about a second alone, several on a loaded 2-core machine.
describe('password hashing', { timeout: 30_000 }, () => {
  it('hashes with scrypt and a random salt, and verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
    expect(await verifyPassword('correct hors', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('says false for a malformed or absurd stored hash instead of throwing', async () => {
    const good = await hashPassword('correct horse');
    const [, n, r, p, salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain text',
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`, // N too large to be ours
      `scrypt$${n}$0$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}$c2hvcnQ=`,
    ]) {
      expect(await verifyPassword('correct horse', bad)).toBe(false);
    }
  });
});

describe('client address keys', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:DB8:0:0:ffff::2', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'invalid'],
    ['2001::3:4:5:1.2.3.4', '2001:0:0:3::/64'],
    ['[2001:db8::1]:443', '2001:db8:0:0::/64'],
    ['203.0.113.7:51000', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['not an address', 'invalid'],
  ])('counts %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('session cookie', () => {
  it('is http-only, same-site lax, site-wide, expiring with the session', () => {
    const expires = new Date('2030-01-31T00:00:00Z');
    expect(SESSION_COOKIE).toBe('session');
    expect(sessionCookieOptions(true, expires)).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, path: '/', expires });
    expect(sessionCookieOptions(false, expires)).toMatchObject({ secure: false });
  });
});
