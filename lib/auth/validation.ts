import { z } from 'zod';

// Issue messages are error codes for the app to translate, never text for readers.

/** Length in code points, so a character outside the BMP (𠀀) counts once. */
const codePoints = (s: string) => [...s].length;

// Letters of any script (plus the combining marks Indic and other scripts need
// after a letter), decimal digits and `_`.
const USERNAME_CHARACTERS = /^[\p{L}\p{Nd}_][\p{L}\p{M}\p{Nd}_]*$/u;

/** Canonical form of a username: trimmed, NFKC-normalised (full-width → ASCII) and lower-cased. */
export function normalizeUsername(raw: string): string {
  return raw.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** A username, normalised: 2–20 letters (any script), digits or `_`. */
export const Username = z
  .string({ error: 'username_required' })
  .overwrite(normalizeUsername)
  .refine((s) => codePoints(s) >= 2 && codePoints(s) <= 20, { error: 'username_length', abort: true })
  .regex(USERNAME_CHARACTERS, { error: 'username_characters' });

/** A password: 8–128 characters, NFKC-normalised (so one typed on another keyboard still matches), not only whitespace. */
export const Password = z
  .string({ error: 'password_required' })
  .overwrite((s) => s.normalize('NFKC'))
  .refine((s) => codePoints(s) >= 8 && codePoints(s) <= 128, { error: 'password_length', abort: true })
  .refine((s) => /\S/u.test(s), { error: 'password_blank' });

/** The sign-up and sign-in form. */
export const Credentials = z.object({ username: Username, password: Password });

export type Username = z.infer<typeof Username>;
export type Password = z.infer<typeof Password>;
export type Credentials = z.infer<typeof Credentials>;
