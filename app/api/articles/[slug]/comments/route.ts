import { z } from 'zod';
import { Ticked, hasAccepted, outdatedSignUpConsents, recordConsents } from '@/lib/account/consent';
import { getCurrentAccount } from '@/lib/auth/web';
import { banRefusal } from '@/lib/comments/ban-refusal';
import { listApprovedComments, listOwnComments, postComment, type OwnComment, type PublicComment } from '@/lib/comments/comments';
import { MAX_COMMENTS_PAGE } from '@/lib/comments/constants';
import { CommentBody } from '@/lib/comments/text';
import { COMMENT_REWARD, SHARE_READ_CAP } from '@/lib/feathers/amounts';
import { getConsentVersions, hasArticle, listRuleCategories } from '@/lib/content/site';
import { getDb } from '@/lib/db';
import type { CommentView, CommentsAnswer, OwnCommentView } from '@/lib/http/contract';
import { fail, handleMutation, retryLater } from '@/lib/http/mutation';
import { formLocale } from '@/lib/http/request';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** A comment as the contract sends it (no status, the time as ISO). */
const commentView = ({ id, author, body, createdAt }: PublicComment): CommentView => ({ id, author, body, createdAt: createdAt.toISOString() });
const ownView = (c: OwnComment): OwnCommentView => ({ ...commentView(c), status: c.status, reason: c.reason });

const Page = z.coerce
  .number()
  .int()
  .min(1)
  .max(10_000)
  .catch(1)
  .transform((p) => Math.min(p, MAX_COMMENTS_PAGE));

/**
 * A page of the approved comments (newest first), for a signed-in reader their own
 * pending and rejected ones, and the rules' categories in the page's locale.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const headers = { 'cache-control': 'private, no-store' };
  if (!hasArticle(slug)) return Response.json({ ok: false, code: 'unknown_article' } satisfies CommentsAnswer, { status: 404, headers });
  const query = new URL(request.url).searchParams;
  const page = Page.parse(query.get('page') ?? 1);
  try {
    const { db } = await getDb();
    const account = await getCurrentAccount();
    const [approved, mine] = await Promise.all([listApprovedComments(db, slug, page), account ? listOwnComments(db, account.id, slug) : []]);
    const answer = {
      ok: true,
      page,
      total: approved.total,
      comments: approved.comments.map(commentView),
      mine: mine.map(ownView),
      categories: listRuleCategories(formLocale(query.get('locale'))),
    } satisfies CommentsAnswer;
    return Response.json(answer, { headers });
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'comments unavailable');
    return Response.json({ ok: false, code: 'unavailable' } satisfies CommentsAnswer, { status: 503, headers });
  }
}

const Input = z.object({ body: CommentBody, acceptRules: Ticked });

/**
 * Posts a comment for moderation (评论). The reader must have accepted the current
 * 社区公约 (the form's box, ticked with this post or before); its version is recorded.
 * The current 用户协议 and 隐私政策 must have been accepted too (the page asks for them).
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleMutation(request, { endpoint: 'comment', schema: Input, access: 'signed-in' }, async ({ db, account, input, locale }) => {
    if (!hasArticle(slug)) return fail('unknown_article', 404);
    const versions = getConsentVersions();
    if ((await outdatedSignUpConsents(db, account.id, versions)).length > 0) return fail('terms_consent_required', 403);
    const rules = versions.rules;
    if (input.acceptRules) await recordConsents(db, account.id, { rules });
    else if (!(await hasAccepted(db, account.id, 'rules', rules))) return fail('rules_consent_required', 403);
    const result = await postComment(db, account.id, slug, input.body);
    if (result.ok)
      return {
        ok: true,
        body: { comment: { ...commentView(result.comment), status: 'pending', reason: null } },
        message: { key: 'Comments.posted', values: { comment: COMMENT_REWARD, cap: SHARE_READ_CAP } },
      };
    if (result.code === 'comment_banned') return banRefusal(result.until, locale);
    // Like every other limit's 429: Retry-After says when, `{minutes}` says it in words.
    if (result.code === 'comment_rate_limited') return retryLater('comment_rate_limited', result.retryAfterSeconds);
    if (result.code === 'comment_duplicate') return fail('comment_duplicate', 409);
    return fail('unavailable', 503);
  });
}
