import { z } from 'zod';
import { MAX_COMMENT_LENGTH, MAX_LINKS } from './constants';
import { linkify } from './linkify';

// Unicode's default-ignorable characters (zero-width ones, bidi controls, variation
// selectors, invisible fillers and marks, tags) and the blank Braille pattern: they
// reorder or hide text shown to other readers and slip past the duplicate check.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800\u061c\ufff9-\ufffb]/u;
// Except where an emoji needs them: a zero-width joiner inside a sequence (👨‍👩‍👧)
// and a presentation selector after an emoji (❤️).
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\p{Emoji_Modifier}?\ufe0f?)\u200d(?=\p{Extended_Pictographic})/gu;
const EMOJI_PRESENTATION = /(?<=\p{Emoji})[\ufe0e\ufe0f]/gu;

/** Whether a text carries invisible characters that could spoof what readers see. */
export function hasInvisibleCharacters(s: string): boolean {
  return INVISIBLE.test(s.replace(EMOJI_JOINER, '').replace(EMOJI_PRESENTATION, ''));
}

/** A comment as a form sends it: 1–1,000 characters after trimming, line breaks kept, at most 3 links. */
export const CommentBody = z
  .string({ error: 'comment_empty' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => s.length > 0, { error: 'comment_empty' })
  // Control characters other than line breaks and tabs have no place in a comment
  // (and PostgreSQL refuses NUL in text).
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s) && !hasInvisibleCharacters(s), { error: 'comment_invalid' })
  .refine((s) => [...s].length <= MAX_COMMENT_LENGTH, { error: 'comment_too_long' })
  .refine((s) => linkify(s).filter((x) => x.kind === 'link').length <= MAX_LINKS, { error: 'comment_links' });
