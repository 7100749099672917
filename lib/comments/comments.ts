import { createHash } from 'node:crypto';
import { and, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { getDb } from '../db';
import type { Db, Tx } from '../db/client';
import { accounts, commentBans, commentReports, comments, ledger } from '../db/schema';
import { COMMENT_REWARD } from '../feathers/amounts';
import { changeBalance, lockAccount } from '../feathers/ledger';
import { notify } from '../notifications/notifications';
import { getArticleTotals } from '../reader/article-stats';
import { COMMENTS_PAGE_SIZE, MAX_COMMENTS_PAGE } from './constants';
import { CommentBody } from './text';
import { log } from '@/lib/log';

export { COMMENT_REWARD } from '../feathers/amounts';
/** Comments per account per window. */
export const COMMENT_LIMIT = { count: 5, windowSeconds: 10 * 60 };
/** The same text again within this is refused. */
export const DUPLICATE_SECONDS = 60 * 60;
/** Distinct reports that hide an approved comment until a moderator decides. */
export const REPORTS_TO_HIDE = 3;

/**
 * The id of a category of the community rules (社区公约), `{#spam}` in content/rules.md:
 * what a comment is rejected or removed for, or a reader banned for. Stored as
 * written; the routes accept only ids the rules have (lib/comments/moderation-input.ts).
 */
export type RuleCategoryId = string;

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'removed';
export type PublicComment = { id: number; author: string; body: string; createdAt: Date };

const hashOf = (body: string) => createHash('sha256').update(body).digest('hex');

export type PostResult =
  | { ok: true; comment: PublicComment & { status: 'pending' } }
  | { ok: false; code: 'comment_banned'; until: Date | null }
  | { ok: false; code: 'comment_rate_limited'; retryAfterSeconds: number }
  | { ok: false; code: 'comment_duplicate' }
  | { ok: false; code: 'unknown_account' };

/** The account's ban from commenting, if one is in force (an expired one has ended by itself). */
export async function getActiveBan(db: Db | Tx, accountId: number, now = new Date()): Promise<{ until: Date | null; reason: string } | null> {
  const [ban] = await db
    .select({ until: commentBans.until, reason: commentBans.reason })
    .from(commentBans)
    .where(and(eq(commentBans.accountId, accountId), or(sql`${commentBans.until} is null`, gt(commentBans.until, now))));
  return ban ?? null;
}

/**
 * Posts a comment for moderation. The account's row lock orders one reader's posts
 * on every app instance, so the limits (5 per 10 minutes, no repeat within the hour)
 * count exactly what is in the table.
 */
export async function postComment(db: Db, accountId: number, articleSlug: string, text: string, now = new Date()): Promise<PostResult> {
  const body = CommentBody.parse(text);
  return db.transaction(async (tx) => {
    if ((await lockAccount(tx, accountId)) === null) return { ok: false, code: 'unknown_account' };
    const ban = await getActiveBan(tx, accountId, now);
    if (ban) return { ok: false, code: 'comment_banned', until: ban.until };
    const windowStart = new Date(now.getTime() - COMMENT_LIMIT.windowSeconds * 1000);
    const recent = await tx
      .select({ createdAt: comments.createdAt })
      .from(comments)
      .where(and(eq(comments.accountId, accountId), gt(comments.createdAt, windowStart)))
      .orderBy(comments.createdAt);
    if (recent.length >= COMMENT_LIMIT.count) {
      const frees = recent[recent.length - COMMENT_LIMIT.count]!.createdAt.getTime() + COMMENT_LIMIT.windowSeconds * 1000;
      return { ok: false, code: 'comment_rate_limited', retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)) };
    }
    const bodyHash = hashOf(body);
    const [repeat] = await tx
      .select({ id: comments.id })
      .from(comments)
      .where(
        and(eq(comments.accountId, accountId), eq(comments.bodyHash, bodyHash), gt(comments.createdAt, new Date(now.getTime() - DUPLICATE_SECONDS * 1000))),
      );
    if (repeat) return { ok: false, code: 'comment_duplicate' };
    const [row] = await tx
      .insert(comments)
      .values({ accountId, articleSlug, body, bodyHash, createdAt: now })
      .returning({ id: comments.id, createdAt: comments.createdAt });
    const [author] = await tx.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, accountId));
    return { ok: true, comment: { id: row!.id, author: author!.username, body, createdAt: row!.createdAt, status: 'pending' } };
  });
}

const publicColumns = { id: comments.id, author: accounts.username, body: comments.body, createdAt: comments.createdAt };
const visible = (slug: string) => and(eq(comments.articleSlug, slug), eq(comments.status, 'approved'), eq(comments.hidden, false));

/**
 * One page of the article's approved comments, newest first, and how many there
 * are. Pages past MAX_COMMENTS_PAGE read as that page (OFFSET skips rows one by one).
 */
export async function listApprovedComments(db: Db, articleSlug: string, page = 1): Promise<{ total: number; comments: PublicComment[] }> {
  const shown = Math.min(Math.max(1, Math.trunc(page)), MAX_COMMENTS_PAGE);
  // The total is the article's counter (lib/reader/article-stats.ts): counting 190,000 rows per page view did not scale.
  const { approvedComments: total } = await getArticleTotals(db, articleSlug);
  // The page's ids first, from comments_article_idx alone, and only those 10 joined
  // to their authors: joined before the OFFSET, page 100 looked up 1,000 authors to
  // show 10 (EXPLAIN on bench:scale's data).
  const pageIds = db
    .select({ id: comments.id })
    .from(comments)
    .where(visible(articleSlug))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(COMMENTS_PAGE_SIZE)
    .offset((shown - 1) * COMMENTS_PAGE_SIZE)
    .as('page_ids');
  const rows = await db
    .select(publicColumns)
    .from(pageIds)
    .innerJoin(comments, eq(comments.id, pageIds.id))
    .innerJoin(accounts, eq(accounts.id, comments.accountId))
    .orderBy(desc(comments.createdAt), desc(comments.id));
  return { total, comments: rows };
}

/** A page of the article's approved comments for a page that renders them: undefined while the database is down. */
export async function getApprovedCommentsPage(articleSlug: string, page: number): Promise<{ total: number; comments: PublicComment[] } | undefined> {
  try {
    return await listApprovedComments((await getDb()).db, articleSlug, page);
  } catch (error) {
    log.error({ err: error }, 'comments unavailable');
    return undefined;
  }
}

/** One of the reader's own comments on the article that others do not see: waiting (审核中) or rejected, with the rules' category. */
export type OwnComment = PublicComment & { status: 'pending' | 'rejected'; reason: RuleCategoryId | null };

/**
 * The reader's own comments on the article that are not public: the pending ones
 * (审核中) and the rejected ones with their reason, so a rejection does not simply
 * vanish for its author. Newest first.
 */
export async function listOwnComments(db: Db, accountId: number, articleSlug: string): Promise<OwnComment[]> {
  const rows = await db
    .select({ ...publicColumns, status: comments.status, reason: comments.reason })
    .from(comments)
    .innerJoin(accounts, eq(accounts.id, comments.accountId))
    .where(and(eq(comments.accountId, accountId), eq(comments.articleSlug, articleSlug), inArray(comments.status, ['pending', 'rejected'])))
    .orderBy(desc(comments.createdAt), desc(comments.id));
  return rows.map((r) => ({ ...r, status: r.status === 'rejected' ? 'rejected' : 'pending' }));
}

export type ReportResult =
  { ok: true; hidden: boolean } | { ok: false; code: 'unknown_comment' | 'report_own' } | { ok: false; code: 'comment_banned'; until: Date | null };

/**
 * A reader reports an approved comment for a category of the rules (kept with the
 * report for the moderator); enough distinct reports hide it until a moderator decides. A reader banned from commenting cannot report either (or a
 * banned troll could hide others' comments from their side accounts' bans).
 */
export async function reportComment(db: Db, accountId: number, commentId: number, reason: RuleCategoryId, now = new Date()): Promise<ReportResult> {
  const ban = await getActiveBan(db, accountId, now);
  if (ban) return { ok: false, code: 'comment_banned', until: ban.until };
  return db.transaction(async (tx) => {
    const [comment] = await tx
      .select({ accountId: comments.accountId, hidden: comments.hidden })
      .from(comments)
      .where(and(eq(comments.id, commentId), eq(comments.status, 'approved')))
      .for('no key update');
    if (!comment) return { ok: false, code: 'unknown_comment' };
    if (comment.accountId === accountId) return { ok: false, code: 'report_own' };
    await tx.insert(commentReports).values({ commentId, accountId, reason }).onConflictDoNothing();
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(commentReports).where(eq(commentReports.commentId, commentId));
    const hidden = comment.hidden || n >= REPORTS_TO_HIDE;
    if (hidden && !comment.hidden) await tx.update(comments).set({ hidden: true }).where(eq(comments.id, commentId));
    return { ok: true, hidden };
  });
}

export type QueueItem = {
  id: number;
  author: string;
  authorId: number;
  articleSlug: string;
  body: string;
  status: CommentStatus;
  reports: number;
  createdAt: Date;
};

/** Comments per page of the moderation queue. */
export const QUEUE_PAGE_SIZE = 50;

/**
 * One page of the moderation queue: pending comments and reported (hidden) ones,
 * oldest first, after the comment `after` (keyset paging: the queue changes while a
 * moderator works through it, and OFFSET would skip or repeat). One more row than
 * the page is read to tell whether another page follows.
 */
export async function listModerationQueue(
  db: Db,
  { after = 0, limit = QUEUE_PAGE_SIZE }: { after?: number; limit?: number } = {},
): Promise<{ items: QueueItem[]; nextAfter: number | null }> {
  const rows = await db
    .select({
      id: comments.id,
      author: accounts.username,
      authorId: comments.accountId,
      articleSlug: comments.articleSlug,
      body: comments.body,
      status: sql<CommentStatus>`${comments.status}`,
      reports: sql<number>`(select count(*)::int from ${commentReports} where ${commentReports.commentId} = ${comments.id})`,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(accounts, eq(accounts.id, comments.accountId))
    .where(and(gt(comments.id, after), or(eq(comments.status, 'pending'), and(eq(comments.status, 'approved'), eq(comments.hidden, true)))))
    .orderBy(comments.id)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextAfter: rows.length > limit ? items[items.length - 1]!.id : null };
}

export type ReviewResult = { id: number; ok: boolean };

/**
 * Locks a comment's author and then the comment, in that order: account deletion
 * locks the account before it deletes the comments, so taking them the other way
 * round could deadlock with it. Null when the comment or its author is gone (a
 * deleted account's comments went with it). Each comment is reviewed in its own
 * transaction, so a batch never holds two authors' locks at once.
 */
async function lockCommentAndAuthor(tx: Tx, id: number) {
  const [author] = await tx.select({ accountId: comments.accountId }).from(comments).where(eq(comments.id, id));
  if (!author) return null;
  const balance = await lockAccount(tx, author.accountId);
  if (balance === null) return null;
  // An author never changes, so the row read after the account's lock is the same comment's.
  const [c] = await tx
    .select({ status: comments.status, hidden: comments.hidden, accountId: comments.accountId, articleSlug: comments.articleSlug })
    .from(comments)
    .where(eq(comments.id, id))
    .for('no key update');
  return c ? { ...c, balance } : null;
}

/**
 * Approves comments: a pending one is published and pays its author +10 once (the
 * ledger reference is the comment); a reported one is shown again, its reports cleared.
 */
export async function approveComments(db: Db, moderatorId: number, ids: number[], now = new Date()): Promise<ReviewResult[]> {
  const out: ReviewResult[] = [];
  for (const id of ids) {
    out.push(
      await db.transaction(async (tx) => {
        const c = await lockCommentAndAuthor(tx, id);
        if (!c || !(c.status === 'pending' || (c.status === 'approved' && c.hidden))) return { id, ok: false };
        await tx.update(comments).set({ status: 'approved', hidden: false, reason: null, reviewedBy: moderatorId, reviewedAt: now }).where(eq(comments.id, id));
        if (c.status === 'approved') {
          await tx.delete(commentReports).where(eq(commentReports.commentId, id));
          return { id, ok: true };
        }
        const paid = await changeBalance(tx, { accountId: c.accountId, delta: COMMENT_REWARD, reason: 'comment', reference: `comment:${id}` });
        if (!paid.ok) throw new Error(`comment award failed: ${paid.code}`);
        await notify(tx, c.accountId, {
          kind: 'comment_approved',
          commentId: id,
          articleSlug: c.articleSlug,
          feathers: paid.repeated ? 0 : COMMENT_REWARD,
        });
        return { id, ok: true };
      }),
    );
  }
  return out;
}

/**
 * Rejects pending comments, or removes approved ones, for a category of the rules.
 * Removing takes the +10 back with a reversing entry, as far as the balance allows
 * (a balance never goes below zero).
 */
export async function rejectComments(db: Db, moderatorId: number, ids: number[], reason: RuleCategoryId, now = new Date()): Promise<ReviewResult[]> {
  const out: ReviewResult[] = [];
  for (const id of ids) {
    out.push(
      await db.transaction(async (tx) => {
        const c = await lockCommentAndAuthor(tx, id);
        if (!c || (c.status !== 'pending' && c.status !== 'approved')) return { id, ok: false };
        const status = c.status === 'pending' ? 'rejected' : 'removed';
        await tx.update(comments).set({ status, reason, hidden: false, reviewedBy: moderatorId, reviewedAt: now }).where(eq(comments.id, id));
        if (status === 'rejected') {
          await notify(tx, c.accountId, { kind: 'comment_rejected', commentId: id, articleSlug: c.articleSlug, category: reason });
          return { id, ok: true };
        }
        const back = Math.min(COMMENT_REWARD, c.balance);
        let taken = 0;
        if (back > 0) {
          const reference = await takeBackReference(tx, c.accountId, id);
          const change = await changeBalance(tx, { accountId: c.accountId, delta: -back, reason: 'comment_removed', reference });
          taken = change.ok && !change.repeated ? back : 0;
        }
        await notify(tx, c.accountId, { kind: 'comment_removed', commentId: id, articleSlug: c.articleSlug, category: reason, feathers: taken });
        return { id, ok: true };
      }),
    );
  }
  return out;
}

/**
 * The ledger key of a removal's take-back. A comment is paid at most twice (approved,
 * then restored on appeal once), so it may be taken back at most twice: the first
 * removal under `comment:<id>`, a removal after the paid restore under
 * `comment:<id>:restored`. One key would let approve → remove → restore → remove keep
 * the restore's +10; a key per removal would let repeated removals take more than was paid.
 */
async function takeBackReference(tx: Tx, accountId: number, commentId: number): Promise<string> {
  const [restored] = await tx
    .select({ id: ledger.id })
    .from(ledger)
    .where(and(eq(ledger.accountId, accountId), eq(ledger.reason, 'comment_restored'), eq(ledger.reference, `comment:${commentId}`)))
    .limit(1);
  return restored ? `comment:${commentId}:restored` : `comment:${commentId}`;
}

export type BanResult = { ok: true; until: Date | null } | { ok: false; code: 'unknown_account' };

/**
 * Bars an account from commenting for some days, or for good (`days` null), and
 * tells them. A new ban replaces the old. A deleted account (its tombstone) is as
 * absent as one that never was: nothing is written. The account's lock orders this
 * with a deletion, which would otherwise miss a ban and notification written after
 * it cleared them.
 */
export async function banFromCommenting(
  db: Db,
  moderatorId: number,
  accountId: number,
  days: number | null,
  reason: RuleCategoryId,
  now = new Date(),
): Promise<BanResult> {
  const until = days === null ? null : new Date(now.getTime() + days * 86_400_000);
  return db.transaction(async (tx) => {
    if ((await lockAccount(tx, accountId)) === null) return { ok: false, code: 'unknown_account' } as const;
    await tx
      .insert(commentBans)
      .values({ accountId, until, reason, bannedBy: moderatorId, createdAt: now })
      .onConflictDoUpdate({ target: commentBans.accountId, set: { until, reason, bannedBy: moderatorId, createdAt: now } });
    await notify(tx, accountId, { kind: 'ban', until: until?.toISOString() ?? null, category: reason });
    return { ok: true, until } as const;
  });
}

export type MyComment = { id: number; articleSlug: string; body: string; status: CommentStatus; hidden: boolean; reason: string | null; createdAt: Date };

/** Everything the reader wrote and what became of it, newest first (for /me). */
export async function listMyComments(db: Db, accountId: number): Promise<MyComment[]> {
  return db
    .select({
      id: comments.id,
      articleSlug: comments.articleSlug,
      body: comments.body,
      status: sql<CommentStatus>`${comments.status}`,
      hidden: comments.hidden,
      reason: comments.reason,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(eq(comments.accountId, accountId))
    .orderBy(desc(comments.createdAt), desc(comments.id));
}
