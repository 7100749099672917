import { z } from 'zod';
import { FEEDBACK_ACTIONS } from '@/lib/feedback/constants';
import { answerFeedback } from '@/lib/feedback/feedback';
import { AnswerText } from '@/lib/feedback/text';
import { fail, handleMutation, withQuery } from '@/lib/http/mutation';

const Input = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  action: z.enum(FEEDBACK_ACTIONS, { error: 'invalid_input' }),
  answer: AnswerText,
});

/** A moderator answers 建议反馈, and may restore the contested comment or lift the ban. Moderators only. */
export async function POST(request: Request) {
  return handleMutation(
    request,
    { endpoint: 'answerFeedback', schema: Input, access: 'moderator', refusalsBack: true },
    async ({ db, account, input, next }) => {
      const result = await answerFeedback(db, account.id, input.id, { answer: input.answer, action: input.action });
      if (result.ok) return { ok: true, body: { outcome: result.outcome, feathers: result.feathers }, redirect: withQuery(next, { answered: 1 }) };
      if (result.code === 'unknown_feedback') return fail('unknown_feedback', 404);
      return fail(result.code, 409);
    },
  );
}
