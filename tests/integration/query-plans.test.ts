import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAccountData, deleteAccount } from '@/lib/account/manage';
import { createSession, getSessionAccountWith } from '@/lib/auth/sessions';
import {
  approveComments,
  getActiveBan,
  listApprovedComments,
  listModerationQueue,
  listMyComments,
  listOwnComments,
  postComment,
  rejectComments,
  reportComment,
} from '@/lib/comments/comments';
import { getGiftSource, listGifts } from '@/lib/content/site';
import type { Db } from '@/lib/db/client';
import { grantFeathers } from '@/lib/feathers/grant';
import { listLedger } from '@/lib/feathers/ledger';
import { listRedemptions, redeemGift } from '@/lib/feathers/mall';
import { answerQuiz } from '@/lib/feathers/rewards';
import { unlockArticle } from '@/lib/feathers/unlock';
import { listMyFeedback, listOpenFeedback } from '@/lib/feedback/feedback';
import { listNotifications, markNotificationsSeen } from '@/lib/notifications/notifications';
import { accountExtras } from '@/lib/reader/account-extras';
import { getArticleState } from '@/lib/reader/article-state';
import { listFavourites, setFavourite } from '@/lib/reader/favourites';
import { rateArticle } from '@/lib/reader/ratings';
import { migratedDatabase } from './support/databases';
import { testAccount } from './support/sign-up';

// Every statement the personal requests send must be able to use an index on the
// tables that grow with readers: with years of data (bench:scale) a sequential scan
// of one of them is what turns a 5 ms request into a 500 ms one. The statements are
// taken from the app's own functions as they run (the pg driver's queries), then each
// is EXPLAINed with sequential scans disabled: where the planner still chooses one,
// no index can serve it.

const GROWING = new Set([
  'accounts',
  'sessions',
  'ledger',
  'comments',
  'comment_reports',
  'comment_bans',
  'redemptions',
  'favourites',
  'ratings',
  'quiz_attempts',
  'unlocks',
  'notifications',
  'consents',
  'share_visits',
  'password_resets',
  'retired_usernames',
  'rate_limits',
  'feedback',
  // One row per article, but read on every page load: a primary-key lookup, never a scan.
  'article_stats',
]);
const SLUG = 'how-ecommerce-operations-work';

type Captured = { text: string; values: unknown[] };
let captured: Captured[] = [];
let capturing = false;
const originalQuery = pg.Client.prototype.query;

function startCapture() {
  captured = [];
  capturing = true;
}

beforeAll(() => {
  // The driver's one entry point: drizzle calls client.query({ text }, values).
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (capturing) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const text = typeof first === 'string' ? first : first?.text;
      const values = (typeof first === 'string' ? undefined : first?.values) ?? (Array.isArray(second) ? second : []);
      if (typeof text === 'string') captured.push({ text, values });
    }
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] && GROWING.has(node['Relation Name'])) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

const CONTROL = /^\s*(begin|commit|rollback|savepoint|release|set|show|select pg_|select 1\b)/i;

describe('query plans on PostgreSQL', () => {
  let drop: () => Promise<void>;
  let db: Db;
  let url: string;

  beforeAll(async () => {
    const created = await migratedDatabase('postgres');
    drop = created.drop;
    db = created.handle.db;
    url = created.url!;
  }, 60_000);
  afterAll(async () => {
    await drop?.();
  });

  it('every statement of the personal requests can use an index on the tables that grow', async () => {
    const reader = await testAccount(db, 'reader');
    const author = await testAccount(db, 'author');
    const moderator = await testAccount(db, 'moderator');
    const other = await testAccount(db, 'other');
    const gift = getGiftSource(listGifts('zh-CN')[0]!.id)!;
    await grantFeathers(db, { username: 'reader', amount: '500', reason: 'for the test' });
    const pending = await postComment(db, author.id, SLUG, '第一条评论');
    const second = await postComment(db, author.id, SLUG, '第二条评论');
    const third = await postComment(db, other.id, SLUG, '第三条评论');
    if (!pending.ok || !second.ok || !third.ok) throw new Error('comments not posted');

    startCapture();
    const { token } = await createSession(db, reader.id);
    await getSessionAccountWith(db, token, accountExtras);
    await getArticleState(db, reader.id, SLUG, false);
    await getArticleState(
      db,
      reader.id,
      SLUG,
      true,
      listGifts('zh-CN').map((g) => getGiftSource(g.id)!),
    );
    await setFavourite(db, reader.id, SLUG, true);
    await setFavourite(db, reader.id, SLUG, false);
    await rateArticle(db, reader.id, SLUG, 4);
    await answerQuiz(db, reader.id, SLUG, 1, 1);
    await unlockArticle(db, reader.id, SLUG, 20);
    await redeemGift(db, reader.id, gift, 'plan-test-key-000001');
    await listLedger(db, reader.id);
    await listLedger(db, reader.id, { before: 1_000_000 });
    await listRedemptions(db, reader.id);
    await listFavourites(db, reader.id);
    const notes = await listNotifications(db, reader.id);
    if (notes[0]) await markNotificationsSeen(db, reader.id, notes[0].id);
    await postComment(db, reader.id, SLUG, '读者的评论');
    await listApprovedComments(db, SLUG, 1);
    await listApprovedComments(db, SLUG, 50);
    await listOwnComments(db, reader.id, SLUG);
    await listMyComments(db, reader.id);
    await getActiveBan(db, reader.id);
    await listModerationQueue(db);
    await listOpenFeedback(db);
    await listMyFeedback(db, reader.id);
    await approveComments(db, moderator.id, [pending.comment.id]);
    await reportComment(db, reader.id, pending.comment.id, 'spam');
    await rejectComments(db, moderator.id, [second.comment.id], 'spam');
    await exportAccountData(db, reader.id);
    await deleteAccount(db, other.id);
    capturing = false;

    const statements = captured.filter((q) => !CONTROL.test(q.text));
    expect(statements.length).toBeGreaterThan(30);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const offenders: string[] = [];
    try {
      await client.query('set enable_seqscan = off');
      for (const { text, values } of statements) {
        const { rows } = await client.query(`explain (format json) ${text}`, values).catch((error: Error) => {
          throw new Error(`${error.message}: ${text} ${JSON.stringify(values)}`);
        });
        const plan = (rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
        const scans = seqScans(plan);
        if (scans.length > 0) offenders.push(`${scans.join(', ')}: ${text.replace(/\s+/g, ' ').slice(0, 240)}`);
      }
    } finally {
      await client.end();
    }
    expect(offenders).toEqual([]);
  }, 120_000);
});
