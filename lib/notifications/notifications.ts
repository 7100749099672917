import { and, count, desc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { notifications } from '../db/schema';

/**
 * What a notification says, by kind. Comment ids and article slugs let /me link
 * to the article; a category is a rules category id (content/rules.md), named from
 * the rules when shown, so a renamed category reads with its new name.
 */
export const NotificationPayload = z.discriminatedUnion('kind', [
  /** A moderator approved the reader's comment; `feathers` is what it paid (0 when repeated). */
  z.object({ kind: z.literal('comment_approved'), commentId: z.number().int(), articleSlug: z.string(), feathers: z.number().int() }),
  /** A pending comment was rejected for a rules category. */
  z.object({ kind: z.literal('comment_rejected'), commentId: z.number().int(), articleSlug: z.string(), category: z.string() }),
  /** An approved comment was removed; `feathers` is what was taken back (0 if the balance had none). */
  z.object({
    kind: z.literal('comment_removed'),
    commentId: z.number().int(),
    articleSlug: z.string(),
    category: z.string(),
    feathers: z.number().int(),
  }),
  /** Feathers credited (delta > 0) or taken back (< 0) by someone else: a grant, a referral, a share read. */
  z.object({ kind: z.literal('feathers'), delta: z.number().int(), reason: z.string(), note: z.string().nullable() }),
  /** A ban from commenting, until a time (ISO) or for good (null). */
  z.object({ kind: z.literal('ban'), until: z.string().nullable(), category: z.string() }),
  /** A moderator answered the reader's 建议反馈 (the answer itself is on /me), restoring the comment or lifting the ban if `outcome` says so. */
  z.object({
    kind: z.literal('feedback_answered'),
    feedbackId: z.number().int(),
    outcome: z.enum(['restored', 'ban_lifted']).nullable(),
    feathers: z.number().int(),
  }),
]);
export type NotificationPayload = z.infer<typeof NotificationPayload>;
export type NotificationKind = NotificationPayload['kind'];

export type Notification = { id: number; createdAt: Date; seen: boolean; payload: NotificationPayload };

/** Notifications per page of /me. */
export const NOTIFICATIONS_SHOWN = 50;

/**
 * Inside the event's transaction: records a notification for the account, so the
 * notification exists exactly when the event does (a rolled-back event leaves none).
 */
export async function notify(tx: Tx, accountId: number, payload: NotificationPayload): Promise<void> {
  const checked = NotificationPayload.parse(payload);
  await tx.insert(notifications).values({ accountId, kind: checked.kind, payload: checked });
}

/** How many of the account's notifications are unseen (the header's count). */
export async function countUnseenNotifications(db: Db, accountId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), sql`${notifications.seenAt} is null`));
  return row?.n ?? 0;
}

/**
 * The account's newest notifications, newest first. A row whose payload no longer
 * fits its schema (a kind since dropped) is left out rather than failing the page.
 */
export async function listNotifications(db: Db, accountId: number, limit = NOTIFICATIONS_SHOWN): Promise<Notification[]> {
  const rows = await db
    .select({ id: notifications.id, payload: notifications.payload, createdAt: notifications.createdAt, seenAt: notifications.seenAt })
    .from(notifications)
    .where(eq(notifications.accountId, accountId))
    .orderBy(desc(notifications.id))
    .limit(limit);
  return rows.flatMap((r) => {
    const payload = NotificationPayload.safeParse(r.payload);
    return payload.success ? [{ id: r.id, createdAt: r.createdAt, seen: r.seenAt !== null, payload: payload.data }] : [];
  });
}

/**
 * Marks the account's notifications up to `upToId` as seen (the newest one the
 * reader was shown: one that arrived since stays unseen). Only the account's own
 * rows: an id of someone else's notification changes nothing. Returns how many changed.
 */
export async function markNotificationsSeen(db: Db, accountId: number, upToId: number, now = new Date()): Promise<number> {
  const changed = await db
    .update(notifications)
    .set({ seenAt: now })
    .where(and(eq(notifications.accountId, accountId), lte(notifications.id, upToId), sql`${notifications.seenAt} is null`))
    .returning({ id: notifications.id });
  return changed.length;
}
