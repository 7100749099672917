import { z } from 'zod';
import { hasInvisibleCharacters } from '../comments/text';
import { MAX_FEEDBACK_LENGTH } from './constants';

/** Plain text of 1–1,000 characters after trimming, line breaks kept; `empty` names the refusal of a blank one. */
const plainText = (empty: 'feedback_empty' | 'answer_required') =>
  z
    .string({ error: empty })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => s.length > 0, { error: empty })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s) && !hasInvisibleCharacters(s), { error: 'comment_invalid' })
    .refine((s) => [...s].length <= MAX_FEEDBACK_LENGTH, { error: 'feedback_too_long' });

/** 建议反馈's text. */
export const FeedbackText = plainText('feedback_empty');
/** A moderator's answer to it. */
export const AnswerText = plainText('answer_required');
