import { z } from 'zod';
import { approveComments, rejectComments } from '@/lib/comments/comments';
import { RuleCategoryInput } from '@/lib/comments/moderation-input';
import { handleMutation, withQuery } from '@/lib/http/mutation';

const Ids = z
  .union([z.string(), z.array(z.string())], { error: 'no_selection' })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.coerce.number<string>().int().positive().max(Number.MAX_SAFE_INTEGER), { error: 'no_selection' }).min(1, { error: 'no_selection' }).max(200));

const Input = z.discriminatedUnion(
  'action',
  [z.object({ action: z.literal('approve'), ids: Ids }), z.object({ action: z.literal('reject'), ids: Ids, reason: RuleCategoryInput })],
  { error: 'invalid_input' },
);

/** Approve or reject (remove) one comment or a batch. Moderators only; to anyone else it does not exist. */
export async function POST(request: Request) {
  return handleMutation(request, { endpoint: 'review', schema: Input, access: 'moderator', refusalsBack: true }, async ({ db, account, input, next }) => {
    const results =
      input.action === 'approve' ? await approveComments(db, account.id, input.ids) : await rejectComments(db, account.id, input.ids, input.reason);
    // Back to the same place in the queue, saying how many were handled (「已处理 {n} 条评论」).
    return { ok: true, body: { results }, redirect: withQuery(next, { done: results.filter((r) => r.ok).length }) };
  });
}
