import { z } from 'zod';
import { FEEDBACK_KINDS } from '@/lib/feedback/constants';
import { sendFeedback } from '@/lib/feedback/feedback';
import { FeedbackText } from '@/lib/feedback/text';
import { fail, handleMutation, retryLater } from '@/lib/http/mutation';

const Input = z.object({
  kind: z.enum(FEEDBACK_KINDS, { error: 'invalid_input' }),
  commentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  body: FeedbackText,
});

/** 建议反馈: a signed-in reader's suggestion, or an appeal naming the comment or the ban it contests. A plain form works too. */
export async function POST(request: Request) {
  return handleMutation(request, { endpoint: 'feedback', schema: Input, access: 'signed-in' }, async ({ db, account, input }) => {
    const result = await sendFeedback(db, account.id, { kind: input.kind, commentId: input.commentId ?? null, body: input.body });
    if (result.ok) return { ok: true, body: { id: result.id }, message: { key: 'Feedback.sent' } };
    if (result.code === 'feedback_rate_limited') return retryLater('feedback_rate_limited', result.retryAfterSeconds);
    if (result.code === 'unknown_comment') return fail('unknown_comment', 404);
    if (result.code === 'not_banned') return fail('not_banned', 409);
    return fail('unavailable', 503);
  });
}
