import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import {
  accounts,
  commentBans,
  commentReports,
  comments,
  consents,
  favourites,
  feedback,
  ledger,
  notifications,
  passwordResets,
  quizAttempts,
  rateLimits,
  ratings,
  redemptions,
  sessions,
  shareVisits,
  unlocks,
} from '../db/schema';
import { lockAccount } from '../feathers/ledger';
import { assertHasherHasRoom, hashPassword, verifyPassword } from '../auth/passwords';
import { consumeAttempt, refundAttempt } from '../auth/rate-limit';
import { normalizeUsername } from '../auth/validation';
import { RETIRED_USERNAME_DAYS, retireUsername, retiredKey } from './usernames';
import { lockArticleStatsOf } from '../reader/article-stats';

export { RETIRED_USERNAME_DAYS } from './usernames';
/** Wrong current passwords per account in settings: 5 in 15 minutes, then refused for a while. */
export const SETTINGS_PASSWORD_FAILURES = { limit: 5, windowSeconds: 15 * 60 } as const;

/** A stored session token hash (sessions keep only the SHA-256 of the cookie's token). */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type PasswordCheck = { ok: true } | { ok: false; code: 'wrong_password' } | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks the signed-in reader's current password before a change that needs it
 * (a new password, deleting the account). Failures are counted per account, so a
 * borrowed, signed-in browser cannot be used to guess the password.
 */
/** The rate-limit counter of wrong current passwords in settings. */
const settingsPasswordKey = (accountId: number) => `settings:password:${accountId}`;

export async function checkCurrentPassword(db: Db, accountId: number, password: string, now = new Date()): Promise<PasswordCheck> {
  assertHasherHasRoom();
  const key = settingsPasswordKey(accountId);
  const counted = await consumeAttempt(db, key, { ...SETTINGS_PASSWORD_FAILURES, now });
  if (!counted.allowed) {
    await refundAttempt(db, key, counted);
    return { ok: false, code: 'rate_limited', retryAfterSeconds: counted.retryAfterSeconds };
  }
  const [row] = await db
    .select({ passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), isNull(accounts.deletedAt)));
  let matches = false;
  try {
    matches = row ? await verifyPassword(password, row.passwordHash) : false;
  } catch (error) {
    await refundAttempt(db, key, counted);
    throw error;
  }
  if (!matches) return { ok: false, code: 'wrong_password' };
  await refundAttempt(db, key, counted);
  return { ok: true };
}

/**
 * Sets a new password and ends every session of the account except `keepTokenHash`
 * (the browser that made the change stays signed in), in one transaction.
 */
export async function setPassword(db: Db, accountId: number, newPassword: string, keepTokenHash: string | null): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
    await tx
      .delete(sessions)
      .where(keepTokenHash ? and(eq(sessions.accountId, accountId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.accountId, accountId));
    await cancelResetLinks(tx, accountId);
  });
}

/**
 * A reader who changes their password or signs out everywhere may be shutting out
 * someone else: a reset link an operator issued (perhaps to that someone) dies too.
 */
async function cancelResetLinks(db: Db | Tx, accountId: number): Promise<void> {
  await db
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.accountId, accountId), isNull(passwordResets.usedAt)));
}

/** Ends every session of the account (this browser's too); returns how many. */
export async function endAllSessions(db: Db, accountId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.delete(sessions).where(eq(sessions.accountId, accountId)).returning({ tokenHash: sessions.tokenHash });
    await cancelResetLinks(tx, accountId);
    return rows.length;
  });
}

/** Everything the site holds about one reader, as the "download my data" file carries it. */
export type AccountExport = {
  exportedAt: string;
  account: { username: string; createdAt: string; feathers: number; isModerator: boolean; referralCode: string; referredBy: string | null };
  consents: Array<{ document: string; version: string; acceptedAt: string }>;
  favourites: Array<{ article: string; createdAt: string }>;
  ratings: Array<{ article: string; stars: number; updatedAt: string }>;
  quizAnswers: Array<{ article: string; choice: number; correct: boolean; createdAt: string }>;
  unlocks: Array<{ article: string; price: number; createdAt: string }>;
  comments: Array<{ article: string; body: string; status: string; hidden: boolean; category: string | null; createdAt: string }>;
  commentBan: { until: string | null; category: string; createdAt: string } | null;
  ledger: Array<{ delta: number; reason: string; reference: string; note: string | null; balanceAfter: number; createdAt: string }>;
  redemptions: Array<{ gift: string; price: number; code: string; createdAt: string }>;
  notifications: Array<{ kind: string; payload: unknown; createdAt: string; seenAt: string | null }>;
  feedback: Array<{ kind: string; body: string; status: string; answer: string | null; outcome: string | null; createdAt: string; answeredAt: string | null }>;
  sessions: Array<{ createdAt: string; expiresAt: string }>;
};

const iso = (d: Date) => d.toISOString();

/** The signed-in reader's own data, for them to download (nothing of anyone else). */
export async function exportAccountData(db: Db, accountId: number, now = new Date()): Promise<AccountExport | null> {
  const [account] = await db
    .select({
      username: accounts.username,
      createdAt: accounts.createdAt,
      feathers: accounts.feathers,
      isModerator: accounts.isModerator,
      referralCode: accounts.referralCode,
      referredById: accounts.referredBy,
    })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), isNull(accounts.deletedAt)));
  if (!account) return null;
  const { referredById, ...own } = account;
  // The name of the reader whose share link brought this one here; a deleted one has none.
  const [referrer] = referredById
    ? await db
        .select({ username: accounts.username })
        .from(accounts)
        .where(and(eq(accounts.id, referredById), isNull(accounts.deletedAt)))
    : [];
  const mine = <T extends { accountId: unknown }>(t: T) => eq(t.accountId as typeof accounts.id, accountId);
  const [c, f, r, q, u, cm, bans, l, rd, n, fb, s] = await Promise.all([
    db.select().from(consents).where(mine(consents)).orderBy(asc(consents.document)),
    db.select().from(favourites).where(mine(favourites)).orderBy(asc(favourites.createdAt)),
    db.select().from(ratings).where(mine(ratings)).orderBy(asc(ratings.updatedAt)),
    db.select().from(quizAttempts).where(mine(quizAttempts)).orderBy(asc(quizAttempts.createdAt)),
    db.select().from(unlocks).where(mine(unlocks)).orderBy(asc(unlocks.createdAt)),
    db.select().from(comments).where(mine(comments)).orderBy(asc(comments.id)),
    db.select().from(commentBans).where(mine(commentBans)),
    db.select().from(ledger).where(mine(ledger)).orderBy(asc(ledger.id)),
    db.select().from(redemptions).where(mine(redemptions)).orderBy(asc(redemptions.id)),
    db.select().from(notifications).where(mine(notifications)).orderBy(asc(notifications.id)),
    db.select().from(feedback).where(mine(feedback)).orderBy(asc(feedback.id)),
    db
      .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(and(eq(sessions.accountId, accountId), gt(sessions.expiresAt, now))),
  ]);
  const ban = bans[0];
  return {
    exportedAt: iso(now),
    account: { ...own, createdAt: iso(own.createdAt), referredBy: referrer?.username ?? null },
    consents: c.map((x) => ({ document: x.document, version: x.version, acceptedAt: iso(x.acceptedAt) })),
    favourites: f.map((x) => ({ article: x.articleSlug, createdAt: iso(x.createdAt) })),
    ratings: r.map((x) => ({ article: x.articleSlug, stars: x.stars, updatedAt: iso(x.updatedAt) })),
    quizAnswers: q.map((x) => ({ article: x.articleSlug, choice: x.choice, correct: x.correct, createdAt: iso(x.createdAt) })),
    unlocks: u.map((x) => ({ article: x.articleSlug, price: x.price, createdAt: iso(x.createdAt) })),
    comments: cm.map((x) => ({ article: x.articleSlug, body: x.body, status: x.status, hidden: x.hidden, category: x.reason, createdAt: iso(x.createdAt) })),
    commentBan: ban ? { until: ban.until ? iso(ban.until) : null, category: ban.reason, createdAt: iso(ban.createdAt) } : null,
    ledger: l.map((x) => ({
      delta: x.delta,
      reason: x.reason,
      reference: x.reference,
      note: x.note,
      balanceAfter: x.balanceAfter,
      createdAt: iso(x.createdAt),
    })),
    redemptions: rd.map((x) => ({ gift: x.giftId, price: x.price, code: x.code, createdAt: iso(x.createdAt) })),
    notifications: n.map((x) => ({ kind: x.kind, payload: x.payload, createdAt: iso(x.createdAt), seenAt: x.seenAt ? iso(x.seenAt) : null })),
    feedback: fb.map((x) => ({
      kind: x.kind,
      body: x.body,
      status: x.status,
      answer: x.answer,
      outcome: x.outcome,
      createdAt: iso(x.createdAt),
      answeredAt: x.answeredAt ? iso(x.answeredAt) : null,
    })),
    sessions: s.map((x) => ({ createdAt: iso(x.createdAt), expiresAt: iso(x.expiresAt) })),
  };
}

/** The tombstone's name: `#` cannot start a username, so it can never be signed in to or signed up with. */
export const tombstoneName = (accountId: number) => `#deleted-${accountId}`;

export type DeleteResult = { ok: true; username: string } | { ok: false; code: 'unknown_account' };

/**
 * Deletes an account (注销). Under the account row's lock (the one every balance
 * change takes, so a redemption in flight either finishes first, with its spend
 * and its code, or finds the account gone and does nothing): every session ends;
 * the personal data goes (password hash, name, referral code, favourites, ratings,
 * quiz answers, unlocks, share visits, reports, comments, 建议反馈, bans, consents, reset
 * links, counters keyed by name or account); the row stays as a nameless tombstone
 * holding the ledger and the redemptions, so stock, totals and balance = sum(ledger)
 * stay true. The name is refused at sign-up for RETIRED_USERNAME_DAYS.
 */
export async function deleteAccount(db: Db, accountId: number, now = new Date()): Promise<DeleteResult> {
  const [named] = await db.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, accountId));
  // Made outside the transaction (it may read the key from the database): the name cannot change meanwhile.
  const key = named ? await retiredKey(db, named.username) : '';
  return db.transaction(async (tx) => {
    if ((await lockAccount(tx, accountId)) === null) return { ok: false, code: 'unknown_account' } as const;
    const [row] = await tx.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, accountId));
    const username = row!.username;
    const byAccount = <T extends { accountId: unknown }>(t: T) => eq(t.accountId as typeof accounts.id, accountId);
    await tx.delete(sessions).where(byAccount(sessions));
    // The counters the favourites, ratings and comments triggers move, in one order (see there).
    await lockArticleStatsOf(tx, accountId);
    await tx.delete(favourites).where(byAccount(favourites));
    await tx.delete(ratings).where(byAccount(ratings));
    await tx.delete(quizAttempts).where(byAccount(quizAttempts));
    await tx.delete(unlocks).where(byAccount(unlocks));
    await tx.delete(commentReports).where(byAccount(commentReports));
    // Comments go, not renamed: their text is the reader's own words (see README, "Deleting an account").
    await tx.delete(comments).where(byAccount(comments));
    await tx.delete(commentBans).where(byAccount(commentBans));
    await tx.delete(consents).where(byAccount(consents));
    await tx.delete(passwordResets).where(byAccount(passwordResets));
    await tx.delete(notifications).where(byAccount(notifications));
    // 建议反馈 is the reader's own words like their comments (often more personal: an appeal explains itself).
    await tx.delete(feedback).where(byAccount(feedback));
    await tx.delete(shareVisits).where(or(eq(shareVisits.sharerId, accountId), eq(shareVisits.visitorKey, `a:${accountId}`)));
    // By exact key: a LIKE with a wildcard inside would read the whole table (tests/integration/query-plans.test.ts).
    await tx.delete(rateLimits).where(inArray(rateLimits.key, [`signin:user:${username}`, settingsPasswordKey(accountId)]));
    await tx
      .update(accounts)
      .set({
        username: tombstoneName(accountId),
        usernameSkeleton: null,
        passwordHash: '!',
        referralCode: tombstoneName(accountId),
        referredBy: null,
        isModerator: false,
        deletedAt: now,
      })
      .where(eq(accounts.id, accountId));
    const until = new Date(now.getTime() + RETIRED_USERNAME_DAYS * 86_400_000);
    await retireUsername(tx, key, until);
    return { ok: true, username } as const;
  });
}

/** Deletes reset links used or expired more than a day ago (kept that long so the page can still say which); returns how many. */
export async function purgeSpentResetLinks(db: Db, now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const rows = await db
    .delete(passwordResets)
    .where(or(lte(passwordResets.usedAt, dayAgo), lte(passwordResets.expiresAt, dayAgo)))
    .returning({ tokenHash: passwordResets.tokenHash });
  return rows.length;
}

/** How long a reset link works. */
export const RESET_MINUTES = 30;

/** Makes a one-time password reset token for a username (null: no such account); only its SHA-256 is stored. */
export async function createResetToken(db: Db, username: string, now = new Date()): Promise<{ token: string; expiresAt: Date; username: string } | null> {
  const [row] = await db
    .select({ id: accounts.id, username: accounts.username })
    .from(accounts)
    .where(and(eq(accounts.username, normalizeUsername(username)), isNull(accounts.deletedAt)));
  if (!row) return null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000);
  await db.insert(passwordResets).values({ tokenHash: sha256(token), accountId: row.id, expiresAt, createdAt: now });
  return { token, expiresAt, username: row.username };
}

export type ResetResult = { ok: true; accountId: number } | { ok: false; code: 'reset_invalid' | 'reset_used' | 'reset_expired' };

const RESET_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Uses a reset token: sets the new password and ends every session of the account,
 * once. The token row is claimed by a conditional update, so two uses at once
 * cannot both succeed.
 */
export async function resetPassword(db: Db, token: string, newPassword: string, now = new Date()): Promise<ResetResult> {
  if (!RESET_TOKEN.test(token)) return { ok: false, code: 'reset_invalid' };
  const tokenHash = sha256(token);
  const [row] = await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
  if (!row) return { ok: false, code: 'reset_invalid' };
  if (row.usedAt) return { ok: false, code: 'reset_used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, code: 'reset_expired' };
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ accountId: passwordResets.accountId });
    if (claimed.length === 0) return { ok: false, code: 'reset_used' } as const;
    await tx
      .update(accounts)
      .set({ passwordHash })
      .where(and(eq(accounts.id, row.accountId), isNull(accounts.deletedAt)));
    await tx.delete(sessions).where(eq(sessions.accountId, row.accountId));
    // Other links made for the account before this one stop working too.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.accountId, row.accountId), isNull(passwordResets.usedAt)));
    return { ok: true, accountId: row.accountId } as const;
  });
}

/** A reset token's state without using it (the page asks before showing the form). */
export async function getResetTokenState(db: Db, token: string, now = new Date()): Promise<'valid' | 'reset_invalid' | 'reset_used' | 'reset_expired'> {
  if (!RESET_TOKEN.test(token)) return 'reset_invalid';
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, sha256(token)));
  if (!row) return 'reset_invalid';
  if (row.usedAt) return 'reset_used';
  return row.expiresAt.getTime() <= now.getTime() ? 'reset_expired' : 'valid';
}
