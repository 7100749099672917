import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

type Row = Record<string, unknown>;
const rows = async (db: Db, query: ReturnType<typeof sql>): Promise<Row[]> => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

/**
 * Everything that must hold however the database got where it is (crash, restore,
 * soak): each balance is the sum of its ledger, each ledger row's balance_after is
 * the running sum before it, and each gift's stock counter equals its redemptions.
 * Returns the offending rows; all empty when the books balance.
 */
export async function booksProblems(db: Db) {
  const balances = await rows(
    db,
    sql`select a.id, a.feathers, coalesce(sum(l.delta), 0)::int as ledger_sum
        from accounts a left join ledger l on l.account_id = a.id
        group by a.id having a.feathers <> coalesce(sum(l.delta), 0)`,
  );
  const chains = await rows(
    db,
    sql`select id, account_id from (
          select id, account_id, balance_after, sum(delta) over (partition by account_id order by id) as running from ledger
        ) t where balance_after <> running`,
  );
  const stock = await rows(
    db,
    sql`select coalesce(s.gift_id, r.gift_id) as gift_id, s.redeemed, r.n
        from gift_stock s full join (select gift_id, count(*)::int as n from redemptions group by gift_id) r on r.gift_id = s.gift_id
        where coalesce(s.redeemed, 0) <> coalesce(r.n, 0)`,
  );
  return { balances, chains, stock };
}

/** The rows that carry money and stock, in a stable order, for comparing two moments. */
export async function moneySnapshot(db: Db) {
  return {
    accounts: await rows(db, sql`select id, username, feathers from accounts order by id`),
    ledger: await rows(db, sql`select id, account_id, delta, reason, reference, balance_after from ledger order by id`),
    redemptions: await rows(db, sql`select id, account_id, gift_id, price, code from redemptions order by id`),
    stock: await rows(db, sql`select gift_id, redeemed from gift_stock order by gift_id`),
  };
}
