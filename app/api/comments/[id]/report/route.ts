import { z } from 'zod';
import { banRefusal } from '@/lib/comments/ban-refusal';
import { reportComment } from '@/lib/comments/comments';
import { RuleCategoryInput } from '@/lib/comments/moderation-input';
import { fail, handleMutation } from '@/lib/http/mutation';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const Input = z.object({ reason: RuleCategoryInput });

/** 举报: a reader reports an approved comment for a category of the rules; enough distinct reports hide it for review. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = Id.safeParse((await params).id);
  return handleMutation(request, { endpoint: 'report', schema: Input, access: 'signed-in' }, async ({ db, account, input, locale }) => {
    if (!id.success) return fail('unknown_comment', 404);
    const result = await reportComment(db, account.id, id.data, input.reason);
    if (result.ok) return { ok: true, body: { hidden: result.hidden }, message: { key: 'Comments.reported' } };
    if (result.code === 'comment_banned') return banRefusal(result.until, locale);
    return result.code === 'report_own' ? fail('report_own', 400) : fail('unknown_comment', 404);
  });
}
