import { z } from 'zod';

/**
 * A refused sign-in or sign-up form keeps the username the reader typed. It travels
 * in this short cookie, not the address: a query string lands in access logs, the
 * browser's history and Referer headers. Never the password.
 */
export const TYPED_USERNAME_COOKIE = 'typed_username';

/** Long enough for the redirect and the form page's request that follows it. */
export const TYPED_USERNAME_MAX_AGE = 60;

/** The longest name kept: the form's own maxLength. */
const MAX_LENGTH = 40;

/** What a cookie value may decode to: a short single line (no control characters). */
const TypedUsername = z
  .string()
  .min(1)
  .max(MAX_LENGTH)
  .regex(/^[^\p{Cc}]+$/u);

/** The cookie's value for what was typed (trimmed, cut to the form's limit), or null when nothing is worth keeping. */
export function encodeTypedUsername(typed: string): string | null {
  const parsed = TypedUsername.safeParse(Array.from(typed.trim()).slice(0, MAX_LENGTH).join(''));
  // base64url: any script's characters, never a `;` or `,` that would end the cookie.
  return parsed.success ? Buffer.from(parsed.data, 'utf8').toString('base64url') : null;
}

/** The username a cookie value holds, or undefined for a missing, forged or overlong one. */
export function decodeTypedUsername(value: string | undefined): string | undefined {
  if (!value || value.length > MAX_LENGTH * 8 || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  const parsed = TypedUsername.safeParse(Buffer.from(value, 'base64url').toString('utf8'));
  return parsed.success ? parsed.data : undefined;
}

/** Cookie options: only the localized form page gets it back, within a minute, never script. */
export function typedUsernameOptions(formPath: string, secure: boolean) {
  return { path: formPath, httpOnly: true, sameSite: 'lax', secure, maxAge: TYPED_USERNAME_MAX_AGE } as const;
}
