import { z } from 'zod';
import { currentAccount } from '@/lib/auth/web';
import { banRefusal } from '@/lib/comments/ban-refusal';
import { listApproved, listOwnPending, postComment } from '@/lib/comments/comments';
import { CommentBody } from '@/lib/comments/text';
import { hasArticle } from '@/lib/content/site';
import { getDb } from '@/lib/db';
import { fail, handleMutation } from '@/lib/http/mutation';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

/** A page of the approved comments (newest first) and, for a signed-in reader, their own pending ones. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const headers = { 'cache-control': 'private, no-store' };
  if (!hasArticle(slug)) return Response.json({ ok: false, code: 'unknown_article' }, { status: 404, headers });
  const page = Page.parse(new URL(request.url).searchParams.get('page') ?? 1);
  try {
    const { db } = await getDb();
    const account = await currentAccount();
    const [approved, mine] = await Promise.all([listApproved(db, slug, page), account ? listOwnPending(db, account.id, slug) : []]);
    return Response.json({ ok: true, page, ...approved, mine }, { headers });
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'comments unavailable');
    return Response.json({ ok: false, code: 'unavailable' }, { status: 503, headers });
  }
}

const Input = z.object({ body: CommentBody });

/** Posts a comment for moderation (评论). */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleMutation(request, { schema: Input, access: 'signed-in' }, async ({ db, account, input, locale }) => {
    if (!hasArticle(slug)) return fail('unknown_article', 404);
    const result = await postComment(db, account.id, slug, input.body);
    if (result.ok) return { ok: true, body: { comment: result.comment }, message: { key: 'Comments.posted' } };
    if (result.code === 'comment_banned') return banRefusal(result.until, locale);
    if (result.code === 'comment_rate_limited') return fail('comment_rate_limited', 429, { minutes: Math.ceil(result.retryAfterSeconds / 60) });
    if (result.code === 'comment_duplicate') return fail('comment_duplicate', 409);
    return fail('unavailable', 503);
  });
}
