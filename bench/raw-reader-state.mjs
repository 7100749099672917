#!/usr/bin/env node
// The database work of one signed-in `GET /api/reader-state?article=<slug>`, done
// with `pg` alone: the same two statements, in the same order as app/api/reader-state/route.ts (session and account with
// the unseen notifications and accepted consents, lib/reader/account-extras.ts; then the article's favourites, ratings,
// quiz attempt, unlock and gifts' stock in one statement, lib/reader/article-state.ts), by 50 concurrent callers on a
// pool as large as the stack's two instances together (2 × 10). The ceiling for
// what the route could reach on this database; bench/run.mjs compares the route
// through the stack with it.
//
//   node bench/raw-reader-state.mjs <database url> <session token> <slug> <seconds> <connections> <gift,ids>
//
// Prints one JSON line: { requests, requestsPerSec, p50Ms, p99Ms, errors }.
import { createHash } from 'node:crypto';
import pg from 'pg';

const [url, token, slug, secondsArg, connectionsArg, giftsArg = ''] = process.argv.slice(2);
// The gifts shown beside the article (content/gifts.md), whose stock the route reads.
const giftIds = giftsArg.split(',').filter(Boolean);
if (giftIds.length === 0) throw new Error('no gift ids: pass them comma-separated as the sixth argument');
const seconds = Number(secondsArg);
const connections = Number(connectionsArg);
const pool = new pg.Pool({ connectionString: url, max: 20 });
const tokenHash = createHash('sha256').update(token).digest('hex');

async function readerState() {
  const { rows } = await pool.query(
    `select s.expires_at, a.id, a.username, a.is_moderator, a.referral_code, a.feathers, a.created_at,
       (select count(*)::int from notifications n where n.account_id = a.id and n.seen_at is null),
       (select json_object_agg(c.document, c.version) from consents c where c.account_id = a.id)
       from sessions s inner join accounts a on a.id = s.account_id where s.token_hash = $1 and a.deleted_at is null`,
    [tokenHash],
  );
  const account = rows[0];
  if (!account) throw new Error('no such session');
  const id = account.id;
  // lib/reader/article-state.ts: the article's part in one statement (its totals from
  // article_stats, the gifts' stock from gift_stock), as the route sends it.
  await pool.query(
    `select
       coalesce(t.favourites, 0) as favourites,
       exists (select 1 from favourites where account_id = $1 and article_slug = $2) as favourited,
       coalesce(t.ratings, 0) as ratings, coalesce(t.stars, 0)::float8 as stars,
       (select stars from ratings where account_id = $3 and article_slug = $4) as mine,
       coalesce(t.approved_comments, 0) as comments,
       (select correct from quiz_attempts where account_id = $5 and article_slug = $6) as correct,
       exists (select 1 from unlocks where account_id = $7 and article_slug = $8) as unlocked,
       (select json_object_agg(gift_id, redeemed) from gift_stock where gift_id in (${giftIds.map((_, i) => `$${10 + i}`).join(', ')})) as redeemed
     from (select 1) as one left join article_stats t on t.article_slug = $9`,
    [id, slug, id, slug, id, slug, id, slug, slug, ...giftIds],
  );
  return JSON.stringify({ available: true, account });
}

async function run(forMs, record) {
  const until = Date.now() + forMs;
  let errors = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const start = process.hrtime.bigint();
        try {
          await readerState();
          record?.(Number(process.hrtime.bigint() - start) / 1e6);
        } catch {
          errors++;
        }
      }
    }),
  );
  return errors;
}

await run(3000); // warm the pool and the plans, like wrk's warm-up
const latencies = [];
const started = Date.now();
const errors = await run(seconds * 1000, (ms) => latencies.push(ms));
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
console.log(JSON.stringify({ requests: latencies.length, requestsPerSec: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), errors }));
await pool.end();
