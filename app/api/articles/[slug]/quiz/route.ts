import { z } from 'zod';
import { getQuizAnswer } from '@/lib/content/site';
import { answerQuiz } from '@/lib/feathers/rewards';
import { fail, handleMutation } from '@/lib/http/mutation';

const Input = z.object({ choice: z.coerce.number({ error: 'quiz_choice' }).int({ error: 'quiz_choice' }).min(1, { error: 'quiz_choice' }) });

/** The reading quiz: one answer per reader; the right one pays +5 feathers once. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleMutation(request, { endpoint: 'quiz', schema: Input, access: 'signed-in' }, async ({ db, account, input }) => {
    const quiz = getQuizAnswer(slug);
    if (!quiz) return fail('unknown_article', 404);
    if (input.choice > quiz.options) return fail('quiz_choice', 400);
    const result = await answerQuiz(db, account.id, slug, input.choice, quiz.answer);
    if (!result.ok) return result.code === 'quiz_answered' ? fail('quiz_answered', 409) : fail('unavailable', 503);
    return {
      ok: true,
      // Once answered, the reader is shown the right option and where the article answers it.
      body: { correct: result.correct, awarded: result.awarded, balance: result.balance, choice: input.choice, answer: quiz.answer, section: quiz.section },
      message: { key: result.correct ? 'Quiz.right' : 'Quiz.wrong', values: { amount: result.awarded } },
    };
  });
}
