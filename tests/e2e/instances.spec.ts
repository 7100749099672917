import { expect, test } from '@playwright/test';
import { testPort } from './support/ports';
import { books, query } from './support/database';
import { admin, apiReader, post } from './support/readers';
import { startServer } from './support/server';

// More app instances of the same build on the e2e database (PostgreSQL): the
// ledger's guarantees must hold across processes and through a killed one.
const DB = () => process.env.E2E_DATABASE_URL!;
const GIFT = 'xinstall-15-day-membership'; // 20 feathers
const BURST_GIFT = 'yishu-yike-30-day-trial'; // 20 feathers

/** Redemptions without their spend, and spends without their redemption (both must be zero). */
function orphans(username: string) {
  const [row] = query(
    DB(),
    `with a as (select id from accounts where username = '${username}')
     select
       (select count(*) from redemptions r where r.account_id = (select id from a)
          and not exists (select 1 from ledger l where l.account_id = r.account_id and l.reason = 'redeem' and l.reference = 'redemption:' || r.id)),
       (select count(*) from ledger l where l.account_id = (select id from a) and l.reason = 'redeem'
          and not exists (select 1 from redemptions r where 'redemption:' || r.id = l.reference)),
       (select count(*) from redemptions r where r.account_id = (select id from a))`,
  );
  return { codeWithoutSpend: Number(row![0]), spendWithoutCode: Number(row![1]), redemptions: Number(row![2]) };
}

/** Stock handed out equals the redemptions of each gift. */
function stockMatches(): boolean {
  const rows = query(DB(), `select s.gift_id, s.redeemed, (select count(*) from redemptions r where r.gift_id = s.gift_id) from gift_stock s`);
  return rows.every(([, redeemed, count]) => redeemed === count);
}

test('two app instances on one database: of 50 redemptions split across both, the two affordable succeed', async ({ playwright, baseURL }) => {
  const second = await startServer(testPort(3170), { DATABASE_URL: DB() });
  const request = await playwright.request.newContext();
  try {
    // Cookies ignore the port, so one session serves both instances.
    const name = await apiReader(request, baseURL!);
    await admin('grant-feathers', name, '45', '--reason', 'e2e two instances');
    const origins = [baseURL!, second.origin];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(request, origins[i % 2]!, `/api/gifts/${GIFT}/redeem`, { key: `two-instances-${i}-abcdefgh` })),
    );
    const statuses = responses.map((r) => r.status());
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(48);
    expect(books(name)).toEqual({ balance: 5, ledgerSum: 5 });
    expect(orphans(name)).toEqual({ codeWithoutSpend: 0, spendWithoutCode: 0, redemptions: 2 });
    expect(stockMatches()).toBe(true);
  } finally {
    await request.dispose();
    await second.stop();
  }
});

test('SIGKILL in the middle of a burst of redemptions leaves no partial redemption', async ({ playwright }) => {
  let server = await startServer(testPort(3180), { DATABASE_URL: DB() });
  const request = await playwright.request.newContext();
  try {
    const name = await apiReader(request, server.origin);
    await admin('grant-feathers', name, '1000', '--reason', 'e2e kill');
    const burst = Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => post(request, server.origin, `/api/gifts/${BURST_GIFT}/redeem`, { key: `sigkill-burst-${i}-abcdefgh` })),
    );
    // Kill it once some have gone through and others are in flight.
    await expect.poll(() => orphans(name).redemptions, { intervals: [20], timeout: 20_000 }).toBeGreaterThan(0);
    await server.stop('SIGKILL');
    const settled = await burst;
    expect(settled.some((r) => r.status === 'rejected')).toBe(true); // some never got an answer

    server = await startServer(testPort(3180), { DATABASE_URL: DB() });
    const after = orphans(name);
    expect(after.codeWithoutSpend).toBe(0);
    expect(after.spendWithoutCode).toBe(0);
    expect(books(name)).toEqual({ balance: 1000 - 20 * after.redemptions, ledgerSum: 1000 - 20 * after.redemptions });
    expect(stockMatches()).toBe(true);

    // The restarted server carries on: a retried key of the burst redeems at most once.
    const retry = await post(request, server.origin, `/api/gifts/${BURST_GIFT}/redeem`, { key: 'sigkill-burst-39-abcdefgh' });
    expect(retry.status()).toBe(200);
    const final = orphans(name);
    expect(final.redemptions - after.redemptions).toBeLessThanOrEqual(1);
    expect(books(name).balance).toBe(1000 - 20 * final.redemptions);
  } finally {
    await request.dispose();
    await server.stop();
  }
});
