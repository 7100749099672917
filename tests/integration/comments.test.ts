import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  getActiveBan,
  approveComments,
  banFromCommenting,
  listApprovedComments,
  listMyComments,
  listOwnComments,
  listModerationQueue,
  postComment,
  rejectComments,
  reportComment,
} from '@/lib/comments/comments';
import { linkify } from '@/lib/comments/linkify';
import { COMMENTS_PAGE_SIZE, MAX_COMMENTS_PAGE } from '@/lib/comments/constants';
import { CommentBody } from '@/lib/comments/text';
import type { Db } from '@/lib/db/client';
import { commentReports, comments, ledger } from '@/lib/db/schema';
import { applyChange, getBalance, getLedgerSum } from '@/lib/feathers/ledger';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const SLUG = 'how-ecommerce-operations-work';
const T0 = new Date('2026-11-25T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const reader = async (db: Db, username: string) => (await testAccount(db, username)).id;

async function posted(db: Db, accountId: number, text: string, when = T0) {
  const result = await postComment(db, accountId, SLUG, text, when);
  if (!result.ok) throw new Error(result.code);
  return result.comment.id;
}

describe('comment text', () => {
  it('keeps line breaks, trims, counts characters, and caps links at 3', () => {
    expect(CommentBody.parse('  第一行\r\n第二行  ')).toBe('第一行\n第二行');
    expect(CommentBody.safeParse('   ').error?.issues[0]?.message).toBe('comment_empty');
    expect(CommentBody.safeParse('字'.repeat(1000)).success).toBe(true);
    expect(CommentBody.safeParse('字'.repeat(1001)).error?.issues[0]?.message).toBe('comment_too_long');
    expect(CommentBody.safeParse('😀'.repeat(1000)).success).toBe(true); // characters, not UTF-16 units
    expect(CommentBody.safeParse('a https://a.cn b https://b.cn c https://c.cn').success).toBe(true);
    expect(CommentBody.safeParse('https://a.cn https://b.cn https://c.cn https://d.cn').error?.issues[0]?.message).toBe('comment_links');
    expect(CommentBody.safeParse('hi\u0000there').error?.issues[0]?.message).toBe('comment_invalid');
    expect(CommentBody.safeParse('列1\t列2').success).toBe(true);
  });

  it('links only http(s) URLs and ends them at punctuation and markup', () => {
    expect(linkify('见 https://example.com/a?b=1。谢谢')).toEqual([
      { kind: 'text', text: '见 ' },
      { kind: 'link', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '。谢谢' },
    ]);
    expect(linkify('javascript:alert(1) data:text/html,x')).toEqual([{ kind: 'text', text: 'javascript:alert(1) data:text/html,x' }]);
    expect(linkify('https://x.cn/"onmouseover="alert(1)')).toEqual([
      { kind: 'link', href: 'https://x.cn/' },
      { kind: 'text', text: '"onmouseover="alert(1)' },
    ]);
    expect(linkify('(see https://x.cn).')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', href: 'https://x.cn' },
      { kind: 'text', text: ').' },
    ]);
  });
});

describe.each(BACKENDS)('comments on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('a new comment is pending: the author sees it, nobody else until approved; approval pays +10 once', async () => {
    const db = await freshDb();
    const [author, moderator] = [await reader(db, 'author'), await reader(db, 'mod')];
    const id = await posted(db, author, '写得很好！\n第二段。');
    expect(await listApprovedComments(db, SLUG)).toEqual({ total: 0, comments: [] });
    expect((await listOwnComments(db, author, SLUG)).map((c) => [c.body, c.status])).toEqual([['写得很好！\n第二段。', 'pending']]);
    expect((await listModerationQueue(db)).items.map((c) => [c.id, c.status])).toEqual([[id, 'pending']]);

    const twice = await Promise.all([approveComments(db, moderator, [id]), approveComments(db, moderator, [id])]);
    expect(twice.flat().filter((r) => r.ok)).toHaveLength(1);
    expect((await listApprovedComments(db, SLUG)).comments.map((c) => [c.author, c.body])).toEqual([['author', '写得很好！\n第二段。']]);
    expect(await getBalance(db, author)).toBe(10);
    expect(await db.select().from(ledger).where(eq(ledger.reason, 'comment'))).toHaveLength(1);
    expect((await listModerationQueue(db)).items).toEqual([]);
  });

  it('rejecting records the rule; removing an approved comment takes the +10 back, never below zero', async () => {
    const db = await freshDb();
    const [author, moderator] = [await reader(db, 'author'), await reader(db, 'mod')];
    const [a, b, c] = [await posted(db, author, '一'), await posted(db, author, '二'), await posted(db, author, '三')];
    await rejectComments(db, moderator, [a], 'spam');
    await approveComments(db, moderator, [b, c]);
    expect(await getBalance(db, author)).toBe(20);
    await applyChange(db, { accountId: author, delta: -15, reason: 'redeem', reference: 'spent' });
    await rejectComments(db, moderator, [b], 'unfriendly'); // takes 5 back: all there is
    await rejectComments(db, moderator, [c], 'unfriendly'); // nothing left to take
    expect(await getBalance(db, author)).toBe(0);
    expect(await getLedgerSum(db, author)).toBe(0);
    expect((await listMyComments(db, author)).map((m) => [m.body, m.status, m.reason])).toEqual([
      ['三', 'removed', 'unfriendly'],
      ['二', 'removed', 'unfriendly'],
      ['一', 'rejected', 'spam'],
    ]);
    expect((await listApprovedComments(db, SLUG)).total).toBe(0);
    // On the article its author still sees the rejected one and why; removed ones are told on /me.
    expect((await listOwnComments(db, author, SLUG)).map((m) => [m.body, m.status, m.reason])).toEqual([['一', 'rejected', 'spam']]);
  });

  it('allows 5 comments per 10 minutes, even when 10 arrive at once, and refuses the same text within an hour', async () => {
    const db = await freshDb();
    const author = await reader(db, 'busy');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => postComment(db, author, SLUG, `第 ${i} 条`, T0)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === 'comment_rate_limited')).toHaveLength(5);
    expect(await db.select().from(comments)).toHaveLength(5);
    expect(await postComment(db, author, SLUG, '新的一条', at(10.5))).toMatchObject({ ok: true });

    const other = await reader(db, 'repeat');
    await posted(db, other, '同样的话');
    expect(await postComment(db, other, SLUG, '  同样的话 ', at(30))).toEqual({ ok: false, code: 'comment_duplicate' });
    expect(await postComment(db, other, SLUG, '同样的话', at(61))).toMatchObject({ ok: true });
  });

  it('a ban stops posting until it ends by itself; a permanent one does not end', async () => {
    const db = await freshDb();
    const [author, other, moderator] = [await reader(db, 'banned'), await reader(db, 'forever'), await reader(db, 'mod')];
    await banFromCommenting(db, moderator, author, 1, 'unfriendly', T0);
    expect(await postComment(db, author, SLUG, '还能说话吗', at(60))).toEqual({ ok: false, code: 'comment_banned', until: at(24 * 60) });
    expect(await getActiveBan(db, author, at(60))).toEqual({ until: at(24 * 60), reason: 'unfriendly' });
    expect(await postComment(db, author, SLUG, '还能说话吗', at(24 * 60 + 1))).toMatchObject({ ok: true });
    expect(await getActiveBan(db, author, at(24 * 60 + 1))).toBeNull();

    await banFromCommenting(db, moderator, other, null, 'spam', T0);
    expect(await postComment(db, other, SLUG, '广告', at(365 * 24 * 60))).toEqual({ ok: false, code: 'comment_banned', until: null });
    expect(await banFromCommenting(db, moderator, 999_999, 7, 'spam')).toEqual({ ok: false, code: 'unknown_account' });
  });

  it('three distinct reports hide a comment until a moderator restores it; nobody reports their own', async () => {
    const db = await freshDb();
    const [author, moderator] = [await reader(db, 'author'), await reader(db, 'mod')];
    const reporters = await Promise.all(['r1', 'r2', 'r3'].map((n) => reader(db, n)));
    const id = await posted(db, author, '有争议的评论');
    expect(await reportComment(db, reporters[0]!, id, 'spam')).toEqual({ ok: false, code: 'unknown_comment' }); // not approved yet
    await approveComments(db, moderator, [id]);
    expect(await reportComment(db, author, id, 'spam')).toEqual({ ok: false, code: 'report_own' });
    expect(await reportComment(db, reporters[0]!, id, 'spam')).toEqual({ ok: true, hidden: false });
    expect(await reportComment(db, reporters[0]!, id, 'spam')).toEqual({ ok: true, hidden: false }); // the same reader twice counts once
    expect(await reportComment(db, reporters[1]!, id, 'unfriendly')).toEqual({ ok: true, hidden: false });
    expect(await reportComment(db, reporters[2]!, id, 'spam')).toEqual({ ok: true, hidden: true });
    expect((await listApprovedComments(db, SLUG)).total).toBe(0);
    expect((await listModerationQueue(db)).items.map((c) => [c.id, c.reports])).toEqual([[id, 3]]);
    // Each report keeps the category its reader chose (the first one, for a reader who reported twice).
    expect((await db.select({ reason: commentReports.reason }).from(commentReports)).map((r) => r.reason).sort()).toEqual(['spam', 'spam', 'unfriendly']);

    await approveComments(db, moderator, [id]); // restore
    expect((await listApprovedComments(db, SLUG)).total).toBe(1);
    expect(await getBalance(db, author)).toBe(10); // no second award
  });

  it('pages past the deepest one read as the deepest, so no request skips more than 2,000 rows', async () => {
    const db = await freshDb();
    const author = await reader(db, 'prolific');
    const total = MAX_COMMENTS_PAGE * COMMENTS_PAGE_SIZE + 5;
    // Written directly: 2,005 approved comments, comment n posted n seconds after T0.
    await db.execute(sql`
      insert into comments (account_id, article_slug, body, body_hash, status, created_at)
      select ${author}, ${SLUG}, 'c' || n, md5(n::text), 'approved', ${T0.toISOString()}::timestamptz + n * interval '1 second'
      from generate_series(1, ${total}) as n`);
    const deepest = await listApprovedComments(db, SLUG, MAX_COMMENTS_PAGE);
    expect(deepest.total).toBe(total);
    // Newest first: the deepest page ends 2,000 comments down, at comment 6.
    expect(deepest.comments.map((c) => c.body).at(-1)).toBe('c6');
    expect(await listApprovedComments(db, SLUG, MAX_COMMENTS_PAGE + 1)).toEqual(deepest);
    expect(await listApprovedComments(db, SLUG, 10_000)).toEqual(deepest);
    expect((await listApprovedComments(db, SLUG, 1)).comments[0]!.body).toBe(`c${total}`);
  });

  it("two moderators approving each other's comments at the same moment do not deadlock", async () => {
    const db = await freshDb();
    const [m1, m2] = [await reader(db, 'modone'), await reader(db, 'modtwo')];
    const pairs = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => [await posted(db, m1, `一号的评论 ${i}`), await posted(db, m2, `二号的评论 ${i}`)] as const),
    );
    const results = await Promise.all(pairs.flatMap(([byOne, byTwo]) => [approveComments(db, m2, [byOne]), approveComments(db, m1, [byTwo])]));
    expect(results.flat().every((r) => r.ok)).toBe(true);
    expect([await getBalance(db, m1), await getBalance(db, m2)]).toEqual([40, 40]);
  });

  it('pages approved comments newest first, 10 a page', async () => {
    const db = await freshDb();
    const moderator = await reader(db, 'mod');
    const authors = await Promise.all(Array.from({ length: 5 }, (_, i) => reader(db, `writer${i}`)));
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push(await posted(db, authors[i % 5]!, `评论 ${i}`, at(i * 11)));
    await approveComments(db, moderator, ids);
    const first = await listApprovedComments(db, SLUG, 1);
    expect(first.total).toBe(25);
    expect(first.comments).toHaveLength(10);
    expect(first.comments[0]!.body).toBe('评论 24');
    expect((await listApprovedComments(db, SLUG, 3)).comments.map((c) => c.body)).toEqual(['评论 4', '评论 3', '评论 2', '评论 1', '评论 0']);
  });
  it('a reader banned from commenting cannot report either, and nothing is recorded', async () => {
    const db = await freshDb();
    const [author, troll, moderator] = [await reader(db, 'author'), await reader(db, 'troll'), await reader(db, 'mod')];
    const id = await posted(db, author, '一条正常的评论');
    await approveComments(db, moderator, [id]);
    await banFromCommenting(db, moderator, troll, 7, 'unfriendly', T0);
    expect(await reportComment(db, troll, id, 'spam', at(60))).toEqual({ ok: false, code: 'comment_banned', until: at(7 * 24 * 60) });
    expect((await listModerationQueue(db)).items).toEqual([]);
    // Once the ban has ended, reporting works again.
    expect(await reportComment(db, troll, id, 'spam', at(8 * 24 * 60))).toEqual({ ok: true, hidden: false });
  });

  it('pages the moderation queue by id, 50 at a time, without skipping what is decided meanwhile', async () => {
    const db = await freshDb();
    const moderator = await reader(db, 'mod');
    const authors = await Promise.all(Array.from({ length: 12 }, (_, i) => reader(db, `queue${i}`)));
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await posted(db, authors[i % 12]!, `待审 ${i}`, at(Math.floor(i / 12) * 11)));
    const first = await listModerationQueue(db);
    expect(first.items.map((c) => c.id)).toEqual(ids.slice(0, 50));
    expect(first.nextAfter).toBe(ids[49]);
    // A moderator approves some of page one while another reads on: page two is unchanged.
    await approveComments(db, moderator, ids.slice(0, 10));
    const second = await listModerationQueue(db, { after: first.nextAfter! });
    expect(second.items.map((c) => c.id)).toEqual(ids.slice(50));
    expect(second.nextAfter).toBeNull();
    expect((await listModerationQueue(db)).items.map((c) => c.id)).toEqual(ids.slice(10, 60));
  });
});
