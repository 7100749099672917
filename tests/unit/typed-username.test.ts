import { describe, expect, it } from 'vitest';
import { decodeTypedUsername, encodeTypedUsername, typedUsernameOptions } from '@/lib/auth/typed-username';

describe('typed username cookie', () => {
  it('round-trips any script, trimmed, as a value with no cookie separators', () => {
    const value = encodeTypedUsername('  读者_小王; x=1  ');
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTypedUsername(value!)).toBe('读者_小王; x=1');
  });

  it("keeps at most the form's 40 characters, and nothing for blank input", () => {
    expect(decodeTypedUsername(encodeTypedUsername('字'.repeat(60))!)).toBe('字'.repeat(40));
    expect(encodeTypedUsername('   ')).toBeNull();
  });

  it('refuses a forged value: not base64url, control characters, overlong', () => {
    expect(decodeTypedUsername(undefined)).toBeUndefined();
    expect(decodeTypedUsername('a b')).toBeUndefined();
    expect(decodeTypedUsername(Buffer.from('a\nb').toString('base64url'))).toBeUndefined();
    expect(decodeTypedUsername(Buffer.from('x'.repeat(41)).toString('base64url'))).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Lax, for the form page only, for a minute', () => {
    expect(typedUsernameOptions('/en/sign-in', true)).toEqual({ path: '/en/sign-in', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 60 });
  });
});
