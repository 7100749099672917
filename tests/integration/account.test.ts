import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signIn, signUp } from '@/lib/auth/accounts';
import { createSession, getSessionAccount } from '@/lib/auth/sessions';
import {
  RETIRED_USERNAME_DAYS,
  checkCurrentPassword,
  createResetToken,
  deleteAccount,
  endAllSessions,
  exportAccountData,
  getResetTokenState,
  resetPassword,
  setPassword,
  sha256,
} from '@/lib/account/manage';
import { getAcceptedVersions, outdatedSignUpConsents, recordConsents, type AcceptedVersions } from '@/lib/account/consent';
import { housekeeping } from '@/lib/auth/housekeeping';
import { approveComments, banFromCommenting, postComment, rejectComments } from '@/lib/comments/comments';
import {
  accounts,
  commentBans,
  comments,
  consents,
  favourites,
  feedback,
  ledger,
  notifications,
  passwordResets,
  quizAttempts,
  ratings,
  redemptions,
  retiredUsernames,
  sessions,
} from '@/lib/db/schema';
import { applyChange, getBalance, getLedgerSum, lockAccount } from '@/lib/feathers/ledger';
import { redeemGift } from '@/lib/feathers/mall';
import { listOpenFeedback, sendFeedback } from '@/lib/feedback/feedback';
import { answerQuiz } from '@/lib/feathers/rewards';
import { setFavourite } from '@/lib/reader/favourites';
import { rateArticle } from '@/lib/reader/ratings';
import { BACKENDS } from './support/databases';
import { waitForLockWait } from './support/lock-wait';
import { perTestDatabase, perTestDatabasePair } from './support/per-test-database';
import { ANY_ADDRESS, testAccount } from './support/sign-up';

const PASSWORD = 'correct horse battery';
const SLUG = 'how-ecommerce-operations-work';
const GIFT = { id: 'coupon', name: '券', description: '券', howToUse: '结算时输入兑换码。', price: 20, stock: 100 };
const DAY = 86_400_000;

describe.each(BACKENDS)('account settings on %s', (backend) => {
  const freshDb = perTestDatabase(backend);
  const freshPair = perTestDatabasePair(backend);

  it('changing the password needs the current one, and ends every other session but this one', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    const other = await testAccount(db, 'bob');
    const here = await createSession(db, me.id);
    const phone = await createSession(db, me.id);
    const bobs = await createSession(db, other.id);
    expect(await checkCurrentPassword(db, me.id, 'not my password')).toEqual({ ok: false, code: 'wrong_password' });
    expect(await checkCurrentPassword(db, me.id, PASSWORD)).toEqual({ ok: true });
    await setPassword(db, me.id, 'a brand new secret', sha256(here.token));
    expect(await getSessionAccount(db, here.token)).toMatchObject({ id: me.id });
    expect(await getSessionAccount(db, phone.token)).toBeNull();
    expect(await getSessionAccount(db, bobs.token)).toMatchObject({ id: other.id });
    expect(await signIn(db, { username: 'alice', password: PASSWORD, address: '192.0.2.1' })).toMatchObject({ ok: false, code: 'invalid_credentials' });
    expect(await signIn(db, { username: 'alice', password: 'a brand new secret', address: '192.0.2.1' })).toMatchObject({ ok: true });
  });

  it('wrong current passwords are limited per account', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    for (let i = 0; i < 5; i++) expect(await checkCurrentPassword(db, me.id, 'guess number ' + i)).toMatchObject({ code: 'wrong_password' });
    expect(await checkCurrentPassword(db, me.id, PASSWORD)).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('signing out everywhere ends every session of the account, this one too, and no one else’s', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    const other = await testAccount(db, 'bob');
    const a = await createSession(db, me.id);
    const b = await createSession(db, me.id);
    const bobs = await createSession(db, other.id);
    expect(await endAllSessions(db, me.id)).toBe(2);
    expect(await getSessionAccount(db, a.token)).toBeNull();
    expect(await getSessionAccount(db, b.token)).toBeNull();
    expect(await getSessionAccount(db, bobs.token)).toMatchObject({ id: other.id });
  });

  it('the data export holds the reader’s own account, favourites, ratings, comments with their fate, ledger and redemptions, and nobody else’s', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    const other = await testAccount(db, 'bob');
    await setFavourite(db, me.id, SLUG, true);
    await setFavourite(db, other.id, 'other-article', true);
    await rateArticle(db, me.id, SLUG, 4);
    await applyChange(db, { accountId: me.id, delta: 50, reason: 'grant', reference: 'g1', note: '活动' });
    await applyChange(db, { accountId: other.id, delta: 70, reason: 'grant', reference: 'g1' });
    const redeemed = await redeemGift(db, me.id, GIFT, 'export-key-0000001');
    expect(redeemed.ok).toBe(true);
    await recordConsents(db, me.id, { terms: 't1', privacy: 'p1' });
    const posted = await postComment(db, me.id, SLUG, '写得很清楚，谢谢分享');
    expect(posted.ok).toBe(true);
    await db.update(comments).set({ status: 'rejected', reason: 'spam' }).where(eq(comments.accountId, me.id));
    await postComment(db, other.id, SLUG, '别人的评论');
    await db.update(accounts).set({ referredBy: other.id }).where(eq(accounts.id, me.id));
    const moderator = await testAccount(db, 'mod');
    await banFromCommenting(db, moderator.id, me.id, 7, 'spam');
    await banFromCommenting(db, moderator.id, other.id, 7, 'spam');

    const data = await exportAccountData(db, me.id);
    expect(data?.account).toMatchObject({ username: 'alice', feathers: 30, referredBy: 'bob' });
    expect(data?.notifications).toEqual([
      { kind: 'feathers', payload: expect.objectContaining({ delta: 50, reason: 'grant', note: '活动' }), createdAt: expect.any(String), seenAt: null },
      { kind: 'ban', payload: expect.objectContaining({ category: 'spam' }), createdAt: expect.any(String), seenAt: null },
    ]);
    expect(data?.favourites.map((f) => f.article)).toEqual([SLUG]);
    expect(data?.ratings).toEqual([expect.objectContaining({ article: SLUG, stars: 4 })]);
    expect(data?.comments).toEqual([expect.objectContaining({ body: '写得很清楚，谢谢分享', status: 'rejected', category: 'spam' })]);
    expect(data?.commentBan).toMatchObject({ until: expect.any(String), category: 'spam' });
    expect(data?.ledger.map((l) => [l.delta, l.reason])).toEqual([
      [50, 'grant'],
      [-20, 'redeem'],
    ]);
    expect(data?.redemptions).toEqual([expect.objectContaining({ gift: 'coupon', price: 20, code: redeemed.ok ? redeemed.redemption.code : 'x' })]);
    expect(data?.consents.map((c) => [c.document, c.version])).toEqual([
      ['privacy', 'p1'],
      ['terms', 't1'],
    ]);
    // The referrer's name is the one thing of another reader's it holds; once they leave, not even that.
    const text = JSON.stringify({ ...data, account: { ...data?.account, referredBy: null } });
    expect(text).not.toContain('bob');
    expect(text).not.toContain('别人的评论');
    expect(text).not.toContain('other-article');
    expect(text).not.toContain('scrypt');
    await deleteAccount(db, other.id);
    expect((await exportAccountData(db, me.id))?.account.referredBy).toBeNull();
  });

  it('deleting an account ends its sessions, removes its personal data and keeps the ledger and redemptions on a nameless tombstone', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    const session = await createSession(db, me.id);
    await setFavourite(db, me.id, SLUG, true);
    await rateArticle(db, me.id, SLUG, 5);
    await answerQuiz(db, me.id, SLUG, 1, 1);
    await applyChange(db, { accountId: me.id, delta: 40, reason: 'grant', reference: 'g1' });
    const redeemed = await redeemGift(db, me.id, GIFT, 'delete-key-00000001');
    expect(redeemed.ok).toBe(true);
    await postComment(db, me.id, SLUG, '我的评论');
    await recordConsents(db, me.id, { terms: 't1', privacy: 'p1', rules: 'r1' });
    await createResetToken(db, 'alice');
    const balanceBefore = await getBalance(db, me.id);

    expect(await deleteAccount(db, me.id)).toEqual({ ok: true, username: 'alice' });
    expect(await getSessionAccount(db, session.token)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.accountId, me.id))).toEqual([]);
    for (const table of [favourites, ratings, quizAttempts, comments, consents, passwordResets]) {
      expect(await db.select().from(table).where(eq(table.accountId, me.id))).toEqual([]);
    }
    const [row] = await db.select().from(accounts).where(eq(accounts.id, me.id));
    expect(row).toMatchObject({ username: `#deleted-${me.id}`, passwordHash: '!', isModerator: false });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(row?.referralCode).not.toBe(me.referralCode);
    // Kept without the person: the ledger (balance = its sum) and the redemption with its code.
    expect(await getBalance(db, me.id)).toBe(balanceBefore);
    expect(await getLedgerSum(db, me.id)).toBe(balanceBefore);
    expect(await db.select().from(redemptions).where(eq(redemptions.accountId, me.id))).toHaveLength(1);
    // Nobody can sign in as it, and it changes no more.
    expect(await signIn(db, { username: 'alice', password: PASSWORD, address: '192.0.2.1' })).toMatchObject({ ok: false, code: 'invalid_credentials' });
    expect(await applyChange(db, { accountId: me.id, delta: 5, reason: 'grant', reference: 'after' })).toEqual({ ok: false, code: 'unknown_account' });
    expect(await exportAccountData(db, me.id)).toBeNull();
    expect(await deleteAccount(db, me.id)).toEqual({ ok: false, code: 'unknown_account' });
  });

  it('建议反馈 is the reader’s own words: it is in their export, and deleting the account removes it from the moderators’ queue', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    const other = await testAccount(db, 'bob');
    expect(await sendFeedback(db, me.id, { kind: 'suggestion', commentId: null, body: '我家住在上海市某路 12 号，请加夜间模式' })).toMatchObject({ ok: true });
    expect(await sendFeedback(db, other.id, { kind: 'suggestion', commentId: null, body: '别人的建议' })).toMatchObject({ ok: true });

    const data = await exportAccountData(db, me.id);
    expect(data?.feedback).toEqual([
      expect.objectContaining({ kind: 'suggestion', body: '我家住在上海市某路 12 号，请加夜间模式', status: 'open', answer: null }),
    ]);
    expect(JSON.stringify(data)).not.toContain('别人的建议');

    await deleteAccount(db, me.id);
    expect(await db.select().from(feedback).where(eq(feedback.accountId, me.id))).toEqual([]);
    expect((await listOpenFeedback(db)).map((f) => f.body)).toEqual(['别人的建议']);
  });

  it('a deleted name is refused at sign-up for 30 days, and allowed after', async () => {
    const db = await freshDb();
    const now = new Date('2026-12-01T00:00:00Z');
    const up = await signUp(db, { ...ANY_ADDRESS, username: 'Alice', password: PASSWORD, now });
    expect(up.ok).toBe(true);
    await deleteAccount(db, up.ok ? up.account.id : 0, now);
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'ALICE', password: PASSWORD, now: at(1) })).toEqual({ ok: false, code: 'username_retired' });
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'alice', password: PASSWORD, now: at(RETIRED_USERNAME_DAYS - 0.01) })).toEqual({
      ok: false,
      code: 'username_retired',
    });
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'alice', password: PASSWORD, now: at(RETIRED_USERNAME_DAYS + 0.01) })).toMatchObject({ ok: true });
    // Only a keyed hash of the name is kept: not the name, not its plain SHA-256.
    const retired = await db.execute(sql`select username_hash from retired_usernames`);
    expect(JSON.stringify(retired)).not.toContain('alice');
    expect(JSON.stringify(retired)).not.toContain(sha256('username:alice'));
  });

  it('a deleted name’s look-alikes are refused too, and a look-alike of a live name is taken', async () => {
    const db = await freshDb();
    const now = new Date('2026-12-01T00:00:00Z');
    const up = await signUp(db, { ...ANY_ADDRESS, username: 'alice', password: PASSWORD, now });
    await deleteAccount(db, up.ok ? up.account.id : 0, now);
    // (Mixing Cyrillic into a Latin name is refused by the username rules already: these are one script each.)
    for (const lookAlike of ['ＡＬＩＣＥ', '\u0430\u04cf\u0456\u0441\u0435', 'alicé', 'alice\u0301']) {
      expect(await signUp(db, { ...ANY_ADDRESS, username: lookAlike, password: PASSWORD, now })).toMatchObject({ ok: false, code: 'username_retired' });
    }
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'copy', password: PASSWORD, now })).toMatchObject({ ok: true });
    for (const lookAlike of ['\u0421\u041e\u0420\u0423', '\u0441\u043e\u0440\u0443', 'c0py', 'cópy']) {
      expect(await signUp(db, { ...ANY_ADDRESS, username: lookAlike, password: PASSWORD, now })).toEqual({ ok: false, code: 'username_taken' });
    }
    // Two look-alikes signing up at once: the database lets one in.
    const both = await Promise.all(['bill', 'bi11'].map((username) => signUp(db, { ...ANY_ADDRESS, username, password: PASSWORD, now })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok && r.code === 'username_taken')).toHaveLength(1);
  });

  it('housekeeping forgets retired names after 30 days and spent reset links after a day, and fills in old accounts’ skeletons', async () => {
    const db = await freshDb();
    const now = new Date('2026-12-01T00:00:00Z');
    const gone = await testAccount(db, 'gone');
    await deleteAccount(db, gone.id, now);
    const me = await testAccount(db, 'alice');
    const used = await createResetToken(db, 'alice', now);
    await resetPassword(db, used!.token, 'the new password', now);
    await createResetToken(db, 'alice', now); // cancelled by the reset: used now
    const fresh = await createResetToken(db, 'alice', new Date(now.getTime() + 2 * DAY));
    // An account from before skeletons, and an older look-alike of it.
    await db.update(accounts).set({ usernameSkeleton: null }).where(eq(accounts.id, me.id));
    const later = new Date(now.getTime() + 2 * DAY);
    expect(await housekeeping(db, later)).toMatchObject({ retiredNames: 0, resetLinks: 2, skeletons: 1 });
    expect((await db.select().from(passwordResets)).map((r) => r.tokenHash)).toEqual([sha256(fresh!.token)]);
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'alicé', password: PASSWORD, now: later })).toEqual({ ok: false, code: 'username_taken' });
    expect(await signUp(db, { ...ANY_ADDRESS, username: 'gone', password: PASSWORD, now: later })).toEqual({ ok: false, code: 'username_retired' });
    const month = new Date(now.getTime() + (RETIRED_USERNAME_DAYS + 1) * DAY);
    expect(await housekeeping(db, month)).toMatchObject({ retiredNames: 1 });
    expect(await db.select().from(retiredUsernames)).toEqual([]);
  });

  it('deletion racing a redemption leaves neither a spend without a code nor a code without a spend', async () => {
    // One database for every round (a fresh PGlite each would take most of the test's time).
    const [db1, db2] = await freshPair();
    for (let round = 0; round < 6; round++) {
      const me = await testAccount(db1, `racer${round}`);
      await applyChange(db1, { accountId: me.id, delta: 100, reason: 'grant', reference: 'g' });
      const [redeemed, deleted] = await Promise.all([
        redeemGift(db2, me.id, GIFT, `race-key-${String(round).padStart(10, '0')}`),
        round % 2 ? deleteAccount(db1, me.id) : new Promise((r) => setTimeout(r, round)).then(() => deleteAccount(db1, me.id)),
      ]);
      expect(deleted).toMatchObject({ ok: true });
      const spends = await db1
        .select()
        .from(ledger)
        .where(and(eq(ledger.reason, 'redeem'), eq(ledger.accountId, me.id)));
      const codes = await db1.select().from(redemptions).where(eq(redemptions.accountId, me.id));
      expect(spends.length).toBe(codes.length);
      expect(codes.length).toBe(redeemed.ok ? 1 : 0);
      if (!redeemed.ok) expect(redeemed.code).toBe('unknown_account');
      expect(await getLedgerSum(db1, me.id)).toBe(await getBalance(db1, me.id));
    }
  });

  it('approving or removing a comment while its author deletes the account neither deadlocks nor leaves anything behind', async () => {
    const [db1, db2] = await freshPair();
    for (let round = 0; round < 6; round++) {
      const author = await testAccount(db1, `author${round}`);
      const moderator = await testAccount(db1, `mod${round}`);
      const pending = await postComment(db1, author.id, SLUG, `待审 ${round}`);
      const approved = await postComment(db1, author.id, SLUG, `已发 ${round}`);
      if (!pending.ok || !approved.ok) throw new Error('post failed');
      await approveComments(db1, moderator.id, [approved.comment.id]);
      const [reviews, removals, deleted] = await Promise.all([
        approveComments(db2, moderator.id, [pending.comment.id]),
        rejectComments(db2, moderator.id, [approved.comment.id], 'spam'),
        new Promise((r) => setTimeout(r, round)).then(() => deleteAccount(db1, author.id)),
      ]);
      expect(deleted).toMatchObject({ ok: true });
      expect(reviews).toHaveLength(1);
      expect(removals).toHaveLength(1);
      expect(await db1.select().from(comments).where(eq(comments.accountId, author.id))).toEqual([]);
      expect(await db1.select().from(notifications).where(eq(notifications.accountId, author.id))).toEqual([]);
      expect(await getLedgerSum(db1, author.id)).toBe(await getBalance(db1, author.id));
    }
  });

  it('a review waiting behind a deletion that holds the account then deletes the comments does not deadlock', async ({ skip }) => {
    // Two connections interleaved by hand; PGlite has one and cannot hold a transaction open beside another.
    if (backend === 'pglite') skip();
    const [db1, db2] = await freshPair();
    const author = await testAccount(db1, 'author');
    const moderator = await testAccount(db1, 'mod');
    const posted = await postComment(db1, author.id, SLUG, '待审');
    if (!posted.ok) throw new Error(posted.code);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const accountLocked = new Promise<void>((resolve) => (locked = resolve));
    // deleteAccount's order: the account's lock first, then its comments.
    const deletion = db1.transaction(async (tx) => {
      await lockAccount(tx, author.id);
      locked();
      await held;
      await tx.delete(comments).where(eq(comments.accountId, author.id));
    });
    await accountLocked;
    const review = approveComments(db2, moderator.id, [posted.comment.id]);
    await waitForLockWait(db1);
    release();
    await deletion; // a deadlock would fail one of the two here with 40P01
    expect(await review).toEqual([{ id: posted.comment.id, ok: false }]);
    expect(await db1.select().from(ledger).where(eq(ledger.accountId, author.id))).toEqual([]);
  });

  it('banning a deleted account does nothing and says the account is unknown', async () => {
    const db = await freshDb();
    const gone = await testAccount(db, 'gone');
    const moderator = await testAccount(db, 'mod');
    await deleteAccount(db, gone.id);
    expect(await banFromCommenting(db, moderator.id, gone.id, 7, 'spam')).toEqual({ ok: false, code: 'unknown_account' });
    expect(await db.select().from(commentBans).where(eq(commentBans.accountId, gone.id))).toEqual([]);
    expect(await db.select().from(notifications).where(eq(notifications.accountId, gone.id))).toEqual([]);
    expect(await banFromCommenting(db, moderator.id, moderator.id, 7, 'spam')).toMatchObject({ ok: true });
  });

  it('a reset link works once, for 30 minutes, ends every session and stores only a hash', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    const old = await createSession(db, me.id);
    const now = new Date('2026-12-01T00:00:00Z');
    const made = await createResetToken(db, 'ALICE', now);
    expect(made).toMatchObject({ username: 'alice' });
    const token = made!.token;
    expect(JSON.stringify(await db.select().from(passwordResets))).not.toContain(token);
    expect(await getResetTokenState(db, token, now)).toBe('valid');
    expect(await getResetTokenState(db, 'x'.repeat(43), now)).toBe('reset_invalid');
    expect(await resetPassword(db, token, 'the new password', new Date(now.getTime() + 60_000))).toEqual({ ok: true, accountId: me.id });
    expect(await getSessionAccount(db, old.token)).toBeNull();
    expect(await signIn(db, { username: 'alice', password: 'the new password', address: '192.0.2.1' })).toMatchObject({ ok: true });
    expect(await resetPassword(db, token, 'yet another one', new Date(now.getTime() + 120_000))).toEqual({ ok: false, code: 'reset_used' });
    expect(await getResetTokenState(db, token, now)).toBe('reset_used');

    const late = await createResetToken(db, 'alice', now);
    const after = new Date(now.getTime() + 30 * 60_000 + 1000);
    expect(await getResetTokenState(db, late!.token, after)).toBe('reset_expired');
    expect(await resetPassword(db, late!.token, 'yet another one', after)).toEqual({ ok: false, code: 'reset_expired' });
    expect(await createResetToken(db, 'nobody')).toBeNull();
  });

  it('sign-up records the accepted versions with the account, in one transaction', async () => {
    const db = await freshDb();
    const up = await signUp(db, { ...ANY_ADDRESS, username: 'alice', password: PASSWORD, consents: { terms: 't1', privacy: 'p1' } });
    expect(await getAcceptedVersions(db, up.ok ? up.account.id : 0)).toEqual({ terms: 't1', privacy: 'p1' });
    // A consent row the database refuses takes the account with it: never one without the other.
    const bad = { terms: 't1', bogus: 'x' } as unknown as AcceptedVersions;
    await expect(signUp(db, { ...ANY_ADDRESS, username: 'bob', password: PASSWORD, consents: bad })).rejects.toThrow();
    expect(await db.select().from(accounts).where(eq(accounts.username, 'bob'))).toEqual([]);
  });

  it('asks again for a sign-up document whose version changed, not for one still current', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    const current = { terms: 't2', privacy: 'p1', rules: 'r1' };
    expect(await outdatedSignUpConsents(db, me.id, current)).toEqual(['terms', 'privacy']);
    await recordConsents(db, me.id, { terms: 't1', privacy: 'p1' });
    expect(await outdatedSignUpConsents(db, me.id, current)).toEqual(['terms']);
    await recordConsents(db, me.id, { terms: 't2' });
    expect(await outdatedSignUpConsents(db, me.id, current)).toEqual([]);
  });

  it('records the consent versions and replaces them when the reader accepts a newer one', async () => {
    const db = await freshDb();
    const me = await testAccount(db, 'alice');
    expect(await getAcceptedVersions(db, me.id)).toEqual({});
    await recordConsents(db, me.id, { terms: 't1', privacy: 'p1' });
    await recordConsents(db, me.id, { terms: 't2', rules: 'r1' });
    expect(await getAcceptedVersions(db, me.id)).toEqual({ terms: 't2', privacy: 'p1', rules: 'r1' });
  });
});
