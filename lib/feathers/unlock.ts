import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { unlocks } from '../db/schema';
import { changeBalance, lockAccount } from './ledger';

export type UnlockResult =
  { ok: true; balance: number; repeated: boolean } | { ok: false; code: 'feathers_short'; balance: number } | { ok: false; code: 'unknown_account' };

/**
 * Unlocks a paid article for the reader: spends its price once (a repeat changes
 * nothing) and records the unlock, in one transaction.
 */
export async function unlockArticle(db: Db, accountId: number, articleSlug: string, price: number): Promise<UnlockResult> {
  return db.transaction(async (tx) => {
    const balance = await lockAccount(tx, accountId);
    if (balance === null) return { ok: false, code: 'unknown_account' };
    const [earlier] = await tx
      .select({ slug: unlocks.articleSlug })
      .from(unlocks)
      .where(and(eq(unlocks.accountId, accountId), eq(unlocks.articleSlug, articleSlug)));
    if (earlier) return { ok: true, balance, repeated: true };
    const spent = await changeBalance(tx, { accountId, delta: -price, reason: 'unlock', reference: `article:${articleSlug}` });
    if (!spent.ok) return spent.code === 'feathers_short' ? { ok: false, code: 'feathers_short', balance } : { ok: false, code: 'unknown_account' };
    await tx.insert(unlocks).values({ accountId, articleSlug, price });
    return { ok: true, balance: spent.balance, repeated: false };
  });
}

/** Whether the reader has unlocked the article. */
export async function hasUnlocked(db: Db, accountId: number, articleSlug: string): Promise<boolean> {
  const [row] = await db
    .select({ slug: unlocks.articleSlug })
    .from(unlocks)
    .where(and(eq(unlocks.accountId, accountId), eq(unlocks.articleSlug, articleSlug)));
  return Boolean(row);
}
