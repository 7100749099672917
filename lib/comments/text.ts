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
  .refine((s) => [...s].length <= MAX_COMMENT_LENGTH, { error: 'comment_too_long' })
  .refine((s) => linkify(s).filter((x) => x.kind === 'link').length <= MAX_LINKS, { error: 'comment_links' });
