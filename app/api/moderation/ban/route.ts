import { z } from 'zod';
import { BAN_DAYS, RULE_CATEGORIES, banFromCommenting } from '@/lib/comments/comments';
import { fail, handleMutation } from '@/lib/http/mutation';

const Input = z.object({
  accountId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  days: z.enum(Object.keys(BAN_DAYS) as [keyof typeof BAN_DAYS], { error: 'invalid_input' }),
  reason: z.enum(RULE_CATEGORIES, { error: 'reason_required' }),
});

/** 禁言: bars an account from commenting for 1, 7 or 15 days or for good. Moderators only. */
export async function POST(request: Request) {
  return handleMutation(request, { endpoint: 'ban', schema: Input, access: 'moderator' }, async ({ db, account, input }) => {
    const ban = await banFromCommenting(db, account.id, input.accountId, BAN_DAYS[input.days], input.reason);
    if (!ban) return fail('unknown_account', 404);
    return { ok: true, body: { until: ban.until?.toISOString() ?? null } };
  });
}
