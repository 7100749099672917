import { z } from 'zod';
import { linkify } from './linkify';

/** Longest comment, in characters (code points) after trimming. */
export const MAX_COMMENT_LENGTH = 1000;
/** Most links a comment may carry. */
export const MAX_LINKS = 3;

/** A comment as a form sends it: 1–1,000 characters after trimming, line breaks kept, at most 3 links. */
export const CommentBody = z
  .string({ error: 'comment_empty' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => s.length > 0, { error: 'comment_empty' })
  // Control characters other than line breaks and tabs have no place in a comment
  // (and PostgreSQL refuses NUL in text).
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: 'comment_invalid' })
  .refine((s) => [...s].length <= MAX_COMMENT_LENGTH, { error: 'comment_too_long' })
  .refine((s) => linkify(s).filter((x) => x.kind === 'link').length <= MAX_LINKS, { error: 'comment_links' });
