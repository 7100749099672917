import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Gift } from '../content/schema';
import { getDb } from '../db';
import type { Db } from '../db/client';
import { giftStock, redemptions } from '../db/schema';
import { appendEntry, lockAccount } from './ledger';
import { log } from '@/lib/log';

/** The idempotency key a redeem form carries: made when the confirm dialog opens (or the page renders). */
export const IdempotencyKey = z.string({ error: 'invalid_input' }).regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'invalid_input' });

export type Redemption = { id: number; giftId: string; price: number; code: string; createdAt: Date };

export type RedeemResult =
  | { ok: true; redemption: Redemption; balance: number; remaining: number; repeated: boolean }
  | { ok: false; code: 'feathers_short'; balance: number; price: number }
  | { ok: false; code: 'out_of_stock' }
  | { ok: false; code: 'idempotency_conflict' }
  | { ok: false; code: 'unknown_account' };

const redemptionColumns = {
  id: redemptions.id,
  giftId: redemptions.giftId,
  price: redemptions.price,
  code: redemptions.code,
  createdAt: redemptions.createdAt,
};

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I: codes are read aloud and typed

/** A redemption code like 'K7QX-M2PA-9RTD' (60 random bits). */
export function newRedemptionCode(): string {
  const chars = [...randomBytes(12)].map((b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** What is left of each gift, for a page: undefined while the database is down (the gifts still show). */
export async function getMallStock(gifts: Gift[]): Promise<Map<string, number> | undefined> {
  try {
    return await getRemainingStock((await getDb()).db, gifts);
  } catch (error) {
    log.error({ err: error }, 'gift stock unavailable');
    return undefined;
  }
}

/** How many of each gift are left. */
export async function getRemainingStock(db: Db, gifts: Gift[]): Promise<Map<string, number>> {
  const rows = await db.select().from(giftStock);
  const redeemed = new Map(rows.map((r) => [r.giftId, r.redeemed]));
  return new Map(gifts.map((g) => [g.id, Math.max(0, g.stock - (redeemed.get(g.id) ?? 0))]));
}

/** Thrown inside the redemption's transaction to roll back what it wrote when the stock ran out. */
class SoldOut extends Error {}

/**
 * Redeems a gift in one transaction: spends its price, takes one from stock and
 * issues a code, or does none of it. The account's row lock orders one reader's
 * redemptions; the stock row's lock orders everyone's, so it is taken last: every
 * redemption of a gift queues on that one row, and the fewer round trips it is held
 * for (here: the stock update and the commit), the more redemptions a second the
 * gift can take. A second request with the same idempotency key returns the first
 * redemption.
 */
export async function redeemGift(db: Db, accountId: number, gift: Gift, idempotencyKey: string): Promise<RedeemResult> {
  const key = IdempotencyKey.parse(idempotencyKey);
  try {
    return await db.transaction(async (tx): Promise<RedeemResult> => {
      const balance = await lockAccount(tx, accountId);
      if (balance === null) return { ok: false, code: 'unknown_account' };
      const [earlier] = await tx
        .select(redemptionColumns)
        .from(redemptions)
        .where(and(eq(redemptions.accountId, accountId), eq(redemptions.idempotencyKey, key)));
      if (earlier) {
        if (earlier.giftId !== gift.id) return { ok: false, code: 'idempotency_conflict' };
        const [stock] = await tx.select({ redeemed: giftStock.redeemed }).from(giftStock).where(eq(giftStock.giftId, gift.id));
        return { ok: true, redemption: earlier, balance, remaining: Math.max(0, gift.stock - (stock?.redeemed ?? 0)), repeated: true };
      }
      if (gift.stock <= 0) return { ok: false, code: 'out_of_stock' };
      if (balance < gift.price) return { ok: false, code: 'feathers_short', balance, price: gift.price };

      const [redemption] = await tx
        .insert(redemptions)
        .values({ accountId, giftId: gift.id, price: gift.price, code: newRedemptionCode(), idempotencyKey: key })
        .returning(redemptionColumns);
      const spent = await appendEntry(tx, { accountId, balance, delta: -gift.price, reason: 'redeem', reference: `redemption:${redemption!.id}` });
      // The balance was checked under the same lock, so this cannot fail; if it somehow
      // did, throwing rolls back the code with it.
      if (!spent.ok) throw new Error(`redemption spend failed: ${spent.code}`);
      // One statement takes one from stock, creating the gift's row on its first redemption.
      const [taken] = await tx
        .insert(giftStock)
        .values({ giftId: gift.id, redeemed: 1 })
        .onConflictDoUpdate({ target: giftStock.giftId, set: { redeemed: sql`${giftStock.redeemed} + 1` }, setWhere: lt(giftStock.redeemed, gift.stock) })
        .returning({ redeemed: giftStock.redeemed });
      if (!taken) throw new SoldOut();
      return { ok: true, redemption: redemption!, balance: spent.balance, remaining: gift.stock - taken.redeemed, repeated: false };
    });
  } catch (error) {
    if (error instanceof SoldOut) return { ok: false, code: 'out_of_stock' };
    throw error;
  }
}

/** The reader's redemptions with their codes, newest first. */
export async function listRedemptions(db: Db, accountId: number): Promise<Redemption[]> {
  return db.select(redemptionColumns).from(redemptions).where(eq(redemptions.accountId, accountId)).orderBy(desc(redemptions.id));
}
