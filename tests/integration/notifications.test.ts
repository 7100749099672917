import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approveComments, banFromCommenting, postComment, rejectComments } from '@/lib/comments/comments';
import type { Db } from '@/lib/db/client';
import { ledger, notifications } from '@/lib/db/schema';
import { COMMENT_REWARD, REFERRAL_REWARD, SHARE_READ_REWARD } from '@/lib/feathers/amounts';
import { grantFeathers } from '@/lib/feathers/grant';
import { LEDGER_PAGE_SIZE, applyChange, changeBalance, getBalance, listLedger } from '@/lib/feathers/ledger';
import { redeemGift } from '@/lib/feathers/mall';
import { answerQuiz, creditReferral, recordShareVisit } from '@/lib/feathers/rewards';
import { unlockArticle } from '@/lib/feathers/unlock';
import { countUnseenNotifications, listNotifications, markNotificationsSeen } from '@/lib/notifications/notifications';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const SLUG = 'how-ecommerce-operations-work';
const OPEN = { address: '192.0.2.250', perDay: 1_000_000 };
const GIFT = { id: 'coupon', name: '券', description: '券', howToUse: '下单时填写兑换码。', price: 5, stock: 100 };

/** Every notification row of the account, oldest first, as stored. */
async function rowsOf(db: Db, accountId: number) {
  return db.select().from(notifications).where(eq(notifications.accountId, accountId)).orderBy(notifications.id);
}

async function postedComment(db: Db, accountId: number, text: string) {
  const result = await postComment(db, accountId, SLUG, text);
  if (!result.ok) throw new Error(result.code);
  return result.comment.id;
}

describe.each(BACKENDS)('notifications on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('writes exactly one notification per event the reader did not cause, with what they need to know', async () => {
    const db = await freshDb();
    const author = await testAccount(db, 'author');
    const moderator = await testAccount(db, 'mod');

    // Approved: one notification carrying the reward it paid.
    const good = await postedComment(db, author.id, '写得好');
    await approveComments(db, moderator.id, [good]);
    expect((await rowsOf(db, author.id)).map((r) => r.payload)).toEqual([
      { kind: 'comment_approved', commentId: good, articleSlug: SLUG, feathers: COMMENT_REWARD },
    ]);
    // Approving again (a repeat) is refused and writes nothing.
    await approveComments(db, moderator.id, [good]);
    expect(await rowsOf(db, author.id)).toHaveLength(1);

    // Rejected with a rules category; removed with the reward taken back.
    const spam = await postedComment(db, author.id, '加微信');
    await rejectComments(db, moderator.id, [spam], 'spam');
    await rejectComments(db, moderator.id, [good], 'unfriendly');
    const after = (await rowsOf(db, author.id)).map((r) => r.payload);
    expect(after.slice(1)).toEqual([
      { kind: 'comment_rejected', commentId: spam, articleSlug: SLUG, category: 'spam' },
      { kind: 'comment_removed', commentId: good, articleSlug: SLUG, category: 'unfriendly', feathers: COMMENT_REWARD },
    ]);
    // The comment reward and its take-back are told by the comment's notifications, not twice.
    expect(await rowsOf(db, author.id)).toHaveLength(3);

    // A ban, with its end.
    const now = new Date('2026-12-01T00:00:00Z');
    await banFromCommenting(db, moderator.id, author.id, 7, 'spam', now);
    expect((await rowsOf(db, author.id)).at(-1)!.payload).toEqual({ kind: 'ban', until: '2026-12-08T00:00:00.000Z', category: 'spam' });
    await banFromCommenting(db, moderator.id, author.id, null, 'illegal', now);
    expect((await rowsOf(db, author.id)).at(-1)!.payload).toEqual({ kind: 'ban', until: null, category: 'illegal' });
    expect(await rowsOf(db, author.id)).toHaveLength(5);
    expect(await rowsOf(db, moderator.id)).toHaveLength(0);
  });

  it('tells of feathers credited or taken back by others, and not of what the reader did', async () => {
    const db = await freshDb();
    const sharer = await testAccount(db, 'sharer');
    const friend = await testAccount(db, 'friend');

    expect(await grantFeathers(db, { username: 'sharer', amount: '50', reason: '活动奖励' })).toMatchObject({ ok: true });
    expect(await grantFeathers(db, { username: 'sharer', amount: '-20', reason: '误发收回' })).toMatchObject({ ok: true });
    expect(await creditReferral(db, friend.id, sharer.referralCode, OPEN)).toEqual({ sharerId: sharer.id });
    expect(await recordShareVisit(db, { referralCode: sharer.referralCode, articleSlug: SLUG, visitorKey: 'v:one', visitorAccountId: null, ...OPEN })).toEqual({
      counted: true,
      awarded: SHARE_READ_REWARD,
    });
    // A repeated visit pays nothing and tells nothing.
    await recordShareVisit(db, { referralCode: sharer.referralCode, articleSlug: SLUG, visitorKey: 'v:one', visitorAccountId: null, ...OPEN });
    expect((await rowsOf(db, sharer.id)).map((r) => r.payload)).toEqual([
      { kind: 'feathers', delta: 50, reason: 'grant', note: '活动奖励' },
      { kind: 'feathers', delta: -20, reason: 'grant', note: '误发收回' },
      { kind: 'feathers', delta: REFERRAL_REWARD, reason: 'referral', note: null },
      { kind: 'feathers', delta: SHARE_READ_REWARD, reason: 'share_read', note: null },
    ]);

    // The reader's own doings: the quiz, a redemption, an unlock.
    await answerQuiz(db, sharer.id, SLUG, 1, 1);
    expect(await redeemGift(db, sharer.id, GIFT, 'redeem-key-00000001')).toMatchObject({ ok: true });
    expect(await unlockArticle(db, sharer.id, 'paid', 5)).toMatchObject({ ok: true });
    expect(await rowsOf(db, sharer.id)).toHaveLength(4);
  });

  it('writes none when the event is rolled back', async () => {
    const db = await freshDb();
    const reader = await testAccount(db, 'reader');
    await expect(
      db.transaction(async (tx) => {
        const change = await changeBalance(tx, { accountId: reader.id, delta: 30, reason: 'grant', reference: 'grant:rolled-back' });
        expect(change.ok).toBe(true);
        // The notification is there inside the transaction…
        expect(await tx.select().from(notifications).where(eq(notifications.accountId, reader.id))).toHaveLength(1);
        throw new Error('the event fails after it');
      }),
    ).rejects.toThrow('the event fails after it');
    // …and gone with it, as is the change itself.
    expect(await rowsOf(db, reader.id)).toHaveLength(0);
    expect(await getBalance(db, reader.id)).toBe(0);

    // A ban on an account that does not exist bans no one and tells no one.
    expect(await banFromCommenting(db, reader.id, 999_999, 1, 'spam')).toEqual({ ok: false, code: 'unknown_account' });
    expect(await db.select().from(notifications)).toHaveLength(0);
  });

  it('counts unseen ones, lists newest first, and marks only the reader’s own as seen', async () => {
    const db = await freshDb();
    const alice = await testAccount(db, 'alice');
    const bob = await testAccount(db, 'bob');
    for (let i = 1; i <= 3; i++) await applyChange(db, { accountId: alice.id, delta: i, reason: 'grant', reference: `a${i}`, note: `第${i}次` });
    for (let i = 1; i <= 2; i++) await applyChange(db, { accountId: bob.id, delta: i, reason: 'grant', reference: `b${i}`, note: `第${i}次` });
    expect(await countUnseenNotifications(db, alice.id)).toBe(3);
    expect(await countUnseenNotifications(db, bob.id)).toBe(2);

    const listed = await listNotifications(db, alice.id);
    expect(listed.map((n) => (n.payload.kind === 'feathers' ? n.payload.note : null))).toEqual(['第3次', '第2次', '第1次']);
    expect(listed.every((n) => !n.seen)).toBe(true);

    // Alice names Bob's newest notification: her own older ones are marked, none of Bob's.
    const bobs = await rowsOf(db, bob.id);
    const bobNewest = bobs.at(-1)!.id;
    expect(bobNewest).toBeGreaterThan(listed[0]!.id);
    expect(await markNotificationsSeen(db, alice.id, bobNewest)).toBe(3);
    expect(await countUnseenNotifications(db, alice.id)).toBe(0);
    expect(await countUnseenNotifications(db, bob.id)).toBe(2);
    expect((await rowsOf(db, bob.id)).every((r) => r.seenAt === null)).toBe(true);

    // Marking up to what was shown leaves one that arrived since unseen; marking again changes nothing.
    const shown = (await listNotifications(db, bob.id))[0]!.id;
    await applyChange(db, { accountId: bob.id, delta: 9, reason: 'referral', reference: 'account:1' });
    expect(await markNotificationsSeen(db, bob.id, shown)).toBe(2);
    expect(await countUnseenNotifications(db, bob.id)).toBe(1);
    expect(await markNotificationsSeen(db, bob.id, shown)).toBe(0);
    expect((await listNotifications(db, bob.id)).map((n) => n.seen)).toEqual([false, true, true]);
  });
});

describe.each(BACKENDS)('羽毛明细 paging on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('shows every entry exactly once across pages, newest first, and an older page after new entries arrive', async () => {
    const db = await freshDb();
    const reader = await testAccount(db, 'pager');
    const other = await testAccount(db, 'other');
    const total = 2 * LEDGER_PAGE_SIZE + 57;
    // One insert for speed: the rows only need to be the account's, with ids in order.
    await db
      .insert(ledger)
      .values(Array.from({ length: total }, (_, i) => ({ accountId: reader.id, delta: 1, reason: 'grant', reference: `r${i}`, balanceAfter: i + 1 })));
    await applyChange(db, { accountId: other.id, delta: 5, reason: 'grant', reference: 'x' });

    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await listLedger(db, reader.id, before === undefined ? {} : { before });
      pages++;
      seen.push(...page.entries.map((e) => e.balanceAfter));
      if (page.nextBefore === null) break;
      expect(page.entries).toHaveLength(LEDGER_PAGE_SIZE);
      before = page.nextBefore;
      // A new entry arriving while the reader pages does not shift the older pages.
      if (pages === 1) await applyChange(db, { accountId: reader.id, delta: 1, reason: 'grant', reference: 'during' });
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));
  });
});
