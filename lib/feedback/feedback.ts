import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, commentBans, commentReports, comments, feedback } from '../db/schema';
import { COMMENT_REWARD } from '../feathers/amounts';
import { changeBalance, lockAccount } from '../feathers/ledger';
import { notify } from '../notifications/notifications';
import { getActiveBan } from '../comments/comments';
import type { FeedbackAction, FeedbackKind } from './constants';

/** Messages per account per window: the same as comments. */
export const FEEDBACK_LIMIT = { count: 5, windowSeconds: 10 * 60 };

export type SendResult =
  | { ok: true; id: number }
  | { ok: false; code: 'feedback_rate_limited'; retryAfterSeconds: number }
  | { ok: false; code: 'unknown_comment' | 'not_banned' | 'unknown_account' };

/**
 * Sends a message to the moderators (建议反馈). An appeal must name what it contests:
 * one of the reader's own comments that was rejected or removed, or a ban in force.
 * The account's row lock orders one reader's messages, so the limit counts exactly.
 */
export async function sendFeedback(
  db: Db,
  accountId: number,
  message: { kind: FeedbackKind; commentId: number | null; body: string },
  now = new Date(),
): Promise<SendResult> {
  return db.transaction(async (tx) => {
    if ((await lockAccount(tx, accountId)) === null) return { ok: false, code: 'unknown_account' };
    const windowStart = new Date(now.getTime() - FEEDBACK_LIMIT.windowSeconds * 1000);
    const recent = await tx
      .select({ createdAt: feedback.createdAt })
      .from(feedback)
      .where(and(eq(feedback.accountId, accountId), gt(feedback.createdAt, windowStart)))
      .orderBy(asc(feedback.createdAt));
    if (recent.length >= FEEDBACK_LIMIT.count) {
      const frees = recent[recent.length - FEEDBACK_LIMIT.count]!.createdAt.getTime() + FEEDBACK_LIMIT.windowSeconds * 1000;
      return { ok: false, code: 'feedback_rate_limited', retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)) };
    }
    let commentId: number | null = null;
    if (message.kind === 'comment_appeal') {
      const [own] = await tx
        .select({ id: comments.id })
        .from(comments)
        .where(and(eq(comments.id, message.commentId ?? 0), eq(comments.accountId, accountId), inArray(comments.status, ['rejected', 'removed'])));
      if (!own) return { ok: false, code: 'unknown_comment' };
      commentId = own.id;
    }
    if (message.kind === 'ban_appeal' && !(await getActiveBan(tx, accountId, now))) return { ok: false, code: 'not_banned' };
    const [row] = await tx
      .insert(feedback)
      .values({ accountId, kind: message.kind, commentId, body: message.body, createdAt: now })
      .returning({ id: feedback.id });
    return { ok: true, id: row!.id };
  });
}

export type FeedbackItem = {
  id: number;
  kind: FeedbackKind;
  commentId: number | null;
  body: string;
  status: 'open' | 'answered';
  answer: string | null;
  outcome: 'restored' | 'ban_lifted' | null;
  createdAt: Date;
  answeredAt: Date | null;
};

const itemColumns = {
  id: feedback.id,
  kind: feedback.kind,
  commentId: feedback.commentId,
  body: feedback.body,
  status: feedback.status,
  answer: feedback.answer,
  outcome: feedback.outcome,
  createdAt: feedback.createdAt,
  answeredAt: feedback.answeredAt,
};

// The CHECK constraints hold these columns to the unions; the casts only tell TypeScript.
const asItem = <T extends { kind: string; status: string; outcome: string | null }>(r: T) =>
  ({ ...r, kind: r.kind as FeedbackKind, status: r.status as FeedbackItem['status'], outcome: r.outcome as FeedbackItem['outcome'] }) as Omit<
    T,
    'kind' | 'status' | 'outcome'
  > &
    Pick<FeedbackItem, 'kind' | 'status' | 'outcome'>;

/** The reader's own messages and their answers, newest first (for /me). */
export async function listMyFeedback(db: Db, accountId: number): Promise<FeedbackItem[]> {
  const rows = await db.select(itemColumns).from(feedback).where(eq(feedback.accountId, accountId)).orderBy(desc(feedback.id)).limit(50);
  return rows.map(asItem);
}

export type OpenFeedback = FeedbackItem & {
  author: string;
  authorId: number;
  /** The contested comment as it stands (an appeal), or null. */
  comment: { body: string; status: string; reason: string | null; articleSlug: string } | null;
  /** Whether the author is banned from commenting right now. */
  banned: boolean;
};

/** Messages no moderator has answered yet, oldest first, with what an appeal contests. */
export async function listOpenFeedback(db: Db, limit = 50, now = new Date()): Promise<OpenFeedback[]> {
  const rows = await db
    .select({
      ...itemColumns,
      author: accounts.username,
      authorId: feedback.accountId,
      commentBody: comments.body,
      commentStatus: comments.status,
      commentReason: comments.reason,
      commentSlug: comments.articleSlug,
    })
    .from(feedback)
    .innerJoin(accounts, eq(accounts.id, feedback.accountId))
    .leftJoin(comments, eq(comments.id, feedback.commentId))
    .where(eq(feedback.status, 'open'))
    .orderBy(asc(feedback.id))
    .limit(limit);
  return Promise.all(
    rows.map(async ({ commentBody, commentStatus, commentReason, commentSlug, ...r }) => ({
      ...asItem(r),
      comment:
        commentBody !== null && commentStatus !== null && commentSlug !== null
          ? { body: commentBody, status: commentStatus, reason: commentReason, articleSlug: commentSlug }
          : null,
      banned: (await getActiveBan(db, r.authorId, now)) !== null,
    })),
  );
}

export type AnswerResult =
  { ok: true; outcome: 'restored' | 'ban_lifted' | null; feathers: number } | { ok: false; code: 'unknown_feedback' | 'cannot_restore' | 'not_banned' };

/**
 * A moderator answers a message, and may restore the comment an appeal contests or
 * lift the author's ban, all in one transaction with the reader's notification.
 * Restoring publishes the comment and pays its +10 again exactly once: the ledger's
 * key (comment_restored, comment:<id>) lets no second restore or retry pay twice. An
 * already answered message changes nothing (two moderators at once: one wins).
 */
export async function answerFeedback(
  db: Db,
  moderatorId: number,
  feedbackId: number,
  { answer, action }: { answer: string; action: FeedbackAction },
  now = new Date(),
): Promise<AnswerResult> {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ accountId: feedback.accountId, kind: feedback.kind, commentId: feedback.commentId })
      .from(feedback)
      .where(and(eq(feedback.id, feedbackId), eq(feedback.status, 'open')))
      .for('update');
    if (!item) return { ok: false, code: 'unknown_feedback' };
    let outcome: 'restored' | 'ban_lifted' | null = null;
    let feathers = 0;
    if (action === 'restore') {
      const [c] = await tx
        .select({ id: comments.id, status: comments.status, accountId: comments.accountId })
        .from(comments)
        .where(eq(comments.id, item.commentId ?? 0))
        .for('no key update');
      if (!c || c.accountId !== item.accountId || (c.status !== 'rejected' && c.status !== 'removed')) return { ok: false, code: 'cannot_restore' };
      await tx.update(comments).set({ status: 'approved', hidden: false, reason: null, reviewedBy: moderatorId, reviewedAt: now }).where(eq(comments.id, c.id));
      // Earlier reports were about the removed comment; it starts over.
      await tx.delete(commentReports).where(eq(commentReports.commentId, c.id));
      const paid = await changeBalance(tx, { accountId: c.accountId, delta: COMMENT_REWARD, reason: 'comment_restored', reference: `comment:${c.id}` });
      feathers = paid.ok && !paid.repeated ? COMMENT_REWARD : 0;
      outcome = 'restored';
    } else if (action === 'lift_ban') {
      const lifted = await tx.delete(commentBans).where(eq(commentBans.accountId, item.accountId)).returning({ id: commentBans.accountId });
      if (lifted.length === 0) return { ok: false, code: 'not_banned' };
      outcome = 'ban_lifted';
    }
    await tx.update(feedback).set({ status: 'answered', answer, outcome, answeredBy: moderatorId, answeredAt: now }).where(eq(feedback.id, feedbackId));
    await notify(tx, item.accountId, { kind: 'feedback_answered', feedbackId, outcome, feathers });
    return { ok: true, outcome, feathers };
  });
}
