import { z } from 'zod';
import { banRefusal } from '@/lib/comments/ban-refusal';
import { reportComment } from '@/lib/comments/comments';
import { fail, handleMutation } from '@/lib/http/mutation';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** 举报: a reader reports an approved comment; enough distinct reports hide it for review. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = Id.safeParse((await params).id);
  return handleMutation(request, { endpoint: 'report', schema: z.object({}), access: 'signed-in' }, async ({ db, account, locale }) => {
    if (!id.success) return fail('unknown_comment', 404);
    const result = await reportComment(db, account.id, id.data);
    if (result.ok) return { ok: true, body: { hidden: result.hidden }, message: { key: 'Comments.reported' } };
    if (result.code === 'comment_banned') return banRefusal(result.until, locale);
    return result.code === 'report_own' ? fail('report_own', 400) : fail('unknown_comment', 404);
  });
}
