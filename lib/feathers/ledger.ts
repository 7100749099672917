import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { accounts, ledger } from '../db/schema';
import { notify } from '../notifications/notifications';

/** Why a balance changed; each has a label in messages (Feathers.reasons). */
export const REASONS = ['grant', 'quiz', 'referral', 'share_read', 'redeem', 'unlock', 'comment', 'comment_removed', 'comment_restored'] as const;
export type Reason = (typeof REASONS)[number];

/**
 * Changes the reader did not cause themselves, each told to them by a notification
 * written in the same transaction. Not the quiz, a redemption or an unlock (the
 * reader just did it and saw the answer), nor a comment's reward and its take-back:
 * the comment's own notification (approved, removed) carries the amount.
 */
export const NOTIFIED_REASONS: readonly Reason[] = ['grant', 'referral', 'share_read'];

/** The largest single change anyone may make: keeps sums far inside a 32-bit integer. */
export const MAX_DELTA = 1_000_000;

export type LedgerEntry = {
  id: number;
  delta: number;
  reason: Reason;
  reference: string;
  note: string | null;
  balanceAfter: number;
  createdAt: Date;
};

export type Change =
  | { ok: true; entry: LedgerEntry; balance: number; repeated: boolean }
  | { ok: false; code: 'feathers_short'; balance: number }
  | { ok: false; code: 'unknown_account' };

const entryColumns = {
  id: ledger.id,
  delta: ledger.delta,
  reason: ledger.reason,
  reference: ledger.reference,
  note: ledger.note,
  balanceAfter: ledger.balanceAfter,
  createdAt: ledger.createdAt,
};

/**
 * Locks the account's row for the rest of the transaction and returns its balance
 * (null: no such account, or one deleted). Every change of a balance goes through here first, so
 * changes to one account happen one after another, on every app instance; comments
 * take the same lock to count one reader's posts exactly.
 */
export async function lockAccount(tx: Tx, accountId: number): Promise<number | null> {
  // NO KEY UPDATE, not UPDATE: it does not conflict with the KEY SHARE locks that
  // foreign-key checks take (a comment's reviewed_by, an account's referred_by), so
  // two transactions that each reference the other's account cannot deadlock.
  const [row] = await tx
    .select({ feathers: accounts.feathers, deletedAt: accounts.deletedAt })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .for('no key update');
  // A deleted account's tombstone keeps its ledger but changes no more.
  return row && !row.deletedAt ? row.feathers : null;
}

/**
 * Inside a transaction: adds `delta` feathers to the account (negative spends), once
 * per (account, reason, reference). A repeat returns the first entry and changes
 * nothing; a spend the balance cannot cover changes nothing.
 */
export async function changeBalance(
  tx: Tx,
  change: { accountId: number; delta: number; reason: Reason; reference: string; note?: string | null },
): Promise<Change> {
  const { accountId, delta, reason, reference } = change;
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_DELTA) throw new RangeError(`bad feathers delta ${delta}`);
  const balance = await lockAccount(tx, accountId);
  if (balance === null) return { ok: false, code: 'unknown_account' };
  const [earlier] = await tx
    .select(entryColumns)
    .from(ledger)
    .where(and(eq(ledger.accountId, accountId), eq(ledger.reason, reason), eq(ledger.reference, reference)));
  if (earlier) return { ok: true, entry: earlier as LedgerEntry, balance, repeated: true };
  return appendEntry(tx, { ...change, balance });
}

/**
 * The second half of changeBalance, for a caller that already holds the account's
 * lock (lockAccount, whose `balance` it passes) and whose reference is new by
 * construction (a row it just inserted): writes the entry and the balance without
 * locking or looking for a repeat again. A hot transaction (立即兑换) saves two
 * round trips this way, all of them under the account's lock.
 */
export async function appendEntry(
  tx: Tx,
  change: { accountId: number; balance: number; delta: number; reason: Reason; reference: string; note?: string | null },
): Promise<Change> {
  const { accountId, balance, delta, reason, reference } = change;
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_DELTA) throw new RangeError(`bad feathers delta ${delta}`);
  const balanceAfter = balance + delta;
  if (balanceAfter < 0) return { ok: false, code: 'feathers_short', balance };
  const [entry] = await tx
    .insert(ledger)
    .values({ accountId, delta, reason, reference, note: change.note ?? null, balanceAfter })
    .returning(entryColumns);
  await tx.update(accounts).set({ feathers: balanceAfter }).where(eq(accounts.id, accountId));
  if (NOTIFIED_REASONS.includes(reason)) await notify(tx, accountId, { kind: 'feathers', delta, reason, note: change.note ?? null });
  return { ok: true, entry: entry as LedgerEntry, balance: balanceAfter, repeated: false };
}

/** changeBalance in a transaction of its own. */
export function applyChange(db: Db, change: Parameters<typeof changeBalance>[1]): Promise<Change> {
  return db.transaction((tx) => changeBalance(tx, change));
}

/** The account's balance. */
export async function getBalance(db: Db, accountId: number): Promise<number> {
  const [row] = await db.select({ feathers: accounts.feathers }).from(accounts).where(eq(accounts.id, accountId));
  return row?.feathers ?? 0;
}

/** The sum of the account's ledger (what the balance must always equal). */
export async function getLedgerSum(db: Db, accountId: number): Promise<number> {
  const [row] = await db
    .select({ sum: sql<number>`coalesce(sum(${ledger.delta}), 0)::int` })
    .from(ledger)
    .where(eq(ledger.accountId, accountId));
  return row?.sum ?? 0;
}

/** Rows per page of 羽毛明细. */
export const LEDGER_PAGE_SIZE = 100;

export type LedgerPage = { entries: LedgerEntry[]; /** The cursor of the next (older) page, or null on the last. */ nextBefore: number | null };

/**
 * 羽毛明细: one page of the account's ledger, newest first, of the entries older
 * than the entry `before` (keyset paging on the id, served by ledger_account_idx
 * (account_id, id): a page costs the same however deep, and an entry added while
 * the reader pages never shifts a row into the next page twice, as OFFSET would).
 * One more row than the page is read to tell whether an older page follows.
 */
export async function listLedger(
  db: Db,
  accountId: number,
  { before, limit = LEDGER_PAGE_SIZE }: { before?: number | undefined; limit?: number } = {},
): Promise<LedgerPage> {
  const rows = (await db
    .select(entryColumns)
    .from(ledger)
    .where(and(eq(ledger.accountId, accountId), before === undefined ? undefined : lt(ledger.id, before)))
    .orderBy(desc(ledger.id))
    .limit(limit + 1)) as LedgerEntry[];
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
}
