import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { accounts, ledger, quizAttempts, shareVisits } from '../db/schema';
import { consumeAttempt } from '../auth/rate-limit';
import { QUIZ_REWARD, REFERRAL_REWARD, SHARE_READ_CAP, SHARE_READ_REWARD } from './amounts';
import { changeBalance, lockAccount } from './ledger';

export { QUIZ_REWARD, REFERRAL_REWARD, SHARE_READ_CAP, SHARE_READ_REWARD };

/**
 * Rewards one client address may cause in a day, across every sharer and account
 * (README "Security"): so one machine cannot fill many accounts. The intended path
 * (one person shares, three friends read, one signs up) stays well inside them.
 */
export type RewardCaps = { referralsPerDay: number; shareReadsPerDay: number };

/** Counts one reward caused by `address` against its daily cap, inside the reward's transaction. */
async function withinAddressCap(tx: Tx, kind: 'referral' | 'share_read', address: string, perDay: number, now: Date): Promise<boolean> {
  return (await consumeAttempt(tx, `reward:${kind}:${address}`, { limit: perDay, windowSeconds: 86400, now })).allowed;
}

export type QuizResult =
  | { ok: true; correct: boolean; awarded: number; balance: number }
  | { ok: false; code: 'quiz_answered'; correct: boolean }
  | { ok: false; code: 'unknown_account' };

/**
 * Records the reader's one answer to an article's quiz and, if right, pays +5 in
 * the same transaction. A second answer (or a concurrent duplicate) changes nothing.
 */
export async function answerQuiz(db: Db, accountId: number, articleSlug: string, choice: number, answer: number): Promise<QuizResult> {
  const correct = choice === answer;
  return db.transaction(async (tx) => {
    const balance = await lockAccount(tx, accountId);
    if (balance === null) return { ok: false, code: 'unknown_account' };
    const [recorded] = await tx
      .insert(quizAttempts)
      .values({ accountId, articleSlug, choice, correct })
      .onConflictDoNothing()
      .returning({ correct: quizAttempts.correct });
    if (!recorded) {
      const [earlier] = await tx
        .select({ correct: quizAttempts.correct })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.accountId, accountId), eq(quizAttempts.articleSlug, articleSlug)));
      return { ok: false, code: 'quiz_answered', correct: earlier?.correct ?? false };
    }
    if (!correct) return { ok: true, correct, awarded: 0, balance };
    const paid = await changeBalance(tx, { accountId, delta: QUIZ_REWARD, reason: 'quiz', reference: `article:${articleSlug}` });
    if (!paid.ok) throw new Error(`quiz award failed: ${paid.code}`);
    return { ok: true, correct, awarded: QUIZ_REWARD, balance: paid.balance };
  });
}

/** The reader's earlier answer to an article's quiz, if any. */
export async function getQuizAttempt(db: Db, accountId: number, articleSlug: string): Promise<{ correct: boolean } | null> {
  const [row] = await db
    .select({ correct: quizAttempts.correct })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.accountId, accountId), eq(quizAttempts.articleSlug, articleSlug)));
  return row ?? null;
}

/**
 * A new account signed up through a share link: records who referred it and pays
 * the sharer +10, once per new account (the ledger reference is the new account),
 * never for an account referring itself, a sharer the browser has signed in as
 * (`excludeSharers`: its device tokens), or past the daily cap of the address the
 * sign-up came from.
 */
export async function creditReferral(
  db: Db,
  newAccountId: number,
  referralCode: string,
  from: { address: string; perDay: number; excludeSharers?: number[]; now?: Date },
): Promise<{ sharerId: number } | null> {
  return db.transaction(async (tx) => {
    const [sharer] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.referralCode, referralCode));
    if (!sharer || sharer.id === newAccountId || from.excludeSharers?.includes(sharer.id)) return null;
    if (!(await withinAddressCap(tx, 'referral', from.address, from.perDay, from.now ?? new Date()))) return null;
    const [linked] = await tx
      .update(accounts)
      .set({ referredBy: sharer.id })
      .where(and(eq(accounts.id, newAccountId), sql`${accounts.referredBy} is null`))
      .returning({ id: accounts.id });
    if (!linked) return null; // already referred by someone
    const paid = await changeBalance(tx, { accountId: sharer.id, delta: REFERRAL_REWARD, reason: 'referral', reference: `account:${newAccountId}` });
    if (!paid.ok) throw new Error(`referral award failed: ${paid.code}`);
    return { sharerId: sharer.id };
  });
}

/** `counted`: this visit was recorded as a new paying reader (and `awarded` is what it paid). */
export type ShareVisitResult = { counted: boolean; awarded: number };

/**
 * Someone opened an article through a share link. Each distinct visitor (an account,
 * or a signed visitor cookie) earns the sharer +5, up to +15 per sharer and article;
 * the sharer's own visits never count, and one client address pays at most
 * `perDay` share-read rewards a day in all. Ordered by the sharer's row lock (and
 * the address counter's), so concurrent visits cannot pass either cap.
 */
export async function recordShareVisit(
  db: Db,
  visit: {
    referralCode: string;
    articleSlug: string;
    visitorKey: string;
    visitorAccountId: number | null;
    /** Accounts this browser has signed in as (its device tokens): the sharer's own browser, signed out, is not a reader. */
    excludeSharers?: number[];
    address: string;
    perDay: number;
    now?: Date;
  },
): Promise<ShareVisitResult> {
  return db.transaction(async (tx) => {
    const [sharer] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.referralCode, visit.referralCode));
    if (!sharer || sharer.id === visit.visitorAccountId || visit.excludeSharers?.includes(sharer.id)) return { counted: false, awarded: 0 };
    // A sharer who deleted their account meanwhile earns nothing (and the visit is not an error).
    if ((await lockAccount(tx, sharer.id)) === null) return { counted: false, awarded: 0 };
    // Only a visit that pays is recorded: a script sending cookieless visits (each a
    // new visitor) past the caps must not grow the table.
    const [earned] = await tx
      .select({ sum: sql<number>`coalesce(sum(${ledger.delta}), 0)::int` })
      .from(ledger)
      .where(and(eq(ledger.accountId, sharer.id), eq(ledger.reason, 'share_read'), sql`${ledger.reference} like ${`article:${visit.articleSlug}:%`}`));
    if ((earned?.sum ?? 0) + SHARE_READ_REWARD > SHARE_READ_CAP) return { counted: false, awarded: 0 };
    const [seen] = await tx
      .select({ key: shareVisits.visitorKey })
      .from(shareVisits)
      .where(and(eq(shareVisits.sharerId, sharer.id), eq(shareVisits.articleSlug, visit.articleSlug), eq(shareVisits.visitorKey, visit.visitorKey)));
    if (seen) return { counted: false, awarded: 0 };
    if (!(await withinAddressCap(tx, 'share_read', visit.address, visit.perDay, visit.now ?? new Date()))) return { counted: false, awarded: 0 };
    const [inserted] = await tx
      .insert(shareVisits)
      .values({ sharerId: sharer.id, articleSlug: visit.articleSlug, visitorKey: visit.visitorKey })
      .onConflictDoNothing()
      .returning({ key: shareVisits.visitorKey });
    if (!inserted) return { counted: false, awarded: 0 };
    const paid = await changeBalance(tx, {
      accountId: sharer.id,
      delta: SHARE_READ_REWARD,
      reason: 'share_read',
      reference: `article:${visit.articleSlug}:${visit.visitorKey}`,
    });
    if (!paid.ok) throw new Error(`share award failed: ${paid.code}`);
    return { counted: true, awarded: SHARE_READ_REWARD };
  });
}
