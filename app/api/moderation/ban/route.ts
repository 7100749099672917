import { z } from 'zod';
import { banFromCommenting } from '@/lib/comments/comments';
import { BanInput, RuleCategoryInput } from '@/lib/comments/moderation-input';
import { fail, handleMutation, withQuery } from '@/lib/http/mutation';

const Input = z.object({
  accountId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  days: BanInput,
  reason: RuleCategoryInput,
});

/** 禁言: bars an account from commenting for one of the lengths the rules' penalties state. Moderators only. */
export async function POST(request: Request) {
  return handleMutation(request, { endpoint: 'ban', schema: Input, access: 'moderator', refusalsBack: true }, async ({ db, account, input, next }) => {
    const ban = await banFromCommenting(db, account.id, input.accountId, input.days.days, input.reason);
    if (!ban.ok) return fail(ban.code, 404);
    return { ok: true, body: { until: ban.until?.toISOString() ?? null }, redirect: withQuery(next, { banned: 1 }) };
  });
}
