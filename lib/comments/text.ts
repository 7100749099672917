import { z } from 'zod';
import { linkify } from './linkify';

/** Longest comment, in characters (code points) after trimming. */
export const MAX_COMMENT_LENGTH = 1000;
/** Most links a comment may carry. */
export const MAX_LINKS = 3;

// Zero-width characters, bidi controls and other invisible format characters: they
// reorder or hide text shown to other readers and slip past the duplicate check.
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/u;
// A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the emoji.
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\p{Emoji_Modifier}?\ufe0f?)\u200d(?=\p{Extended_Pictographic})/gu;

/** Whether a text carries invisible characters that could spoof what readers see. */
export function hasInvisibleCharacters(s: string): boolean {
  return INVISIBLE.test(s.replace(EMOJI_JOINER, ''));
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
