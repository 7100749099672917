import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { accounts, giftStock, ledger, redemptions } from '@/lib/db/schema';
import { grantFeathers } from '@/lib/feathers/grant';
import { applyChange, getBalance, getLedgerSum, listLedger } from '@/lib/feathers/ledger';
import { redeemGift, getRemainingStock } from '@/lib/feathers/mall';
import { answerQuiz, creditReferral, recordShareVisit } from '@/lib/feathers/rewards';
import { newVisitor, verifyVisitor } from '@/lib/feathers/visitor';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

// Reward caps per address are tested in trust-limits.test.ts.
const OPEN = { address: '192.0.2.250', perDay: 1_000_000 };

const SLUG = 'how-ecommerce-operations-work';
const GIFT = { id: 'coupon', name: '券', description: '券', howToUse: '下单时填写兑换码。', price: 20, stock: 100 };
const key = (n: number | string) => `attempt-key-${String(n).padStart(8, '0')}`;

const reader = testAccount;

async function expectConsistent(db: Db, accountId: number) {
  const balance = await getBalance(db, accountId);
  expect(balance).toBeGreaterThanOrEqual(0);
  expect(await getLedgerSum(db, accountId)).toBe(balance);
}

describe.each(BACKENDS)('feathers on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('records every change in the ledger with the balance after, once per reason and reference', async () => {
    const db = await freshDb();
    const { id } = await reader(db, 'alice');
    expect(await applyChange(db, { accountId: id, delta: 30, reason: 'grant', reference: 'g1', note: '活动奖励' })).toMatchObject({
      ok: true,
      balance: 30,
      repeated: false,
    });
    expect(await applyChange(db, { accountId: id, delta: 30, reason: 'grant', reference: 'g1' })).toMatchObject({ ok: true, balance: 30, repeated: true });
    expect(await applyChange(db, { accountId: id, delta: -50, reason: 'unlock', reference: 'x' })).toEqual({ ok: false, code: 'feathers_short', balance: 30 });
    expect(await applyChange(db, { accountId: id, delta: -10, reason: 'unlock', reference: 'x' })).toMatchObject({ ok: true, balance: 20 });
    const rows = (await listLedger(db, id)).entries;
    expect(rows.map((r) => [r.delta, r.reason, r.balanceAfter, r.note])).toEqual([
      [-10, 'unlock', 20, null],
      [30, 'grant', 30, '活动奖励'],
    ]);
    await expectConsistent(db, id);
    await expect(applyChange(db, { accountId: id, delta: 0, reason: 'grant', reference: 'zero' })).rejects.toThrow(RangeError);
    await expect(applyChange(db, { accountId: id, delta: 1.5, reason: 'grant', reference: 'half' })).rejects.toThrow(RangeError);
  });

  it('property: any sequence of awards and spends keeps balances ≥ 0 and equal to their ledger', async () => {
    const db = await freshDb();
    const ids = [(await reader(db, 'p0')).id, (await reader(db, 'p1')).id];
    let step = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: 1 }), delta: fc.integer({ min: -60, max: 60 }).filter((d) => d !== 0), repeat: fc.boolean() }), {
          minLength: 1,
          maxLength: 25,
        }),
        async (ops) => {
          const expected = new Map(await Promise.all(ids.map(async (id) => [id, await getBalance(db, id)] as const)));
          for (const op of ops) {
            const accountId = ids[op.who]!;
            // A repeat reuses the previous step's reference: it must not count twice.
            const reference = `step-${op.repeat && step > 0 ? step - 1 : step}-${op.who}`;
            step++;
            const result = await applyChange(db, { accountId, delta: op.delta, reason: op.delta > 0 ? 'grant' : 'redeem', reference });
            const before = expected.get(accountId)!;
            if (result.ok && !result.repeated) expected.set(accountId, before + op.delta);
            if (!result.ok) expect(before + op.delta).toBeLessThan(0);
          }
          for (const id of ids) {
            expect(await getBalance(db, id)).toBe(expected.get(id));
            await expectConsistent(db, id);
          }
        },
      ),
      { numRuns: backend === 'pglite' ? 30 : 15 },
    );
  });

  it('50 simultaneous redemptions from an account that can afford two: exactly two succeed', async () => {
    const db = await freshDb();
    const { id } = await reader(db, 'rich');
    await applyChange(db, { accountId: id, delta: 45, reason: 'grant', reference: 'seed' });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => redeemGift(db, id, GIFT, key(i))));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.code === 'feathers_short')).toHaveLength(48);
    expect(await getBalance(db, id)).toBe(5);
    await expectConsistent(db, id);
    const codes = (await db.select().from(redemptions)).map((r) => r.code);
    expect(new Set(codes).size).toBe(2);
    expect((await getRemainingStock(db, [GIFT])).get(GIFT.id)).toBe(98);
  });

  it('never takes stock below zero when many readers want the last items', async () => {
    const db = await freshDb();
    const scarce = { ...GIFT, id: 'scarce', stock: 3 };
    const readers = await Promise.all(Array.from({ length: 8 }, (_, i) => reader(db, `buyer${i}`)));
    for (const r of readers) await applyChange(db, { accountId: r.id, delta: 100, reason: 'grant', reference: 'seed' });
    const results = await Promise.all(readers.map((r, i) => redeemGift(db, r.id, scarce, key(i))));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.code === 'out_of_stock')).toHaveLength(5);
    const [stock] = await db.select().from(giftStock).where(eq(giftStock.giftId, 'scarce'));
    expect(stock!.redeemed).toBe(3);
    // The refused ones' codes and ledger entries were written before the stock ran out, and rolled back.
    expect(await db.select().from(redemptions).where(eq(redemptions.giftId, 'scarce'))).toHaveLength(3);
    expect(await db.select().from(ledger).where(eq(ledger.reason, 'redeem'))).toHaveLength(3);
    for (const r of readers) await expectConsistent(db, r.id);
    // Refused readers kept their feathers.
    expect((await db.select().from(accounts)).map((a) => a.feathers).sort()).toEqual([100, 100, 100, 100, 100, 80, 80, 80].sort());
  });

  it('replaying one redemption ten times (and concurrently) spends once', async () => {
    const db = await freshDb();
    const { id } = await reader(db, 'replayer');
    await applyChange(db, { accountId: id, delta: 100, reason: 'grant', reference: 'seed' });
    const first = await redeemGift(db, id, GIFT, key('same'));
    const again = await Promise.all(Array.from({ length: 10 }, () => redeemGift(db, id, GIFT, key('same'))));
    expect(first).toMatchObject({ ok: true, repeated: false, balance: 80 });
    for (const r of again) expect(r).toMatchObject({ ok: true, repeated: true, redemption: { code: first.ok ? first.redemption.code : '' } });
    expect(await db.select().from(ledger).where(eq(ledger.reason, 'redeem'))).toHaveLength(1);
    expect(await getBalance(db, id)).toBe(80);
    // The same key for another gift is refused, not silently mapped.
    expect(await redeemGift(db, id, { ...GIFT, id: 'other' }, key('same'))).toEqual({ ok: false, code: 'idempotency_conflict' });
    await expect(redeemGift(db, id, GIFT, 'short')).rejects.toThrow();
  });

  it('pays the quiz once, only for the right answer, one attempt per reader', async () => {
    const db = await freshDb();
    const [right, wrong] = [await reader(db, 'right'), await reader(db, 'wrong')];
    const answers = await Promise.all(Array.from({ length: 5 }, () => answerQuiz(db, right.id, SLUG, 1, 1)));
    expect(answers.filter((a) => a.ok)).toEqual([{ ok: true, correct: true, awarded: 5, balance: 5 }]);
    expect(answers.filter((a) => !a.ok)).toHaveLength(4);
    expect(await answerQuiz(db, wrong.id, SLUG, 2, 1)).toEqual({ ok: true, correct: false, awarded: 0, balance: 0 });
    expect(await answerQuiz(db, wrong.id, SLUG, 1, 1)).toEqual({ ok: false, code: 'quiz_answered', correct: false });
    expect(await getBalance(db, wrong.id)).toBe(0);
    await expectConsistent(db, right.id);
  });

  it('pays a referral once per new account and never for oneself', async () => {
    const db = await freshDb();
    const sharer = await reader(db, 'sharer');
    const newcomer = await reader(db, 'newcomer');
    const results = await Promise.all(Array.from({ length: 5 }, () => creditReferral(db, newcomer.id, sharer.referralCode, OPEN)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await getBalance(db, sharer.id)).toBe(10);
    // Two sign-ups through the same link at the same moment both pay (no deadlock on the sharer's row).
    const [x, y] = [await reader(db, 'twin1'), await reader(db, 'twin2')];
    const both = await Promise.all([creditReferral(db, x.id, sharer.referralCode, OPEN), creditReferral(db, y.id, sharer.referralCode, OPEN)]);
    expect(both.filter(Boolean)).toHaveLength(2);
    expect(await getBalance(db, sharer.id)).toBe(30);
    expect(await creditReferral(db, sharer.id, sharer.referralCode, OPEN)).toBeNull();
    expect(await creditReferral(db, newcomer.id, 'zzzzzzzzzz', OPEN)).toBeNull();
    expect(await getBalance(db, sharer.id)).toBe(30);
    await expectConsistent(db, sharer.id);
  });

  it('pays +5 per distinct share reader up to +15 per article, never for the sharer', async () => {
    const db = await freshDb();
    const sharer = await reader(db, 'sharer');
    const visit = (visitorKey: string, visitorAccountId: number | null = null) =>
      recordShareVisit(db, { referralCode: sharer.referralCode, articleSlug: SLUG, visitorKey, visitorAccountId, ...OPEN });
    expect(await visit(`a:${sharer.id}`, sharer.id)).toEqual({ counted: false, awarded: 0 });
    expect(await visit('v:one')).toEqual({ counted: true, awarded: 5 });
    expect(await visit('v:one')).toEqual({ counted: false, awarded: 0 });
    const many = await Promise.all(['v:two', 'v:three', 'v:four', 'v:five', 'v:six'].map((k) => visit(k)));
    expect(many.reduce((sum, r) => sum + r.awarded, 0)).toBe(10);
    expect(await getBalance(db, sharer.id)).toBe(15);
    await expectConsistent(db, sharer.id);
  });

  it('an operator grant is in the ledger with its reason; a take-back never goes below zero; bad amounts change nothing', async () => {
    const db = await freshDb();
    const { id } = await reader(db, 'granted');
    expect(await grantFeathers(db, { username: 'Granted', amount: '50', reason: '活动奖励' })).toEqual({ ok: true, balance: 50, username: 'granted' });
    expect(await grantFeathers(db, { username: 'granted', amount: '-20', reason: '误发收回' })).toEqual({ ok: true, balance: 30, username: 'granted' });
    for (const amount of ['0', '1.5', 'abc', '', '99999999', '-31']) {
      expect(await grantFeathers(db, { username: 'granted', amount, reason: 'x' })).toMatchObject({ ok: false });
    }
    expect(await grantFeathers(db, { username: 'granted', amount: '5', reason: '  ' })).toMatchObject({ ok: false, message: 'give a --reason' });
    expect(await grantFeathers(db, { username: 'nobody', amount: '5', reason: 'x' })).toMatchObject({ ok: false });
    expect(await getBalance(db, id)).toBe(30);
    expect((await listLedger(db, id)).entries.map((e) => e.note)).toEqual(['误发收回', '活动奖励']);
    await expectConsistent(db, id);
  });

  it('signs visitor cookies with a key every instance shares, and refuses forged ones', async () => {
    const db = await freshDb();
    const { id, cookie } = await newVisitor(db);
    expect(await verifyVisitor(db, cookie)).toBe(id);
    expect(
      await verifyVisitor(
        db,
        cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBeNull();
    expect(await verifyVisitor(db, `${id}.forged`)).toBeNull();
    expect(await verifyVisitor(db, undefined)).toBeNull();
  });
});
