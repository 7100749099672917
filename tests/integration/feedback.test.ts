import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approveComments, banFromCommenting, getActiveBan, listApprovedComments, postComment, rejectComments } from '@/lib/comments/comments';
import type { Db } from '@/lib/db/client';
import { feedback, ledger, notifications } from '@/lib/db/schema';
import { getBalance, getLedgerSum } from '@/lib/feathers/ledger';
import { answerFeedback, listMyFeedback, listOpenFeedback, sendFeedback } from '@/lib/feedback/feedback';
import { FeedbackText } from '@/lib/feedback/text';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const SLUG = 'how-ecommerce-operations-work';
const T0 = new Date('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const reader = async (db: Db, username: string) => (await testAccount(db, username)).id;

async function posted(db: Db, accountId: number, text: string) {
  const result = await postComment(db, accountId, SLUG, text, T0);
  if (!result.ok) throw new Error(result.code);
  return result.comment.id;
}

describe('feedback text', () => {
  it('is plain text of 1–1000 characters, line breaks kept', () => {
    expect(FeedbackText.parse('  建议\r\n增加夜间模式 ')).toBe('建议\n增加夜间模式');
    expect(FeedbackText.safeParse('  ').error?.issues[0]?.message).toBe('feedback_empty');
    expect(FeedbackText.safeParse('字'.repeat(1001)).error?.issues[0]?.message).toBe('feedback_too_long');
    expect(FeedbackText.safeParse('a\u202eb').error?.issues[0]?.message).toBe('comment_invalid');
  });
});

describe.each(BACKENDS)('建议反馈 on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('an appeal restores a removed comment and pays its +10 again exactly once, whatever the retries', async () => {
    const db = await freshDb();
    const [author, moderator, other] = [await reader(db, 'author'), await reader(db, 'mod'), await reader(db, 'other')];
    const id = await posted(db, author, '被误删的评论');
    await approveComments(db, moderator, [id], at(1));
    await rejectComments(db, moderator, [id], 'spam', at(2)); // removed: the +10 taken back
    expect(await getBalance(db, author)).toBe(0);

    // Only the author's own rejected or removed comment can be contested.
    expect(await sendFeedback(db, other, { kind: 'comment_appeal', commentId: id, body: '不是我的' }, at(3))).toEqual({ ok: false, code: 'unknown_comment' });
    const sent = await sendFeedback(db, author, { kind: 'comment_appeal', commentId: id, body: '这不是广告' }, at(3));
    if (!sent.ok) throw new Error(sent.code);
    expect((await listOpenFeedback(db, 50, at(4))).map((f) => [f.id, f.author, f.kind, f.comment?.status])).toEqual([
      [sent.id, 'author', 'comment_appeal', 'removed'],
    ]);

    // Two moderators answer at once, and a retry after: one restore, one payment.
    const answers = await Promise.all([
      answerFeedback(db, moderator, sent.id, { answer: '已核实，恢复评论。', action: 'restore' }, at(5)),
      answerFeedback(db, moderator, sent.id, { answer: '已核实，恢复评论。', action: 'restore' }, at(5)),
    ]);
    expect(answers.filter((a) => a.ok)).toEqual([{ ok: true, outcome: 'restored', feathers: 10 }]);
    expect(await answerFeedback(db, moderator, sent.id, { answer: '再来一次', action: 'restore' }, at(6))).toEqual({ ok: false, code: 'unknown_feedback' });
    expect((await listApprovedComments(db, SLUG)).comments.map((c) => c.id)).toEqual([id]);
    expect(await getBalance(db, author)).toBe(10);
    expect(await getLedgerSum(db, author)).toBe(10);

    // Removed again: the restore's +10 is taken back too (it was not kept).
    await rejectComments(db, moderator, [id], 'spam', at(7));
    expect(await getBalance(db, author)).toBe(0);
    // Appealed again: restoring again pays nothing more, and removing it once more takes nothing.
    const again = await sendFeedback(db, author, { kind: 'comment_appeal', commentId: id, body: '又被删了' }, at(8));
    if (!again.ok) throw new Error(again.code);
    expect(await answerFeedback(db, moderator, again.id, { answer: '恢复', action: 'restore' }, at(9))).toEqual({ ok: true, outcome: 'restored', feathers: 0 });
    expect(
      await db
        .select()
        .from(ledger)
        .where(and(eq(ledger.accountId, author), eq(ledger.reason, 'comment_restored'))),
    ).toHaveLength(1);
    expect(await getBalance(db, author)).toBe(0);
    await approveComments(db, moderator, [await posted(db, author, '另一条评论')], at(10));
    await rejectComments(db, moderator, [id], 'spam', at(11));
    expect(await getBalance(db, author)).toBe(10);
    expect(await getBalance(db, author)).toBe(await getLedgerSum(db, author));

    // The reader sees the answers on /me and in the notifications.
    expect((await listMyFeedback(db, author)).map((f) => [f.body, f.status, f.answer, f.outcome])).toEqual([
      ['又被删了', 'answered', '恢复', 'restored'],
      ['这不是广告', 'answered', '已核实，恢复评论。', 'restored'],
    ]);
    const told = await db.select({ payload: notifications.payload }).from(notifications).where(eq(notifications.accountId, author));
    expect(told.map((n) => n.payload).filter((p) => (p as { kind: string }).kind === 'feedback_answered')).toEqual([
      { kind: 'feedback_answered', feedbackId: sent.id, outcome: 'restored', feathers: 10 },
      { kind: 'feedback_answered', feedbackId: again.id, outcome: 'restored', feathers: 0 },
    ]);
  });

  it('a rejected comment restored on appeal is published and paid +10 once', async () => {
    const db = await freshDb();
    const [author, moderator] = [await reader(db, 'author'), await reader(db, 'mod')];
    const id = await posted(db, author, '驳回错了');
    await rejectComments(db, moderator, [id], 'spam', at(1));
    const sent = await sendFeedback(db, author, { kind: 'comment_appeal', commentId: id, body: '请复核' }, at(2));
    if (!sent.ok) throw new Error(sent.code);
    expect(await answerFeedback(db, moderator, sent.id, { answer: '已恢复', action: 'restore' }, at(3))).toEqual({
      ok: true,
      outcome: 'restored',
      feathers: 10,
    });
    expect(await getBalance(db, author)).toBe(10);
    // A pending comment cannot be appealed, nor one that was approved all along.
    const fine = await posted(db, author, '正常的评论');
    expect(await sendFeedback(db, author, { kind: 'comment_appeal', commentId: fine, body: '?' }, at(4))).toEqual({ ok: false, code: 'unknown_comment' });
  });

  it('an appeal against a ban lifts it; a reader without a ban cannot appeal one', async () => {
    const db = await freshDb();
    const [author, moderator] = [await reader(db, 'banned'), await reader(db, 'mod')];
    expect(await sendFeedback(db, author, { kind: 'ban_appeal', commentId: null, body: '为什么' }, T0)).toEqual({ ok: false, code: 'not_banned' });
    await banFromCommenting(db, moderator, author, null, 'unfriendly', T0);
    const sent = await sendFeedback(db, author, { kind: 'ban_appeal', commentId: null, body: '我会遵守公约' }, at(1));
    if (!sent.ok) throw new Error(sent.code);
    expect((await listOpenFeedback(db, 50, at(2)))[0]).toMatchObject({ kind: 'ban_appeal', banned: true });
    expect(await answerFeedback(db, moderator, sent.id, { answer: '已解除', action: 'lift_ban' }, at(3))).toEqual({
      ok: true,
      outcome: 'ban_lifted',
      feathers: 0,
    });
    expect(await getActiveBan(db, author, at(4))).toBeNull();
    expect(await postComment(db, author, SLUG, '我又能说话了', at(5))).toMatchObject({ ok: true });
    // Lifting a ban that is no longer there is refused, and leaves the message open.
    const late = await sendFeedback(db, author, { kind: 'suggestion', commentId: null, body: '建议加夜间模式' }, at(6));
    if (!late.ok) throw new Error(late.code);
    expect(await answerFeedback(db, moderator, late.id, { answer: '?', action: 'lift_ban' }, at(7))).toEqual({ ok: false, code: 'not_banned' });
    expect((await db.select({ status: feedback.status }).from(feedback).where(eq(feedback.id, late.id)))[0]!.status).toBe('open');
    expect(await answerFeedback(db, moderator, late.id, { answer: '谢谢，已经在做了。', action: 'answer' }, at(8))).toEqual({
      ok: true,
      outcome: null,
      feathers: 0,
    });
  });

  it('allows 5 messages per 10 minutes, even when 8 arrive at once', async () => {
    const db = await freshDb();
    const author = await reader(db, 'chatty');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => sendFeedback(db, author, { kind: 'suggestion', commentId: null, body: `建议 ${i}` }, T0)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === 'feedback_rate_limited')).toHaveLength(3);
    expect(await sendFeedback(db, author, { kind: 'suggestion', commentId: null, body: '过了十分钟' }, at(10.5))).toMatchObject({ ok: true });
  });
});
