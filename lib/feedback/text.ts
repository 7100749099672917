import { z } from 'zod';
import { hasInvisibleCharacters } from '../comments/text';
import { MAX_FEEDBACK_LENGTH } from './constants';

/** 建议反馈's text, or a moderator's answer: plain text of 1–1,000 characters after trimming, line breaks kept. */
export const FeedbackText = z
  .string({ error: 'feedback_empty' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => s.length > 0, { error: 'feedback_empty' })
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s) && !hasInvisibleCharacters(s), { error: 'comment_invalid' })
  .refine((s) => [...s].length <= MAX_FEEDBACK_LENGTH, { error: 'feedback_too_long' });
