import { z } from 'zod';

// Issue messages are error codes for the app to translate, never text for readers.

/** Length in code points, so a character outside the BMP (𠀀) counts once. */
const codePoints = (s: string) => [...s].length;

// Letters of any script (plus the combining marks Indic and other scripts need
// after a letter), ASCII digits (after NFKC, full-width ones too) and `_`; nothing
// invisible (Unicode's default-ignorable characters include the Hangul fillers,
// which count as letters, and invisible combining marks).
const USERNAME_CHARACTERS = /^(?!.*\p{Default_Ignorable_Code_Point})[\p{L}0-9_][\p{L}\p{M}0-9_]*$/u;

/** Canonical form of a username: trimmed, NFKC-normalised (full-width → ASCII) and lower-cased. */
export function normalizeUsername(raw: string): string {
  return raw.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}

// Scripts a username may combine (Unicode's "highly restrictive" profile, UTS #39):
// Latin with Han and the Japanese kana, with Han and Bopomofo, or with Han and
// Hangul; any other mix (Latin with Cyrillic or Greek look-alikes: `аdmin`) spoofs.
const SCRIPTS = [
  'Latin',
  'Han',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Hangul',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Hebrew',
  'Thai',
  'Devanagari',
  'Armenian',
  'Georgian',
] as const;
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** The scripts of a string's letters (digits, `_` and combining marks belong to none). */
export function scriptsOf(s: string): Set<string> {
  const found = new Set<string>();
  for (const ch of s) {
    if (!/\p{L}/u.test(ch)) continue;
    found.add(SCRIPT_TESTS.find(([, test]) => test.test(ch))?.[0] ?? `other:${ch.codePointAt(0)! >> 7}`);
  }
  return found;
}

/** Whether a username's letters come from one script, or from a mix readers use without confusion. */
export function hasSafeScripts(s: string): boolean {
  const scripts = scriptsOf(s);
  return scripts.size <= 1 || ALLOWED_MIXES.some((mix) => [...scripts].every((x) => mix.has(x)));
}

/**
 * A username, normalised: 2–20 letters, digits or `_`, the letters of one script
 * or a safe mix. Invisible characters (zero-width, bidi controls) are not letters,
 * so they are refused like any other symbol.
 */
export const Username = z
  .string({ error: 'username_required' })
  // Before normalising: NFKC can lengthen a string, and no username is this long.
  .max(100, { error: 'username_length', abort: true })
  .overwrite(normalizeUsername)
  .refine((s) => codePoints(s) >= 2 && codePoints(s) <= 20, { error: 'username_length', abort: true })
  .regex(USERNAME_CHARACTERS, { error: 'username_characters', abort: true })
  .refine(hasSafeScripts, { error: 'username_mixed_scripts' });

/** A password: 8–128 characters, NFKC-normalised (so one typed on another keyboard still matches), not only whitespace. */
export const Password = z
  .string({ error: 'password_required' })
  .max(1000, { error: 'password_length', abort: true })
  .overwrite((s) => s.normalize('NFKC'))
  .refine((s) => codePoints(s) >= 8 && codePoints(s) <= 128, { error: 'password_length', abort: true })
  .refine((s) => /\S/u.test(s), { error: 'password_blank' });

/** The sign-up and sign-in form. */
export const Credentials = z.object({ username: Username, password: Password });

export type Username = z.infer<typeof Username>;
export type Password = z.infer<typeof Password>;
export type Credentials = z.infer<typeof Credentials>;
